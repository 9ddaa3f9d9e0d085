"""Importing what a CRM export gives: clients, values, scores, surveys, effort (time sheets) and
the people at the clients (contacts) from CSV files.

Every row is checked and applied in memory first, through the Ledger's own commands on a Bulk;
one bad row refuses the whole file, with every bad row named by its line. The rows and the record
of the import are saved in one transaction. Content imported before is recognised by its hash and
imports nothing; rows equal to what the ledger already holds are skipped, so overlapping exports
do not double anything. A cell that kamledger's own export neutralised against CSV injection
('=...) is read as the text it stands for (domain/spreadsheet.py).
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from eventsourcing.application import AggregateNotFoundError

from kamledger.domain.effort import parse_hours
from kamledger.domain.errors import InvalidInput, KamError, RuleViolation
from kamledger.domain.imports import Import
from kamledger.domain.keys import checked_key, checked_name
from kamledger.domain.people import PersonLevel, Stance, checked_department, checked_person, people_on
from kamledger.domain.scorecard import QUESTION_COUNT, checked_answers
from kamledger.domain.spreadsheet import unguarded
from kamledger.domain.value import Period, parse_amount, parse_choice
from kamledger.service.commands.bulk import Bulk, refusal
from kamledger.service.commands.entry import Entry, make_entry
from kamledger.service.commands.commands import TierChange
from kamledger.service.commands.ledger import Ledger

QUESTIONS = tuple(f"q{number}" for number in range(1, QUESTION_COUNT + 1))


@dataclass(frozen=True)
class Layout:
    required: tuple[str, ...]
    optional: tuple[str, ...]


LAYOUTS = {
    "clients": Layout(("key", "name"), ("owner", "date")),
    "values": Layout(("key", "period", "revenue", "cost"), ("date",)),
    "scores": Layout(("key", "date", *QUESTIONS), ("note",)),
    "surveys": Layout(("key", "date", "satisfaction", "nps"), ("comment",)),
    "prospects": Layout(("key", "name"), ("owner", "source", "chance", "estimated_profit", "date")),
    "effort": Layout(("key", "date", "hours", "kind"), ("note",)),
    "contacts": Layout(("key", "person", "name", "role"), ("department", "level", "stance", "decides", "date")),
}


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    rows: int
    recorded: int = 0
    skipped: int = 0  # rows the ledger already held
    ignored_columns: tuple[str, ...] = ()
    tier_changes: list[TierChange] = field(default_factory=list)
    earlier: Import | None = None  # the same content, imported before: nothing was done


def import_csv(ledger: Ledger, kind: str, file_name: str, data: bytes, by: str | None) -> ImportResult:
    """Import a CSV file of the kind (see LAYOUTS) all or nothing; --by names who records it."""
    layout = LAYOUTS.get(kind)
    if layout is None:
        raise InvalidInput(f"cannot import '{kind}': choose {', '.join(LAYOUTS)} or events")
    content_hash = hashlib.sha256(data).hexdigest()
    try:
        earlier = ledger.repository.get(Import.create_id(kind, content_hash))
        return ImportResult(file_name, earlier.rows, earlier=earlier)
    except AggregateNotFoundError:
        pass
    columns, rows = read_rows(file_name, data, layout)
    importer = Importer(kind, make_entry(None, by))
    problems: list[tuple[int, KamError]] = []
    with ledger.bulk() as bulk:
        for line, row in rows:
            try:
                importer.take(bulk, row)
            except KamError as error:
                problems.append((line, error))
        if problems:
            raise refusal(file_name, problems, "row")
        who = importer.entry.recorded_by
        bulk.add(Import.record(kind, file_name, content_hash, len(rows), importer.recorded, date.today(), who))
    ignored = tuple(c for c in columns if c not in layout.required + layout.optional)
    return ImportResult(file_name, len(rows), importer.recorded, len(rows) - importer.recorded, ignored, bulk.tier_changes)


def read_rows(file_name: str, data: bytes, layout: Layout) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    """The header's column names and each non-blank row (by line number) as a dict of the known
    columns; a row with the wrong number of fields comes as its complaint."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(f"{file_name} is not UTF-8 text (byte {error.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = [name.strip().lower() for name in next(reader, [])]
        _check_header(file_name, columns, layout)
        rows, line = [], reader.line_num + 1
        for fields in reader:
            if any(f.strip() for f in fields):
                rows.append((line, _row(columns, fields)))
            line = reader.line_num + 1
    except csv.Error as error:
        raise InvalidInput(f"{file_name} line {reader.line_num}: {error}") from None
    except InvalidInput as error:
        raise InvalidInput(str(error)) from None
    return columns, rows


def _check_header(file_name: str, columns: list[str], layout: Layout) -> None:
    wanted = f"{', '.join(layout.required)}" + (f" (optionally {', '.join(layout.optional)})" if layout.optional else "")
    if not any(columns):
        raise InvalidInput(f"{file_name} has no header row: its first line names the columns {wanted}")
    doubled = sorted({c for c in columns if columns.count(c) > 1})
    if doubled:
        raise InvalidInput(f"{file_name} names the column {', '.join(doubled)} more than once")
    missing = [c for c in layout.required if c not in columns]
    if missing:
        hint = " (its columns seem separated by ';': save it with commas)" if len(columns) == 1 and ";" in columns[0] else ""
        raise InvalidInput(f"{file_name} lacks the column {', '.join(missing)}; its columns should be {wanted}{hint}")


def _row(columns: list[str], fields: list[str]) -> dict[str, Any] | InvalidInput:
    if len(fields) != len(columns):
        return InvalidInput(f"has {len(fields)} fields, the header names {len(columns)}")
    return {name: unguarded(value.strip()) for name, value in zip(columns, fields)}


class Importer:
    """Takes one row of a kind at a time onto a Bulk, skipping what the ledger already holds."""

    def __init__(self, kind: str, entry: Entry):
        self.take_row = getattr(self, f"_{kind}")
        self.entry = entry  # who imports, and today
        self.recorded = 0
        self._seen: dict[str, set[tuple]] = {}  # per client: scores and surveys already recorded

    def take(self, bulk: Bulk, row: dict[str, Any] | InvalidInput) -> None:
        if isinstance(row, InvalidInput):
            raise row
        self.recorded += self.take_row(bulk, checked_key(row["key"]), row)

    def _clients(self, bulk: Bulk, key: str, row: dict[str, Any]) -> int:
        entry, owner = self._entry(row.get("date")), row.get("owner") or None
        if not bulk.has_client(key):
            bulk.register_client(key, row["name"], owner, entry)
            return 1
        standing = bulk.relationship(key).standing
        if checked_name(row["name"], "a client's name") != standing.name:
            raise RuleViolation(f"'{key}' is already registered as '{standing.name}' (a client's name cannot change)")
        if owner is None or checked_name(owner, "an owner") == standing.owner:
            return 0
        bulk.assign_owner(key, owner, entry)
        return 1

    def _prospects(self, bulk: Bulk, key: str, row: dict[str, Any]) -> int:
        """A new prospect; one already in the ledger under that key and name is skipped (a client
        under that key is refused: a client is not added again as a prospect)."""
        if bulk.has_client(key):
            standing = bulk.relationship(key).standing
            if standing.prospect is None or checked_name(row["name"], "a prospect's name") != standing.name:
                raise RuleViolation(f"'{key}' is already registered as '{standing.name}'" + ("" if standing.prospect else ", a client"))
            return 0
        chance = whole_number(row["chance"], "chance") if row.get("chance") else None
        bulk.add_prospect(key, row["name"], row.get("owner") or None, row.get("source") or None, chance,
                          row.get("estimated_profit") or None, self._entry(row.get("date")))
        return 1

    def _values(self, bulk: Bulk, key: str, row: dict[str, Any]) -> int:
        entry = self._entry(row.get("date"))
        period = Period.parse(row["period"])
        amounts = parse_amount(row["revenue"], "revenue"), parse_amount(row["cost"], "cost to serve")
        recorded = bulk.relationship(key).standing.values.get(period.label)
        if recorded is not None and (recorded.revenue, recorded.cost_to_serve) == amounts:
            return 0
        bulk.record_value(key, row["period"], row["revenue"], row["cost"], entry)
        return 1

    def _scores(self, bulk: Bulk, key: str, row: dict[str, Any]) -> int:
        entry = self._entry(row["date"], required=True)
        answers = checked_answers([whole_number(row[q], q) for q in QUESTIONS])
        note = row.get("note") or None
        return self._unless_seen(bulk, key, ("Scored", entry.occurred_on, answers, note),
                                 lambda: bulk.score(key, answers, note, entry))

    def _surveys(self, bulk: Bulk, key: str, row: dict[str, Any]) -> int:
        entry = self._entry(row["date"], required=True)
        satisfaction, nps = whole_number(row["satisfaction"], "satisfaction"), whole_number(row["nps"], "nps")
        comment = row.get("comment") or None
        return self._unless_seen(bulk, key, ("SurveyAnswered", entry.occurred_on, satisfaction, nps, comment),
                                 lambda: bulk.answer_survey(key, satisfaction, nps, comment, entry))

    def _effort(self, bulk: Bulk, key: str, row: dict[str, Any]) -> int:
        entry = self._entry(row["date"], required=True)
        hours, kind, note = parse_hours(row["hours"]), row["kind"].strip().lower(), row.get("note") or None
        return self._unless_seen(bulk, key, ("EffortSpent", entry.occurred_on, hours, kind, note),
                                 lambda: bulk.spend_effort(key, row["hours"], kind, note, entry))

    def _contacts(self, bulk: Bulk, key: str, row: dict[str, Any]) -> int:
        """A person at the client; one already on its map is skipped when the row says what the map
        says, else what changed is recorded (a name or role already recorded is not changed)."""
        entry, person = self._entry(row.get("date")), checked_person(row["person"])
        decides = yes_or_no(row.get("decides") or "", "decides")
        said = {"level": row.get("level") or None, "stance": row.get("stance") or None, "department": row.get("department") or None}
        relationship = bulk.relationship(key)
        if person not in relationship.people_known():
            bulk.add_contact(key, person, row["name"], row["role"], said["department"], said["level"], said["stance"], decides, entry)
            return 1
        now = next((c for c in people_on(relationship.standing.marks, entry.occurred_on) if c.person == person), None)
        if now is None:  # forgotten, left, or not yet on the map by that date: the ledger's rules say which
            bulk.change_contact(key, person, entry, decides=decides)
            return 1
        level = parse_choice(PersonLevel, said["level"], "level") if said["level"] else now.level
        stance = parse_choice(Stance, said["stance"], "stance") if said["stance"] else now.stance
        department = checked_department(said["department"]) or now.department
        if (level, stance, department, decides) == (now.level, now.stance, now.department, now.decides):
            return 0
        bulk.change_contact(key, person, entry, level=level.value, stance=stance.value, department=department, decides=decides)
        return 1

    def _unless_seen(self, bulk: Bulk, key: str, fingerprint: tuple, record) -> int:
        """Record unless the same answers on the same date are already recorded for the client."""
        bulk.relationship(key)  # the client must exist
        if key not in self._seen:
            self._seen[key] = {_fingerprint(item) for item in bulk.ledger.history(key)}
        if fingerprint in self._seen[key]:
            return 0
        record()
        self._seen[key].add(fingerprint)
        return 1

    def _entry(self, day: str | None, required: bool = False) -> Entry:
        if required and not day:
            raise InvalidInput("date is required")
        return make_entry(day or None, self.entry.recorded_by, what="date")


def yes_or_no(text: str, what: str) -> bool:
    """A yes/no cell: yes, true, 1, x (any case) or no, false, 0, empty."""
    plain = text.strip().lower()
    if plain in ("yes", "true", "1", "x", "y"):
        return True
    if plain in ("no", "false", "0", "", "n"):
        return False
    raise InvalidInput(f"{what} '{text}' is not yes or no")


def whole_number(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{what} '{text}' is not a whole number") from None


def _fingerprint(item: dict[str, Any]) -> tuple | None:
    """A recorded score or survey (from the client's history, notes readable) as a row would say it."""
    on = date.fromisoformat(item["occurred_on"])
    if item["type"] == "Scored":
        return ("Scored", on, tuple(item["answers"]), item["note"])
    if item["type"] == "SurveyAnswered":
        return ("SurveyAnswered", on, item["satisfaction"], item["nps"], item["comment"])
    if item["type"] == "EffortSpent":
        return ("EffortSpent", on, Decimal(item["hours"]), item["kind"], item["note"])
    return None
