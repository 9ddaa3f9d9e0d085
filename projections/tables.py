"""The read models' tables, in the same database as the events, and how rows go into them in bulk."""

import zlib
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import cache
from importlib import import_module
from operator import itemgetter
from typing import Any

import orjson
from sqlalchemy import (
    BigInteger, bindparam, Boolean, Column, Connection, Date, DateTime, Dialect, Integer, LargeBinary, MetaData, String, Table,
    Index, Text, TypeDecorator, select,
)

# Bump when a read-model table changes: tables of another version are dropped and rebuilt from
# the event log (read models hold nothing that the events do not).
READ_MODEL_VERSION = 24  # 24: the tier's reference kept short as the Standing's own ones are (EventRef.short)


def json_text(value: Any) -> str:
    """JSON with dates as ISO text and money as text (enum choices are text already)."""
    return json_bytes(value).decode()


def json_bytes(value: Any) -> bytes:
    """json_text's UTF-8 bytes, made by orjson: about eight times as fast as the standard library's
    encoder (a rebuild encodes every event's fields and every client's Standing; the encoding was a
    tenth of it). Keys that are not text (a number) are written as text, as json does."""
    return orjson.dumps(value, default=_plain, option=orjson.OPT_NON_STR_KEYS)


def json_value(data: bytes) -> Any:
    """The value of JSON the read models hold, parsed by orjson (half the time of the standard
    library's parser, whose result it gives: tests/unit/test_read_model_types.py). A command that
    changes many tiers reads every such client's Standing (~16 KB of JSON)."""
    return orjson.loads(data)


def _plain(value: Any) -> str:
    if isinstance(value, date):  # a subclass of date (orjson writes a date itself)
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} has no JSON form in the read models")


def packed(value: Any, smallest: int = 0) -> bytes:
    """The value's JSON, compressed (zlib's fastest level) when it is at least smallest bytes long."""
    data = json_bytes(value)
    return zlib.compress(data, 1) if len(data) >= smallest else data


def unpacked(data: bytes) -> bytes:
    """The JSON of a packed value (JSON text starts with a brace, zlib's stream never does)."""
    return data if data[:1] in (b"{", b"[") else zlib.decompress(data)


