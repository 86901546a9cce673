"""A province-shaped data set for the benchmark, written in bulk (COPY on PostgreSQL, executemany on SQLite).

Scale 1.0: 7.000 organisations over 4 levels, 40 targets per organisation per year over 5 years (the current
year and the 4 before it), a reading at every half-year end up to today, 200.000 members, 20.000 documents
with links and 2 tasks each. Every derived column (paths, folded names, canonical numbers, the stored outcome
of each reading) is computed with the product's own helpers, so the product reads the data as its own.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from committees.models import Member, Organisation
from core.vn import fold
from resolutions.models import Document, DocumentLink, Task
from resolutions.numbering import parse_number
from targets.models import OutcomeStep, Reading, SubtreeStep, Target
from targets.outcomes import steps
from targets.outcomes.achievement import YES_NO_SHAPES, Outcome
from targets.periods import parse_period
from targets.services import _stored, plan_of

DEFAULT_ORGANISATIONS = 7000
TARGETS_PER_ORG_YEAR = 40
YEARS = 5
DEFAULT_MEMBERS = 200_000
DEFAULT_DOCUMENTS = 20_000
TASKS_PER_DOCUMENT = 2
CODE_PREFIX = "BP"  # every generated organisation, target and document code starts with this

D = Decimal

# (title, shape, unit, plan fields by variant, candidate values): the 40 targets every organisation sets
# each year, in 10 shapes. Values are drawn from small sets so that outcomes can be memoised.
_SHAPE_SPECS: list[tuple[str, str, str, list[dict[str, Any]], list[Any]]] = [
    (
        "Kết nạp đảng viên mới",
        "quantity",
        "người",
        [{"planned": D(40)}, {"planned": D(60)}, {"planned": D(25)}],
        [D(10), D(20), D(28), D(35), D(45), D(60), D(75)],
    ),
    (
        "Tổ chức học tập, quán triệt nghị quyết",
        "count",
        "nội dung",
        [{"planned": D(8)}, {"planned": D(12)}, {"planned": D(10)}],
        [D(2), D(4), D(6), D(8), D(10), D(12), D(14)],
    ),
    (
        "Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ",
        "rate_floor",
        "%",
        [{"planned": D(90)}, {"planned": D(85)}, {"planned": D(95)}],
        [D(80), D("84.5"), D(88), D(90), D("92.3"), D(96), D(99)],
    ),
    (
        "Tỷ lệ hộ nghèo",
        "rate_ceiling",
        "%",
        [{"planned": D(3)}, {"planned": D("2.5")}, {"planned": D(4)}],
        [D(0), D("1.2"), D("2.4"), D("2.5"), D(3), D("3.8"), D("4.6")],
    ),
    (
        "Tốc độ tăng trưởng kinh tế",
        "range",
        "%",
        [{"planned_low": D("6.5"), "planned_high": D(7)}, {"planned_low": D(7), "planned_high": D(8)}],
        [D("5.1"), D(6), D("6.5"), D("6.8"), D("7.2"), D("7.9"), D("8.4")],
    ),
    (
        "Giảm tỷ lệ trẻ em suy dinh dưỡng",
        "reduction",
        "%",
        [{"planned": D(1), "baseline": D(12)}, {"planned": D("1.5"), "baseline": D(10)}],
        [D(8), D("9.5"), D(10), D("10.8"), D("11.2"), D(12)],
    ),
    (
        "Thu ngân sách trên địa bàn",
        "growth",
        "tỷ đồng",
        [{"planned": D(5)}, {"planned": D(8)}],
        [D(90), D(98), D(104), D(106), D(110), D(118)],
    ),
    (
        "Chỉ số năng lực cạnh tranh (PCI)",
        "rank",
        "",
        [{"planned": D(10), "rank_out_of": 63}, {"planned": D(20), "rank_out_of": 63}],
        [D(4), D(8), D(10), D(15), D(21), D(30)],
    ),
    (
        "Hoàn thành đề án chuyển đổi số",
        "milestone",
        "",
        [{}],
        [True, False, True],
    ),
    (
        "Duy trì không có điểm nóng về an ninh trật tự",
        "maintain",
        "",
        [{}],
        [True, True, False],
    ),
]
# The 40 titles: 4 subjects per shape ("… (lĩnh vực 3)"), so that last year's target has the same title.
TITLES: list[tuple[int, str]] = [
    (spec, f"{_SHAPE_SPECS[spec][0]} (lĩnh vực {n + 1})") for n in range(4) for spec in range(10)
]

_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân"]
_GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh",
    "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thảo",
    "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến", "Ánh", "Đông", "Thủy", "Tùng", "Hiếu",
]  # fmt: skip
_DOC_TYPES = ["NQ", "CT", "KH", "KL", "CTr", "HD"]
_DOC_TOPICS = [
    "về phát triển kinh tế - xã hội",
    "về công tác xây dựng Đảng",
    "về chuyển đổi số",
    "về xây dựng nông thôn mới",
    "về công tác cán bộ",
    "về bảo vệ môi trường",
    "về phòng, chống tham nhũng",
    "về giáo dục và đào tạo",
]


@dataclass
class Sizes:
    organisations: int
    members: int
    documents: int
    targets_per_org_year: int = TARGETS_PER_ORG_YEAR
    years: int = YEARS

    @classmethod
    def for_scale(cls, scale: float) -> Sizes:
        return cls(
            organisations=max(8, round(DEFAULT_ORGANISATIONS * scale)),
            members=max(20, round(DEFAULT_MEMBERS * scale)),
            documents=max(12, round(DEFAULT_DOCUMENTS * scale)),
        )


@dataclass
class Generated:
    """What the generator made: counts, the ids the benchmark needs, and how long each table took."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    root_id: int = 0
    mid_id: int = 0
    grassroots_id: int = 0
    root_document_id: int = 0
    years: list[int] = field(default_factory=list)


