"""The demo, built from the shared seed articles (../shared/seeds): organisations, members, documents,
targets with readings and tasks, terms, committee seats, a meeting, its report and the period narratives
are data files (demo/data/<set>/*.csv, one per workbook sheet) loaded through the exchange workbook's
importer as the administrator, so that the demo also proves the import path; quality ratings (whose
levels a file moved by years cannot give, demo.data.CODE_SHEETS), the reporting cycle and one login per
role are code (demo/story_hcm.py, demo/story_2020.py, demo/services.py, demo/people.py) (docs/demo.md).

Every person's name is invented; the persons the articles name never appear. Organisations, documents and
figures are the articles'; where the demo had to invent something the data says so. Loading twice changes
nothing: the importer matches rows by their codes and numbers, and the code looks each object up by its
stable key before creating it.

load_demo and loaded_anchor are in demo.services, the logins in demo.people, the year moves in demo.loader.
"""
