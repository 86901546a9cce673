"""Demo data built from the shared seed articles (../shared/seeds): organisations, members, committee
seats, documents, targets with readings, tasks, ratings, a meeting, and one login per role.

Every person's name is invented (generated from name parts with a fixed seed); the persons the articles
name never appear. Organisations, documents and figures are the articles'; where the demo had to invent
something (the names of units the article does not list, a programme number, a date the article leaves
out) the data says so.

The demo spans every app, so it lives in the right-most one. Everything is written through the services,
and loading twice changes nothing: each object is looked up by its stable key (organisation code, target
code, document number, username, …) before it is created.
"""

from reports.demo.hcm_targets import HCM_PROGRAMME
from reports.demo.load import load_demo, loaded_anchor
from reports.demo.loader import STORY_YEAR, DemoSummary, default_anchor, shift_date, shift_text
from reports.demo.people import ADMIN, DEMO_PASSWORD, LOGINS

__all__ = [
    "ADMIN",
    "DEMO_PASSWORD",
    "HCM_PROGRAMME",
    "LOGINS",
    "STORY_YEAR",
    "DemoSummary",
    "default_anchor",
    "load_demo",
    "loaded_anchor",
    "shift_date",
    "shift_text",
]