class PackedJSON(TypeDecorator[Any]):
    """JSON kept compressed from smallest bytes on. A whole Standing is ~27 KB of JSON on a client
    with five years of monthly values, most of it the event references behind each input, and
    packs into ~5 KB; a tier change's fields (each cause's reference) ~8 KB into ~1 KB. Packing and
    unpacking one costs less than parsing it; a small value is kept as it is."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, smallest: int = 0):
        super().__init__()
        self.smallest = smallest

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        return self.sqlite_value(value)  # the same bytes on every database

    def sqlite_value(self, value: Any) -> bytes | None:
        """What SQLite is given for the value (insert_rows; the library hands it the same bytes in a memoryview)."""
        return None if value is None else packed(value, self.smallest)

    def process_result_value(self, value: bytes | None, dialect: Dialect) -> Any:
        return None if value is None else json_value(unpacked(value))


class Day(TypeDecorator[date]):
    """A date; on SQLite kept as its day number (date.toordinal: 3 bytes, where the text of a date
    takes 10), on PostgreSQL as its own date (4 bytes). Compared and returned as a date."""

    impl = Date
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        return dialect.type_descriptor(Integer() if dialect.name == "sqlite" else Date())

    def process_bind_param(self, value: date | None, dialect: Dialect) -> Any:
        return self.sqlite_value(value) if dialect.name == "sqlite" else value

    @staticmethod
    def sqlite_value(value: date | None) -> int | None:
        return None if value is None else value.toordinal()

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        return date.fromordinal(value) if value is not None and dialect.name == "sqlite" else value


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


class Instant(TypeDecorator[datetime]):
    """A moment; on SQLite kept as microseconds since 1970 UTC (an 8-byte integer, where SQLite's
    text of a moment takes 26 bytes), on PostgreSQL as its own timestamp with time zone. Returned
    timezone-aware, in UTC (a naive moment is taken as UTC, as SQLite's text was)."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        return dialect.type_descriptor(BigInteger() if dialect.name == "sqlite" else DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        return value if dialect.name != "sqlite" else self.sqlite_value(value)

    @staticmethod
    def sqlite_value(value: datetime | None) -> int | None:
        if value is None:
            return None
        return ((value if value.tzinfo else value.replace(tzinfo=UTC)) - EPOCH) // MICROSECOND

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None or dialect.name != "sqlite":
            return value
        if value < _FLOAT_EXACT:  # a history reads thousands: this is several times faster than a timedelta's sum
            return datetime.fromtimestamp(value / 1e6, UTC)
        return EPOCH + timedelta(microseconds=value)


# Up to 2^31 seconds after 1970 (2038) a float of seconds is within 0.12 microseconds of the moment,
# so datetime.fromtimestamp, rounding to the nearest microsecond, gives it back exactly.
_FLOAT_EXACT = 2**31 * 10**6


# The kinds of event a timeline row may hold, each with its number: on SQLite a row keeps the
# number (one byte) rather than the name (~13). Append only; a kind not here is kept by its name.
EVENT_KINDS = (
    "Registered", "ValueRecorded", "Scored", "SurveyAnswered", "TierChanged", "PyramidLevelChanged", "ValueDimensionNoted",
    "BurdenSignalNoted", "BurdenSignalResolved", "OwnerAssigned", "EffortSpent", "ProblemNoted", "ProblemResolved",
    "TierOverridden", "TierOverrideCleared", "GoalAdded", "GoalDone", "GoalCancelled", "FeedbackGiven", "FeedbackResolved",
    "CriteriaSet", "RatedOnCriteria", "ProspectAdded", "ProspectDecided", "ProspectWon", "ProspectLost", "ClientLost",
    "ClientWonBack", "ContactAdded", "ContactChanged", "ContactLeft", "ContactForgotten", "ContactLinked", "ContactUnlinked",
    "ContactTouched", "Forgotten", "Imported", "Opened", "OursLeft", "PolicyAdopted", "Reviewed",
)
_KIND_NUMBERS = {kind: number for number, kind in enumerate(EVENT_KINDS, start=1)}


class EventKind(TypeDecorator[str]):
    """An event's kind (its class name); on SQLite kept as its number in EVENT_KINDS where it has one."""

    impl = String(64)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        # an INTEGER column on SQLite keeps a number as a number (a text column would make it text)
        return dialect.type_descriptor(Integer() if dialect.name == "sqlite" else String(64))

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        return self.sqlite_value(value) if dialect.name == "sqlite" else value

    @staticmethod
    def sqlite_value(value: str | None) -> int | str | None:
        return None if value is None else _KIND_NUMBERS.get(value, value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return EVENT_KINDS[value - 1] if isinstance(value, int) else value


metadata = MetaData()
# A table keyed by its primary key alone: on SQLite its rows lie in the key's own b-tree rather
# than in a row-id table beside an index of the key (kam_values and its indexes: 65 MB -> 59 MB on the bench ledger).
KEYED = {"sqlite_with_rowid": False}

read_model_version = Table(
    "kam_read_model_version",
    metadata,
    Column("version", Integer, nullable=False),
)

tracking = Table(
    "kam_tracking",
    metadata,
    Column("application_name", String(32), primary_key=True),
    Column("notification_id", BigInteger, nullable=False),
)

standings = Table(
    "kam_standings",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("owner", String(200)),
    Column("tier", String(16), nullable=False),
    Column("tier_rule", String(64)),
    Column("policy_version", String(64)),
    Column("score_total", Integer),
    Column("score_band", String(16)),
    Column("pyramid_level", String(16), nullable=False),
    Column("profit", String(32)),  # Decimal as text: money is never a float
    # The tier policy's inputs as plain columns, so a portfolio evaluation reads no JSON:
    Column("has_inputs", Boolean, nullable=False),
    Column("high_dimensions", String(100), nullable=False),  # comma-separated
    Column("burdens", String(100), nullable=False),  # comma-separated
    Column("override_tier", String(16)),
    Column("last_survey_on", Date),
    Column("registered_on", Date, nullable=False),
    # What the portfolio reads need besides (not shown in the standings): the latest survey's
    # answers and how many goals are open.
    Column("survey_satisfaction", Integer),
    Column("survey_nps", Integer),
    Column("open_goals", Integer, nullable=False),
    Column("stage", String(16), nullable=False),  # prospect, client or former: only clients are in the portfolio
    # What the client costs in time and trouble (domain/effort.py), over every recorded period:
    Column("revenue", String(32)),
    Column("cost_to_serve", String(32)),
    Column("hours", String(32), nullable=False),
    Column("profit_per_hour", String(32)),
    Column("open_problems", Integer, nullable=False),
    Column("our_attractiveness", String(8)),  # 0-100, by the client's criteria, else its survey
    Column("our_source", String(16)),
    Column("single_threaded", Boolean, nullable=False),  # the tier policy's single_threaded (domain/people.py)
    Column("version", Integer, nullable=False),
    # The tier's reference (a TierChanged of the client's: its version, dates and recorder), which with
    # tier, tier_rule and policy_version is the Standing's tier: a tier change writes only these.
    Column("tier_ref", PackedJSON(smallest=1024)),
    Column("standing", PackedJSON, nullable=False),  # the rest of the Standing, as Standing.to_dict(tier=False, short_refs=True)
)

timeline = Table(
    "kam_timeline",
    metadata,
    # INTEGER on SQLite makes it the table's row id rather than a second index to keep
    Column("notification_id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("client_key", String(64), nullable=False),  # the client's id follows from it (client_id_of)
    Column("version", Integer, nullable=False),
    Column("type", EventKind, nullable=False),
    Column("occurred_on", Day, nullable=False),
    Column("recorded_at", Instant, nullable=False),
    Column("recorded_by", String(200), nullable=False),
    # the event's own fields, most as their values alone (read_models.stored_fields): ~30-100 bytes a row
    Column("fields", PackedJSON(smallest=1024), nullable=False),
)
# Only where the log's own index cannot find a client's rows (projections/log_index.py): the read
# models drop it otherwise.
timeline_by_client = Index("kam_timeline_by_client", timeline.c.client_key, timeline.c.version)

# Business time, kept in two clocks (projections/dated.py): each row is what a client's inputs were
# from the business date valid_from on (until its next row), as recorded from known_from until
# known_to (NULL while nothing recorded later has changed it). Keyed by client, date and recording
# time alone (on SQLite the key's own b-tree holds the rows); the inputs packed in one text
# (projections/dated.py ``packed_inputs``): 1.4M rows on the bench ledger.
dated = Table(
    "kam_dated",
    metadata,
    Column("key", String(64), primary_key=True),  # the client's (its id is not kept: nothing reads it here)
    Column("valid_from", Day, primary_key=True),
    Column("known_from", Instant, primary_key=True),
    Column("known_to", Instant),
    Column("inputs", Text, nullable=False),
    **KEYED,
)

# Every entry of work and every problem, by business date, so the portfolio's hours and problems
# are summed in SQL (kam pareto --by hours|problems).
effort = Table(
    "kam_effort",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("key", String(64), nullable=False),
    Column("day", Date, nullable=False),
    Column("centihours", Integer, nullable=False),  # hundredths of an hour: sums exactly on both databases
    Column("kind", String(16), nullable=False),
    **KEYED,
)
problems = Table(
    "kam_problems",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("problem_id", Integer, primary_key=True),
    Column("key", String(64), nullable=False),
    Column("noted_on", Date, nullable=False),
    Column("severity", String(16), nullable=False),
    Column("resolved_on", Date),
    **KEYED,
)

# The people on both sides (domain/people.py), as they stand by their latest business dates: each
# person at a client and each link of ours to them, for the portfolio's map (kam map --all). Handles,
# levels, stances and dates only: names, roles and notes are sealed texts and are not here.
people = Table(
    "kam_people",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("person", String(64), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("level", String(16), nullable=False),
    Column("department", String(64)),
    Column("stance", String(16), nullable=False),
    Column("decides", Boolean, nullable=False),
    Column("joined_on", Date, nullable=False),
    Column("left_on", Date),
)
person_links = Table(
    "kam_person_links",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("person", String(64), primary_key=True),
    Column("ours", String(200), primary_key=True),
    Column("key", String(64), nullable=False),
    Column("strength", Integer, nullable=False),
    Column("linked_on", Date, nullable=False),
    Column("last_touch", Date),
    Column("last_kind", String(16)),
)

# The tier decisions recorded (TierChanged), narrow: what the product showed, read by recording time
# (and by the portfolio review: the tier changes since the previous one).
tier_decisions = Table(
    "kam_tier_decisions",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("from_tier", String(16), nullable=False),
    Column("to_tier", String(16), nullable=False),
    Column("rule", String(64), nullable=False),
    Column("policy_version", String(64), nullable=False),
)
# The Pareto head on each business date where a profit changed, a cache over kam_dated (as known
# now): rows from the first date a recorded value changes are deleted, and made again when read.
pareto_heads = Table(
    "kam_pareto_heads",
    metadata,
    Column("day", Date, primary_key=True),
    Column("share", String(16), primary_key=True),
    Column("boundary_profit", String(32)),  # the profit and key of the last client in the head
    Column("boundary_key", String(64)),
    Column("total", String(32), nullable=False),
    Column("ranked", Integer, nullable=False),
    Column("changed", Integer, nullable=False),  # clients whose inputs changed on the day
    Column("recorded_at", DateTime(timezone=True)),  # when the latest of those changes was recorded
)
# Every client's tier moves by business date (as known now): the policy's verdicts wherever its
# inputs, its place in the Pareto head or the policy moved (service/queries/business_time.py walks
# them). Kept from the walk of a read; a fact dated D makes the moves from D on stale
# (kam_tier_moves_state), and the next read walks again from there.
tier_moves = Table(
    "kam_tier_moves",
    metadata,
    Column("day", Day, primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("from_tier", String(16), nullable=False),
    Column("to_tier", String(16), nullable=False),
    Column("rule", String(64), nullable=False),
    Column("policy_version", String(64), nullable=False),
    Column("owner", String(200)),
    **KEYED,
)
# One row: the first business date whose kept moves may be out of date (None: none is; a new table
# is stale from its first day), and a count of the changes that made them so (a walk keeps its moves
# only if no change came in while it walked).
tier_moves_state = Table(
    "kam_tier_moves_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("stale_from", Day),
    Column("changes", BigInteger, nullable=False),
)
# The pipeline (projections/pipeline.py): every relationship that was ever a prospect or has left,
# one row each, with what `kam pipeline` and its funnel show, as plain columns.
pipeline = Table(
    "kam_pipeline",
    metadata,
    Column("client_id", String(36), primary_key=True),
    Column("key", String(64), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("owner", String(200)),
    Column("stage", String(16), nullable=False),
    Column("status", String(16)),  # open, pursued, declined, won, lost; none for a client never a prospect
    Column("source", String(200)),
    Column("added_on", Date),
    Column("scored_on", Date),  # of the score the row shows
    Column("score_total", Integer),
    Column("band", String(16)),  # the band then: at the win or loss, else the latest
    Column("recommendation", String(32)),
    Column("choice", String(16)),
    Column("decided_on", Date),
    Column("against_scorecard", Boolean, nullable=False),  # its decision or its win, by business date
    Column("outcome_on", Date),
    Column("chance", Integer),  # as given, else from the scorecard's question 5
    Column("chance_given", Boolean, nullable=False),
    Column("estimated_profit", String(32)),
    Column("expected_profit", String(32)),
    Column("key_prospect", Boolean, nullable=False),
    Column("left_on", Date),
    Column("back_on", Date),
    Column("last_tier", String(16), nullable=False),
    Column("profit", String(32)),
)

profit_days = Table("kam_profit_days", metadata, Column("day", Date, primary_key=True))

# Every survey answer, and every owner a client had from a business date on (its registration and
# each owner change): the survey summary counts the former, grouped by the latter.
def facts_table(name: str, *columns: Column) -> Table:
    """A narrow table of the clients' facts of one kind: one row an event (the client's key and the
    event's version), its business date and the columns. The date is of the type of
    kam_owner_marks' valid_from, which SQL compares it with (a day number on SQLite against a
    date's text would never be on or after it)."""
    return Table(name, metadata, Column("key", String(64), primary_key=True), Column("version", Integer, primary_key=True),
                 Column("occurred_on", Date, nullable=False), *columns, **KEYED)


survey_answers = facts_table("kam_survey_answers", Column("satisfaction", Integer, nullable=False), Column("nps", Integer, nullable=False))
owner_marks = Table(
    "kam_owner_marks",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("valid_from", Date, nullable=False),
    Column("owner", String(200)),
    **KEYED,
)

# Every scoring's total and every value entry, by business date. The owners' results over a period
# (service/queries/owner_results.py) credit each fact to the owner of its day, so every entry is
# kept (a correction credits its difference from the entry it corrects); the portfolio reads
# (projections/portfolio.py) sum the entries that are their periods' values as they stand (current).
scores = facts_table("kam_scores", Column("total", Integer, nullable=False))
# Every move on the cooperation pyramid, up or down (as typed), for the owners' counts.
pyramid_moves = facts_table("kam_pyramid_moves", Column("up", Boolean, nullable=False))
value_entries = Table(
    "kam_value_entries",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("occurred_on", Date, nullable=False),
    # the period's months (Period.first_month and last_month): a period selected is a range of them
    Column("first_month", Integer, nullable=False),
    Column("last_month", Integer, nullable=False),
    # the period's value as it stands: the latest entry by business date (then by version)
    Column("current", Boolean, nullable=False),
    # the amounts in whole cents, for sums in SQL, where both are whole cents (NULL where not: the
    # sum is then made from the text); as text only where the cents and places do not give them
    # back as written (most do)
    Column("revenue_cents", BigInteger),
    Column("cost_cents", BigInteger),
    Column("revenue_places", Integer, nullable=False),  # decimals written, so a sum is written as Decimal's is
    Column("cost_places", Integer, nullable=False),
    Column("revenue", String(32)),
    Column("cost_to_serve", String(32)),
    Column("profit_cents", BigInteger),  # revenue less cost to serve, in whole cents
    Column("places", Integer, nullable=False),  # the decimals of revenue or cost written, the most of the two
    Column("profit", String(40)),  # the profit as text, only where it is not kept in cents
    **KEYED,
)

tier_decisions_by_client = Index("kam_tier_decisions_by_client", tier_decisions.c.key, tier_decisions.c.recorded_at)


def insert_unless_there(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT the rows whose keys are not there yet: in one statement where the database leaves out
    a row that is (SQLite's and PostgreSQL's ON CONFLICT DO NOTHING: two writers may bring the same
    row at once), else those not found first."""
    if connection.dialect.name in ("sqlite", "postgresql"):
        dialect = import_module(f"sqlalchemy.dialects.{connection.dialect.name}")
        connection.execute(dialect.insert(table).on_conflict_do_nothing(), rows)
        return
    key = table.primary_key.columns[0]
    there = set(connection.execute(select(key).where(key.in_([row[key.name] for row in rows]))).scalars())
    if new := [row for row in rows if row[key.name] not in there]:
        connection.execute(table.insert(), new)


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT the rows in one executemany through the driver, each value through its column
    type's own bind processor: SQLAlchemy's per-row parameter handling cost more than the insert."""
    statement, columns = _driver_insert(table, connection.dialect)
    # Column by column, each through its processor in one map: a row's values made one by one in
    # Python cost a fifth of a catch-up.
    values = [list(map(itemgetter(name), rows)) if to_db is None else list(map(to_db, map(itemgetter(name), rows)))
              for name, to_db in columns]
    if connection.dialect.positional:
        params: list[Any] = list(zip(*values))
    else:
        names = [name for name, _ in columns]
        params = [dict(zip(names, row)) for row in zip(*values)]
    connection.exec_driver_sql(statement, params)


@cache
def _driver_insert(table: Table, dialect: Dialect) -> tuple[str, list[tuple[str, Any]]]:
    """The dialect's INSERT of every column of the table but a generated id, and each column with
    its bind processor."""
    given = [column for column in table.c if column.autoincrement is not True]
    compiled = table.insert().values({column.name: bindparam(column.name) for column in given}).compile(dialect=dialect)
    names = compiled.positiontup if dialect.positional else [column.name for column in given]
    types = {column.name: column.type.dialect_impl(dialect) for column in table.c}
    return compiled.string, [(name, _to_driver(types[name], dialect)) for name in names]


def _to_driver(type_: Any, dialect: Dialect) -> Any:
    """What makes a column's value the driver's: on SQLite, our own types' sqlite_value, the same
    value as their bind processor gives (tests/unit/test_read_model_types.py) without SQLAlchemy's
    two calls around it for each value (a part of every read-model row written: 5% of a rebuild);
    otherwise the type's bind processor."""
    own = getattr(type_, "sqlite_value", None)
    return own if own is not None and dialect.name == "sqlite" else type_.bind_processor(dialect)