class _Shared(tuple[Any, ...]):
    """The last columns of a row, the same for many rows (a target's plan, a reading's stored outcome): a
    row may end with one, and its COPY text is built once (formatting every value of 26 M readings one by
    one was most of the generator's time at scale 10)."""

    text: str


def _pg_line(row: Sequence[Any]) -> str:
    last = row[-1] if row else None
    if type(last) is _Shared:
        text = last.__dict__.get("text")
        if text is None:
            text = last.text = "\t".join(map(_pg_text, last))
        return "\t".join(map(_pg_text, row[:-1])) + "\t" + text + "\n"
    return "\t".join(map(_pg_text, row)) + "\n"


def _flat(row: Sequence[Any]) -> Sequence[Any]:
    last = row[-1] if row else None
    return (*row[:-1], *last) if type(last) is _Shared else row


class _Writer:
    """Bulk rows into one table: PostgreSQL COPY (text format) or SQLite executemany."""

    def __init__(self) -> None:
        self.vendor = connection.vendor

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        table = model._meta.db_table
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                raw = cursor.connection.cursor()  # psycopg 3: COPY straight from Python strings
                with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    chunk: list[str] = []
                    for row in rows:
                        chunk.append(_pg_line(row))
                        count += 1
                        if len(chunk) >= 20000:
                            copy.write("".join(chunk))
                            chunk.clear()
                    if chunk:
                        copy.write("".join(chunk))
            else:
                sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
                batch: list[Sequence[Any]] = []
                for row in rows:
                    batch.append(_flat(row))
                    count += 1
                    if len(batch) >= 5000:
                        cursor.executemany(sql, batch)
                        batch.clear()
                if batch:
                    cursor.executemany(sql, batch)
        return count

    def next_id(self, model: type[models.Model]) -> int:
        return (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def finish(self, tables: list[type[models.Model]]) -> None:
        if self.vendor != "postgresql":
            return  # SQLite's AUTOINCREMENT follows the largest id inserted
        with connection.cursor() as cursor:
            for model in tables:
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
                )
            for model in tables:
                cursor.execute(f"ANALYZE {model._meta.db_table}")


@contextmanager
def _indexes_built_after(tables: list[type[models.Model]]) -> Iterator[None]:
    """On PostgreSQL, drop the tables' plain indexes (not those behind a primary key or unique constraint)
    and their foreign keys while their rows go in, then build each index in one sort, add the foreign keys
    back (each checked over the whole table in one query, instead of one deferred check per row at commit)
    and ANALYZE the tables: inserting 26 M readings into seven B-trees row by row, and checking their
    targets one by one, cost more than the COPY itself."""
    if connection.vendor != "postgresql":
        yield
        return
    names = [model._meta.db_table for model in tables]
    with connection.cursor() as cursor:
        # The deferred checks of the rows written so far run now: tables with pending checks cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY 1
            """,
            [names],
        )
        dropped = cursor.fetchall()
        cursor.execute(
            """
            SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2
            """,
            [names],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in dropped:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for name in names:
            cursor.execute(f"ANALYZE {name}")
        for _name, definition in dropped:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')


def _pg_text(value: Any) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    return str(value)


def _timed(result: Generated, name: str, work: Callable[[], int]) -> None:
    started = time.perf_counter()
    result.counts[name] = work()
    result.seconds[name] = round(time.perf_counter() - started, 2)


def generate(
    scale: float = 1.0, *, seed: int = 9, today: date | None = None, log: Callable[[str], None] | None = None
) -> Generated:
    """Fill the database (which should hold no other province) with a province of the given scale."""
    say = log or (lambda _msg: None)
    today = today or timezone.localdate()
    sizes = Sizes.for_scale(scale)
    rng = random.Random(seed)
    writer = _Writer()
    result = Generated(years=list(range(today.year - sizes.years + 1, today.year + 1)))
    now = timezone.now()
    entered_at: Any = now if writer.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)

    with transaction.atomic():
        orgs = _organisations(sizes, writer.next_id(Organisation))
        _timed(result, "organisations", lambda: writer.write(Organisation, *_organisation_rows(orgs)))
        say(f"organisations: {result.counts['organisations']:,} in {result.seconds['organisations']} s")
        result.root_id = orgs[0].id
        result.mid_id = next(o.id for o in orgs if o.depth == 1)
        result.grassroots_id = next(o.id for o in orgs if o.depth == 2)

        docs = _documents(sizes, orgs, writer.next_id(Document), rng, today)
        _timed(result, "documents", lambda: writer.write(Document, *_document_rows(docs)))
        link_start = writer.next_id(DocumentLink)
        _timed(result, "document links", lambda: writer.write(DocumentLink, *_link_rows(docs, link_start)))
        task_start = writer.next_id(Task)
        _timed(result, "tasks", lambda: writer.write(Task, *_task_rows(docs, orgs, task_start, rng, today)))
        result.root_document_id = docs[0].id
        say(f"documents: {result.counts['documents']:,}, tasks: {result.counts['tasks']:,}")

        member_start = writer.next_id(Member)
        target_start = writer.next_id(Target)
        reading_start = writer.next_id(Reading)
        plans = _TargetPlans(sizes, orgs, docs, result.years, target_start)
        started = time.perf_counter()
        with _indexes_built_after([Member, Target, Reading]):
            _timed(
                result, "members", lambda: writer.write(Member, *_member_rows(sizes, orgs, member_start, rng))
            )
            say(f"members: {result.counts['members']:,} in {result.seconds['members']} s")
            _timed(result, "targets", lambda: writer.write(Target, *plans.target_rows()))
            say(f"targets: {result.counts['targets']:,} in {result.seconds['targets']} s")
            _timed(
                result,
                "readings",
                lambda: writer.write(Reading, *plans.reading_rows(reading_start, today, entered_at, rng)),
            )
            say(f"readings: {result.counts['readings']:,} in {result.seconds['readings']} s")
            started = time.perf_counter()
        result.seconds["indexes of members, targets, readings"] = round(time.perf_counter() - started, 2)
        say(f"indexes built in {result.seconds['indexes of members, targets, readings']} s")
        # Written around the services, so the dashboards' outcome steps (own and per subtree) are
        # computed here, in one go (the window over every reading sorts in memory, not on disk).
        if writer.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '512MB'")
        with _indexes_built_after([OutcomeStep, SubtreeStep]):
            _timed(result, "outcome steps", steps.rebuild_all)
        say(f"outcome steps: {result.counts['outcome steps']:,} in {result.seconds['outcome steps']} s")
        writer.finish(
            [Organisation, Document, DocumentLink, Task, Member, Target, Reading, OutcomeStep, SubtreeStep]
        )
    return result


# ----------------------------------------------------------------------------------------------- the tree


@dataclass
class _Org:
    id: int
    parent: _Org | None
    depth: int
    kind: str
    code: str
    name: str
    issuer_code: str
    path: str = ""


def _organisations(sizes: Sizes, start: int) -> list[_Org]:
    """Root → districts (huyện ủy) → grassroots committees → cells: 4 levels, about 0,3% / 9% / 90%."""
    total = sizes.organisations
    n1 = max(2, round(total * 0.003))
    n2 = max(n1, round(total * 0.09))
    n3 = max(1, total - 1 - n1 - n2)
    ids = iter(range(start, start + 1 + n1 + n2 + n3))
    root = _Org(next(ids), None, 0, "provincial", f"{CODE_PREFIX}", "Tỉnh ủy Bình Phước Mẫu", "TU")
    orgs = [root]
    level1 = []
    for n in range(n1):
        org = _Org(
            next(ids), root, 1, "upper_grassroots", f"{CODE_PREFIX}-{n + 1}", f"Huyện ủy số {n + 1}", "HU"
        )
        level1.append(org)
    level2 = []
    for n in range(n2):
        parent = level1[n % n1]
        org = _Org(
            next(ids),
            parent,
            2,
            "grassroots_committee",
            f"{parent.code}-{n + 1}",
            f"Đảng bộ xã số {n + 1}",
            "ĐU",
        )
        level2.append(org)
    level3 = []
    for n in range(n3):
        parent = level2[n % n2]
        org = _Org(next(ids), parent, 3, "cell", f"{parent.code}-{n + 1}", f"Chi bộ thôn số {n + 1}", "")
        level3.append(org)
    orgs += level1 + level2 + level3
    for org in orgs:  # parents come first in this order
        org.path = f"{org.parent.path if org.parent else ''}{org.id:07d}/"
    return orgs


def _organisation_rows(orgs: list[_Org]) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    columns = [
        "id", "code", "kind", "name", "committee_name", "issuer_code", "place_name", "parent_id", "path",
        "depth", "valid_from", "valid_to", "merged_into_id", "name_folded",
    ]  # fmt: skip
    rows = (
        (
            o.id,
            o.code,
            o.kind,
            o.name,
            f"Ban Chấp hành {o.name}" if o.depth < 3 else "",
            o.issuer_code,
            "Đồng Xoài",
            o.parent.id if o.parent else None,
            o.path,
            o.depth,
            None,
            None,
            None,
            fold(o.name),
        )
        for o in orgs
    )
    return columns, rows


# ------------------------------------------------------------------------------------------ documents


@dataclass
class _Doc:
    id: int
    org: _Org
    raw: str
    title: str
    issued_on: date
    implements: int | None  # the id of the document above it in the implementation tree


def _documents(sizes: Sizes, orgs: list[_Org], start: int, rng: random.Random, today: date) -> list[_Doc]:
    """Root documents, then each district's plans implementing them, then each commune's implementing those."""
    issuers = [o for o in orgs if o.depth <= 2]
    root, level1 = issuers[0], [o for o in issuers if o.depth == 1]
    level2 = [o for o in issuers if o.depth == 2]
    n_root = max(4, sizes.documents // 100)
    n_level1 = max(len(level1), sizes.documents * 3 // 10)
    n_level2 = max(1, sizes.documents - n_root - n_level1)
    counters: dict[tuple[str, str], int] = {}
    docs: list[_Doc] = []
    by_org: dict[int, list[_Doc]] = {}
    first_year = today.year - sizes.years + 1

    def add(org: _Org, implements: _Doc | None, n: int) -> _Doc:
        type_code = _DOC_TYPES[n % len(_DOC_TYPES)] if implements is None else ("KH", "CTr", "HD")[n % 3]
        key = (org.issuer_code, type_code)
        counters[key] = counters.get(key, 0) + 1
        year = first_year + n % sizes.years
        base = implements.issued_on if implements else date(year, 1, 1)
        issued = min(today, date(base.year, min(12, base.month + rng.randint(0, 3)), rng.randint(1, 28)))
        topic = _DOC_TOPICS[n % len(_DOC_TOPICS)]
        title = (
            f"Kế hoạch thực hiện {implements.raw} {topic}" if implements else f"Nghị quyết {topic} năm {year}"
        )
        doc = _Doc(start + len(docs), org, f"{counters[key]}-{type_code}/{org.issuer_code}", title, issued,
                   implements.id if implements else None)  # fmt: skip
        docs.append(doc)
        by_org.setdefault(org.id, []).append(doc)
        return doc

    root_docs = [add(root, None, n) for n in range(n_root)]
    for n in range(n_level1):
        org = level1[n % len(level1)]
        add(org, root_docs[(n // len(level1)) % len(root_docs)], n)
    for n in range(n_level2):
        org = level2[n % len(level2)]
        above = by_org.get(org.parent.id if org.parent else 0) or root_docs
        add(org, above[(n // len(level2)) % len(above)], n)
    return docs


def _document_rows(docs: list[_Doc]) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    columns = [
        "id", "system", "type_code", "number", "canonical_number", "raw_number", "issuers", "year",
        "term_label", "issuer_organisation_id", "issuer_name", "organisation_id", "issued_on", "title",
        "title_folded", "status", "attachment",
    ]  # fmt: skip

    def rows() -> Iterator[tuple[Any, ...]]:
        for d in docs:
            parsed = parse_number(d.raw)
            assert parsed.outcome in ("VALID", "NORMALIZED"), (d.raw, parsed.outcome)
            yield (
                d.id, parsed.system, parsed.type_code, parsed.number, parsed.canonical, d.raw,
                "-".join(parsed.issuers), d.issued_on.year, "", d.org.id, d.org.name, d.org.id, d.issued_on,
                d.title, fold(d.title), "in_force", "",
            )  # fmt: skip

    return columns, rows()


def _link_rows(docs: list[_Doc], start: int) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    columns = ["id", "source_id", "target_id", "kind"]
    linked = [d for d in docs if d.implements is not None]
    return columns, ((start + n, d.id, d.implements, "implements") for n, d in enumerate(linked))


def _task_rows(
    docs: list[_Doc], orgs: list[_Org], start: int, rng: random.Random, today: date
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    columns = ["id", "code", "document_id", "organisation_id", "title", "title_folded", "due_on", "done_on"]

    def rows() -> Iterator[tuple[Any, ...]]:
        n = start
        for d in docs:
            for k in range(TASKS_PER_DOCUMENT):
                title = f"Triển khai nội dung {k + 1} của {d.raw}"
                due = None if k == 1 else date(d.issued_on.year, 12, 31)
                done = due if due and due < today and rng.random() < 0.6 else None
                yield (n, "", d.id, d.org.id, title, fold(title), due, done)
                n += 1

    return columns, rows()


# -------------------------------------------------------------------------------------------- members


def _member_rows(
    sizes: Sizes, orgs: list[_Org], start: int, rng: random.Random
) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    columns = [
        "id", "organisation_id", "full_name", "full_name_folded", "gender", "birth_date", "ethnicity",
        "religion", "admitted_on", "official_on", "status",
    ]  # fmt: skip
    homes = [o for o in orgs if o.depth == 3] or orgs

    folded: dict[str, str] = {}

    def rows() -> Iterator[tuple[Any, ...]]:
        for n in range(sizes.members):
            name = f"{rng.choice(_SURNAMES)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"
            name_folded = folded.get(name) or folded.setdefault(name, fold(name))
            birth = date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
            admitted = date(birth.year + rng.randint(19, 24), rng.randint(1, 12), rng.randint(1, 28))
            probationary = n % 25 == 0
            official = None if probationary else date(admitted.year + 1, admitted.month, admitted.day)
            yield (
                start + n, homes[n % len(homes)].id, name, name_folded, "female" if n % 3 == 0 else "male",
                birth, "Kinh" if n % 10 else "Tày", "", admitted, official,
                "probationary" if probationary else "official",
            )  # fmt: skip

    return columns, rows()


# ------------------------------------------------------------------------------------ targets, readings


class _TargetPlans:
    """Targets for every organisation and year, and their readings with the stored outcome memoised."""

    TARGET_COLUMNS = [
        "id", "code", "organisation_id", "title", "title_folded", "period", "period_start", "period_end",
        "shape", "unit", "planned", "planned_low", "planned_high", "baseline", "reduction_unit", "strict",
        "rank_out_of", "document_id", "parent_id", "position",
    ]  # fmt: skip
    READING_COLUMNS = [
        "id", "target_id", "cut_off", "value", "done", "previous", "kind", "note", "reason", "supersedes_id",
        "entered_by_id", "entered_at", "is_current", "measure", "achievement_pct", "status", "flagged",
    ]  # fmt: skip

    def __init__(
        self, sizes: Sizes, orgs: list[_Org], docs: list[_Doc], years: list[int], start: int
    ) -> None:
        self.sizes, self.orgs, self.years, self.start = sizes, orgs, years, start
        self.root_docs = [d.id for d in docs if d.implements is None]
        self.titles = [TITLES[n % len(TITLES)] for n in range(sizes.targets_per_org_year)]
        self.folded = [fold(t) for _, t in self.titles]
        self._plans: dict[tuple[int, int], Target] = {}
        self._outcomes: dict[tuple[Any, ...], Outcome] = {}

    def _plan(self, spec: int, variant: int) -> Target:
        key = (spec, variant)
        if key not in self._plans:
            _title, shape, unit, variants, _values = _SHAPE_SPECS[spec]
            fields = variants[variant % len(variants)]
            self._plans[key] = Target(shape=shape, unit=unit, **fields)
        return self._plans[key]

    def _targets(self) -> Iterator[tuple[int, int, _Org, int, int]]:
        """(target id, year, organisation, title index, plan variant) in id order."""
        n = self.start
        for year in self.years:
            for org in self.orgs:
                for t in range(len(self.titles)):
                    yield n, year, org, t, (org.id + t) % 3
                    n += 1

    def target_rows(self) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        shared: dict[tuple[Any, ...], _Shared] = {}

        def rows() -> Iterator[tuple[Any, ...]]:
            for n, year, org, t, variant in self._targets():
                # Every committee's targets (province, district, grassroots) cite a province document; a
                # cell's do not. The same shape at every committee, so pages compared at two sizes of
                # scope meet the same kinds of rows (issue 24: the grassroots scope had no document).
                document = self.root_docs[t % len(self.root_docs)] if org.depth <= 2 else None
                key = (year, t, variant, document)
                rest = shared.get(key)
                if rest is None:
                    spec, title = self.titles[t]
                    plan = self._plan(spec, variant)
                    rest = shared[key] = _Shared((
                        title, self.folded[t], str(year), date(year, 1, 1), date(year, 12, 31), plan.shape,
                        plan.unit, plan.planned, plan.planned_low, plan.planned_high, plan.baseline, "points",
                        True, plan.rank_out_of, document, None, t,
                    ))  # fmt: skip
                yield n, f"{CODE_PREFIX}{n}", org.id, rest

        return self.TARGET_COLUMNS, rows()

    def _outcome(
        self, spec: int, variant: int, year: int, cut_off: date, value: Any, previous: Any
    ) -> Outcome:
        key = (spec, variant, year, cut_off.month, value, previous)
        outcome = self._outcomes.get(key)
        if outcome is None:
            from targets.outcomes.achievement import evaluate

            plan = self._plan(spec, variant)
            actual = value
            outcome = evaluate(
                plan_of(plan), actual, previous=previous, elapsed=parse_period(str(year)).elapsed(cut_off)
            )
            self._outcomes[key] = outcome
        return outcome

    def reading_rows(
        self, start: int, today: date, entered_at: Any, rng: random.Random
    ) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
        shared: dict[tuple[Any, ...], _Shared] = {}

        def rest_of(spec: int, variant: int, year: int, cut_off: date, value: Any, previous: Any, kind: str,
                    current: bool) -> _Shared:  # fmt: skip
            """Every column after target_id, for a reading that supersedes none."""
            key = (spec, variant, year, cut_off, value, previous, kind, current)
            rest = shared.get(key)
            if rest is None:
                boolean = _SHAPE_SPECS[spec][1] in YES_NO_SHAPES
                outcome = self._outcome(spec, variant, year, cut_off, value, previous)
                rest = shared[key] = _Shared((
                    cut_off, None if boolean else value, value if boolean else None, previous, kind, "", "",
                    None, None, entered_at, current, _stored(outcome.measure),
                    _stored(outcome.achievement_pct), str(outcome.status), False,
                ))  # fmt: skip
            return rest

        def rows() -> Iterator[tuple[Any, ...]]:
            n = start
            pick = rng.randrange
            for target_id, year, _org, t, variant in self._targets():
                spec = self.titles[t][0]
                shape, values = _SHAPE_SPECS[spec][1], _SHAPE_SPECS[spec][4]
                boolean = shape in YES_NO_SHAPES
                for cut_off in (date(year, 6, 30), date(year, 12, 31)):
                    if cut_off > today:
                        break
                    value = values[pick(len(values))]
                    if shape in ("quantity", "count") and cut_off.month == 6:
                        value = (value / 2).to_integral_value()
                    previous = D(100) if shape == "growth" else (D(15) if shape == "rank" else None)
                    kind = "estimate" if cut_off.month == 6 and year == today.year else "official"
                    if pick(50) == 0:  # an estimate corrected by the official figure
                        yield n, target_id, rest_of(spec, variant, year, cut_off, values[0], previous, "estimate",
                                                    False)  # fmt: skip
                        outcome = self._outcome(spec, variant, year, cut_off, value, previous)
                        yield (
                            n + 1, target_id, cut_off, None if boolean else value, value if boolean else None,
                            previous, "official", "", "", n, None, entered_at, True, _stored(outcome.measure),
                            _stored(outcome.achievement_pct), str(outcome.status), False,
                        )  # fmt: skip
                        n += 2
                        continue
                    yield n, target_id, rest_of(spec, variant, year, cut_off, value, previous, kind, True)
                    n += 1

        return self.READING_COLUMNS, rows()
