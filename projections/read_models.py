"""The read side's database: standings and timeline tables, updated exactly once per event.

``ReadModels`` is the library's ``TrackingRecorder`` for our tables: a batch of events and the
position it reaches are written in one transaction, and the position only moves forward from
where the batch began (compare-and-set), so a crash or a second process can neither lose nor
double an update.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date
from decimal import Decimal
import dataclasses
from functools import cache, lru_cache
from typing import Any, Protocol

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError, Tracking, TrackingRecorder
from sqlalchemy import (
    Connection, Engine, LargeBinary, and_, bindparam, cast, create_engine, delete, event, func, inspect, or_, select, text, tuple_,
    update,
)

from kamledger.domain.portfolio import PORTFOLIO, Portfolio
from kamledger.domain.prospects import Stage
from kamledger.domain.relationship import Relationship
from kamledger.domain.scorecard import Band
from kamledger.domain.standing import Standing, TierStanding
from kamledger.domain.tiers import ClientInputs, EventRef, Tier
from kamledger.domain.value import BurdenSignal, ValueDimension
from kamledger.projections.dated import DatedBatch, DatedReads
from kamledger.projections.log_index import PositionsOf
from kamledger.domain.effort import profit_per_hour
from kamledger.domain.matrix import OurSource, our_side
from kamledger.projections.people import has_people, write_people
from kamledger.projections.pipeline import in_pipeline, pipeline_row, pipeline_rows, write_last_tiers, write_pipeline
from kamledger.projections.portfolio import PortfolioBatch, PortfolioReads
from kamledger.projections.tables import (
    READ_MODEL_VERSION, effort, insert_rows, json_text, json_value, metadata, problems, read_model_version, standings,
    tier_decisions, tier_moves_state, timeline, timeline_by_client, tracking, unpacked,
)


# Read-model tables an earlier version kept and this one does not (kam_values: folded into
# kam_value_entries, version 18). Append only.
RETIRED_TABLES = ("kam_values",)
# The key of PostgreSQL's advisory lock under which the read models' tables are dropped and made
# (any 64-bit number no other part of kamledger uses: "kamread" in ASCII).
TABLES_LOCK = 0x6B616D72656164


class TrackingConflict(IntegrityError):
    """Another process moved the position first; nothing of this batch was written."""


class ProjectionBatch:
    """Changes to the read models that will be written together, with their last position."""

    def __init__(self, connection: Connection | None):
        self.connection = connection  # None: every standing it needs is in it (a rebuild's share)
        self.changed: dict[str, tuple[Standing, int]] = {}
        self.tier_only: dict[str, tuple[TierStanding, int, str]] = {}  # clients whose tier alone changed: the tier, version and key
        self.existing: set[str] = set()
        self.timeline_rows: list[dict[str, Any]] = []
        self.effort_rows: list[dict[str, Any]] = []
        self.problem_rows: dict[tuple[str, int], dict[str, Any]] = {}  # each problem as it stands after the batch
        self.people_changed: set[str] = set()  # the clients whose map of people changed (kam_people, kam_person_links)
        self.dated = DatedBatch(connection)
        self.portfolio = PortfolioBatch()
        self.last: Tracking | None = None

    def standing(self, client_id: str) -> Standing:
        if client_id not in self.changed:
            row = self.connection.execute(
                select(*STANDING_COLUMNS, standings.c.version).where(standings.c.client_id == client_id)).one()
            standing, version = standing_of(row), row.version
            if client_id in self.tier_only:  # its tier changed earlier in the batch
                standing.tier, version, _ = self.tier_only.pop(client_id)
            self.changed[client_id] = (standing, version)
            self.existing.add(client_id)
        return self.changed[client_id][0]

    def tier_changed(self, client_id: str, event: Any) -> str | None:
        """A tier change of a client no other event of the batch has touched so far: only the tier's
        columns of its row change (reading, making and writing again the whole Standing were nine
        tenths of projecting a tier change, and the first tier evaluation after an import projects one
        for most clients). Returns the client's key; None where the client's Standing is in the batch
        already (the event is applied to it)."""
        if client_id in self.changed or self.connection is None:
            return None
        key = self.tier_only[client_id][2] if client_id in self.tier_only else self.connection.execute(
            select(standings.c.key).where(standings.c.client_id == client_id)).scalar_one()
        self.tier_only[client_id] = (event.tier_standing(key), event.originator_version, key)
        return key

    def put(self, client_id: str, standing: Standing, version: int) -> None:
        self.changed[client_id] = (standing, version)

    def flush(self) -> None:
        rows = [standing_row(cid, s, v) for cid, (s, v) in self.changed.items()]
        new = [row for row in rows if row["client_id"] not in self.existing]
        old = [{**row, "b_client_id": row.pop("client_id")} for row in rows if row["client_id"] in self.existing]
        if new:
            insert_rows(self.connection, standings, new)
        if old:
            statement = update(standings).where(standings.c.client_id == bindparam("b_client_id"))
            self.connection.execute(statement, old)
        if self.tier_only:
            self._write_tiers()
        if self.timeline_rows:
            insert_rows(self.connection, timeline, [stored_fields(row) for row in self.timeline_rows])
        piped = [(cid, s) for cid, (s, _) in self.changed.items() if in_pipeline(s)]
        if piped:
            write_pipeline(self.connection, [pipeline_row(cid, s) for cid, s in piped],
                           {cid for cid, _ in piped if cid in self.existing})
        if self.effort_rows:
            insert_rows(self.connection, effort, self.effort_rows)
        if self.problem_rows:
            self.connection.execute(
                delete(problems).where(tuple_(problems.c.client_id, problems.c.problem_id).in_(list(self.problem_rows))))
            insert_rows(self.connection, problems, list(self.problem_rows.values()))
        if self.people_changed:
            write_people(self.connection, {cid: self.changed[cid][0] for cid in self.people_changed}, self.existing)
        self.dated.flush(self.connection)
        self.portfolio.flush(self.connection, self.changed, self.existing)

    def _write_tiers(self) -> None:
        """The clients whose tier alone changed: their tier's columns and version; and the last tier
        of a pipeline row (a prospect won keeps one)."""
        rows = [{"b_client_id": client_id, **tier_columns(tier), "version": version}
                for client_id, (tier, version, _) in self.tier_only.items()]
        self.connection.execute(update(standings).where(standings.c.client_id == bindparam("b_client_id")), rows)
        write_last_tiers(self.connection, {row["b_client_id"]: row["tier"] for row in rows})


def standing_row(client_id: str, s: Standing, version: int) -> dict[str, Any]:
    """The kam_standings row of a client: plain columns for reading and evaluating, and the whole
    Standing as JSON."""
    inputs = s.tier_inputs()
    return {
        "client_id": client_id,
        "key": s.key,
        "name": s.name,
        "owner": s.owner,
        **tier_columns(s.tier),
        "score_total": s.score.total if s.score else None,
        "score_band": s.score.band.value if s.score else None,
        "pyramid_level": s.pyramid_level.value,
        "profit": None if inputs.profit is None else str(inputs.profit),
        "has_inputs": inputs.has_inputs,
        "high_dimensions": ",".join(sorted(d.value for d in inputs.high_dimensions)),
        "burdens": ",".join(sorted(b.value for b in inputs.burdens)),
        "override_tier": inputs.override.value if inputs.override else None,
        "last_survey_on": s.survey.occurred_on if s.survey else None,
        "registered_on": s.registered_on,
        "survey_satisfaction": s.survey.satisfaction if s.survey else None,
        "survey_nps": s.survey.nps if s.survey else None,
        "open_goals": len(s.open_goals),
        "stage": s.stage.value,
        "single_threaded": inputs.single_threaded,
        **money_and_effort(inputs),
        **our_side_columns(*our_side(s)),
        "version": version,
        "standing": s.to_dict(tier=False, short_refs=True),
    }


def tier_columns(tier: TierStanding) -> dict[str, Any]:
    """A client's tier as its standings row keeps it (the Standing's data keeps none). Its reference,
    where it has one, is always to the client's own TierChanged (Relationship.TierChanged.update):
    kept short, its client and event id the row's own."""
    return {"tier": tier.tier.value, "tier_rule": tier.rule, "policy_version": tier.policy_version,
            "tier_ref": tier.ref and tier.ref.short()}


def standing_of(row: Any) -> Standing:
    """The whole Standing of a standings row read with STANDING_COLUMNS: its data, and its tier from
    the tier's columns."""
    ref = row.tier_ref and EventRef.of_short(row.key, row.client_id, row.tier_ref)
    standing = Standing.from_dict(row.standing)
    standing.tier = TierStanding(Tier(row.tier), row.tier_rule, row.policy_version, ref)
    return standing


STANDING_COLUMNS = [standings.c[name] for name in ("standing", "key", "client_id", "tier", "tier_rule", "policy_version", "tier_ref")]


def money_and_effort(inputs: ClientInputs) -> dict[str, Any]:
    """Revenue, cost to serve, hours, profit per hour and open problems, as a standings row holds them
    (kam_standings, and the standings by business date)."""
    pph = profit_per_hour(inputs.profit, inputs.hours)
    return {
        "revenue": None if inputs.revenue is None else str(inputs.revenue),
        "cost_to_serve": None if inputs.cost_to_serve is None else str(inputs.cost_to_serve),
        "hours": str(inputs.hours), "profit_per_hour": None if pph is None else str(pph), "open_problems": inputs.open_problems,
    }


def our_side_columns(ours: Decimal | None, source: OurSource | None) -> dict[str, Any]:
    """Our attractiveness to the client, 0-100, and where it comes from (the matrix's other side)."""
    return {"our_attractiveness": None if ours is None else str(ours), "our_source": None if source is None else source.value}


_NOT_SHOWN = ("standing", "tier_ref", "client_id", "version", "survey_satisfaction", "survey_nps", "open_goals", "single_threaded")  # the latter for portfolio reads
SHOWN_COLUMNS = [c.name for c in standings.c if c.name not in _NOT_SHOWN]


def read_models_engine(url: Any, connect_args: dict[str, Any]) -> Engine:
    """The engine of the read models, which writes their JSON columns with json_text."""
    engine = create_engine(url, connect_args=connect_args, json_serializer=json_text)
    if engine.dialect.name == "sqlite":
        # Some builds of SQLite zero every deleted byte by default (secure_delete): read-model rows
        # hold no personal text in the clear, and zeroing took nine tenths of a rebuild's drop and
        # a part of each standing's update. The keyring turns it on while it destroys a key.
        event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA secure_delete = OFF"))
    return engine


class FieldsSealer(Protocol):
    """Seals the personal texts of a timeline row's fields, and opens them again (service/trust/privacy.py)."""

    def seal_fields(self, client_id: str, kind: str, fields: dict[str, Any]) -> dict[str, Any]: ...

    def unseal_fields(self, client_id: str, kind: str, fields: dict[str, Any]) -> dict[str, Any]: ...

    def read_keys(self, client_ids: set[str]) -> None: ...


class ReadModels(TrackingRecorder):
    def __init__(self, engine: Engine, sealer: FieldsSealer | None = None, positions: PositionsOf | None = None):
        self.engine = engine
        self.sealer = sealer
        self.positions = positions  # where a client's events lie in the log (projections/log_index.py), if known
        self.dated = DatedReads(engine)
        self.portfolio = PortfolioReads(engine)
        self._ensure_current_tables()

    def _ensure_current_tables(self) -> None:
        """Create the tables; if they are of another version, drop them first (catch-up refills them).
        Looked at without a lock (they are mostly current); made under one, so that the processes
        that open an upgraded ledger at the same moment wait for the first to make them rather than
        dropping and creating them all at once (tests/test_opening_at_once.py)."""
        with self.engine.begin() as connection:
            if self._current(connection):
                return
        with self._tables_locked() as connection:
            if not self._current(connection):  # nobody made them while this one waited
                self._made_anew(connection)

    def _current(self, connection: Connection) -> bool:
        """The tables are of this version (the timeline's index by client made where it is needed)."""
        if not inspect(connection).has_table(read_model_version.name):
            return False
        if connection.execute(select(read_model_version.c.version)).scalar() != READ_MODEL_VERSION:
            return False
        if self.positions is None:  # a store without the log's index (made by a native one)
            timeline_by_client.create(connection, checkfirst=True)
        return True

    def _made_anew(self, connection: Connection) -> None:
        self.drop(connection)
        metadata.create_all(connection)
        if self.positions is not None:  # a client's timeline rows are found through the log's own index
            timeline_by_client.drop(connection)
        connection.execute(read_model_version.insert().values(version=READ_MODEL_VERSION))
        connection.execute(tier_moves_state.insert().values(id=1, stale_from=date.min, changes=0))  # none walked yet

    @contextmanager
    def _tables_locked(self) -> Iterator[Connection]:
        """A transaction that holds the read models' tables for itself until it ends, the tables
        dropped or made in it with it: on PostgreSQL a transaction's advisory lock; on SQLite the
        write lock taken at the start (BEGIN IMMEDIATE: the driver otherwise runs each DROP and
        CREATE on its own, and two processes dropping and creating at once each met the other's
        half-made tables). A second process waits for the first (on SQLite as long as for any write).
        Another database takes a plain transaction."""
        if self.engine.dialect.name != "sqlite":
            with self.engine.begin() as connection:
                if self.engine.dialect.name == "postgresql":
                    connection.execute(select(func.pg_advisory_xact_lock(TABLES_LOCK)))
                yield connection
            return
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")

    @staticmethod
    def drop(connection: Connection) -> None:
        metadata.drop_all(connection)
        for name in RETIRED_TABLES:  # an older version's, not among today's: dropped with them
            connection.execute(text(f"DROP TABLE IF EXISTS {name}"))

    def reset(self) -> None:
        """Empty read models at position zero (a rebuild then replays the whole log)."""
        with self._tables_locked() as connection:
            self._made_anew(connection)

    @contextmanager
    def refilled(self) -> Iterator[None]:
        """Empty read models, filled inside the block, the timeline's index by client (which a rebuild
        does not read) built at its end: kept current row by row during a rebuild, it cost more than
        building it once."""
        self.reset()
        if self.positions is not None:  # there is none (see _ensure_current_tables)
            yield
            return
        with self.engine.begin() as connection:
            timeline_by_client.drop(connection)
        yield
        with self.engine.begin() as connection:
            timeline_by_client.create(connection)

    def count_rows_again(self) -> None:
        """After a large change (a rebuild, the catch-up of a bulk import), have PostgreSQL gather
        its statistics of every table again (ANALYZE), as its documentation advises after a bulk
        load: it plans each query by them, and its autovacuum gathers them in its own time, or never
        where it is off. Planned with none gathered, owners over five years of the bench ledger
        joined 26,000 rows to 1,800 in a nested loop: 6 s where 0.05 s. SQLite
        keeps no statistics unless asked, and its plans do without."""
        if self.engine.dialect.name == "postgresql":
            # Outside a transaction, each table is analysed in one of its own: its lock (which only
            # another ANALYZE, VACUUM or change of the table's shape waits for) is held that long.
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("ANALYZE")

    def max_tracking_id(self, application_name: str) -> int | None:
        with self.engine.connect() as connection:
            return _position(connection, application_name)

    def insert_tracking(self, tracking_: Tracking) -> None:
        start = self.max_tracking_id(tracking_.application_name)
        with self.batch(tracking_.application_name, start) as batch:
            batch.last = tracking_

    @contextmanager
    def batch(self, application_name: str, start: int | None) -> Iterator[ProjectionBatch]:
        """Collect changes made after position start, then write them and the position they
        reach in one transaction; TrackingConflict if the position is no longer start."""
        with self.engine.begin() as connection:
            if start is not None:
                _hold_position(connection, application_name, start)
            batch = ProjectionBatch(connection)
            yield batch
            if batch.last is None:
                return
            if start is not None and batch.last.notification_id <= start:
                raise TrackingConflict(f"position {batch.last.notification_id} is already projected")
            self._write(batch)
            _advance(connection, application_name, start, batch.last.notification_id)

    def write_timeline(self, rows: Sequence[dict[str, Any]]) -> None:
        """Timeline rows of one share of a rebuild, written without moving the position (the
        rebuild moves it once every share is written)."""
        with self.engine.begin() as connection:
            batch = ProjectionBatch(connection)
            batch.timeline_rows = list(rows)
            self._write(batch)

    def write_dated(self, rows: DatedBatch) -> None:
        """The dated rows of one share of a rebuild so far, likewise."""
        with self.engine.begin() as connection:
            rows.flush(connection)

    def write_part(self, part: "ProjectionBatch") -> None:
        """What one part of a rebuild kept in memory until its end (new rows): the standings, the
        portfolio's rows, the entries of work and the problems, the people."""
        with self.engine.begin() as connection:
            batch = ProjectionBatch(connection)
            batch.changed, batch.portfolio = dict(part.changed), part.portfolio
            batch.effort_rows, batch.problem_rows = part.effort_rows, part.problem_rows
            batch.people_changed = {cid for cid, (standing, _) in part.changed.items() if has_people(standing)}
            self._write(batch)

    def _write(self, batch: ProjectionBatch) -> None:
        if self.sealer:
            batch.timeline_rows = [_sealed(self.sealer, row) for row in batch.timeline_rows]
        batch.flush()

    def standings(self, everyone: bool = False) -> list[dict[str, Any]]:
        """The clients' standings rows (everyone: prospects and former clients too)."""
        columns = [c for c in standings.c if c.name in SHOWN_COLUMNS]
        with self.engine.connect() as connection:
            found = connection.execute(select(*columns).where(*_in_portfolio(everyone))).all()
        names = [c.name for c in columns]
        return [dict(zip(names, values)) for values in found]

    def standings_of(self, keys: Iterable[str]) -> Iterator[Standing]:
        """Where those clients stand, as the read model holds it (the whole Standing of each), read
        500 at a time as they are used: many clients' whole Standings are never held at once."""
        wanted = list(keys)
        for first in range(0, len(wanted), 500):
            with self.engine.connect() as connection:
                found = connection.execute(select(*STANDING_COLUMNS).where(standings.c.key.in_(wanted[first:first + 500]))).all()
            yield from map(standing_of, found)

    def standings_as_of(self, keys: Iterable[str]) -> Iterator[tuple[str, Standing, int]]:
        """Those clients' whole Standings as the read model holds them, each with the version of its
        last event projected, 500 at a time."""
        wanted = list(keys)
        for first in range(0, len(wanted), 500):
            some = wanted[first:first + 500]
            with self.engine.connect() as connection:
                found = connection.execute(select(*STANDING_COLUMNS, standings.c.version).where(standings.c.key.in_(some))).all()
            for row in found:
                yield row.key, standing_of(row), row.version

    def forgotten_on(self) -> dict[str, date]:
        """Each forgotten client and the business date it was forgotten: few, read in one pass over
        the timeline (it has no index by kind)."""
        with self.engine.connect() as connection:
            return dict(connection.execute(
                select(timeline.c.client_key, timeline.c.occurred_on).where(timeline.c.type == "Forgotten")).all())

    def standing(self, key: str) -> Standing | None:
        with self.engine.connect() as connection:
            row = connection.execute(select(*STANDING_COLUMNS).where(standings.c.key == key)).one_or_none()
        return None if row is None else standing_of(row)

    def every_standing(self, everyone: bool = False) -> list[Standing]:
        """Where every client stands, as the read model holds it (everyone: prospects and former
        clients too)."""
        with self.engine.connect() as connection:
            query = select(*STANDING_COLUMNS).where(*_in_portfolio(everyone))
            return [standing_of(row) for row in connection.execute(query)]

    def pipeline(self) -> list[dict[str, Any]]:
        """Every relationship that was a prospect or has left (kam_pipeline), by key."""
        with self.engine.connect() as connection:
            return pipeline_rows(connection)

    def events_of(self, kind: str) -> list[dict[str, Any]]:
        """Every client's timeline rows of one event type, in the order recorded."""
        return self._timeline_rows(timeline.c.type == kind, order_by=timeline.c.notification_id)

    def ours_left(self) -> dict[str, date]:
        """Each of ours who left the company (the portfolio's OursLeft), and when."""
        return {row["fields"]["name"]: row["occurred_on"] for row in self.events_of("OursLeft")}

    def events_between(self, kinds: Sequence[str], start: date | None, end: date) -> list[dict[str, Any]]:
        """Every client's timeline rows of those types dated in the period, by business date."""
        return self._timeline_rows(*_between(kinds, start, end), order_by=timeline.c.occurred_on)

    def changes_since(self, seen_until: date | None, reviewed_at: Any, end: date) -> list[dict[str, Any]]:
        """Per client, how many of its events up to end happened after seen_until or were recorded
        after reviewed_at (all of them when there was no review), the latest date among them, and the
        tier changes among them: plain counts, for the portfolio review (the tier changes from the
        narrow kam_tier_decisions)."""
        c, d = timeline.c, tier_decisions.c
        counted = (
            select(c.client_key, func.count(), func.max(c.occurred_on))
            .where(*_since(c.occurred_on, c.recorded_at, seen_until, reviewed_at, end), c.type != "Reviewed",
                   c.client_key != "(portfolio)")
            .group_by(c.client_key)
        )
        changed = (
            select(d.key, d.from_tier, d.to_tier)
            .where(*_since(d.occurred_on, d.recorded_at, seen_until, reviewed_at, end))
            .order_by(d.key, d.version)
        )
        with self.engine.connect() as connection:
            found = {key: {"key": key, "events": n, "latest": latest, "tier_changes": []}
                     for key, n, latest in connection.execute(counted).all()}
            for key, from_tier, to_tier in connection.execute(changed):
                found[key]["tier_changes"].append(f"{from_tier} -> {to_tier}")
        return [found[key] for key in sorted(found)]

    def tier_inputs(self) -> tuple[list[ClientInputs], dict[str, Tier]]:
        """Every client's tier inputs (without their source events) and the tier it has now."""
        c = standings.c
        columns = [c.key, c.tier, c.has_inputs, c.profit, c.score_total, c.score_band, c.high_dimensions, c.burdens, c.override_tier,
                   c.revenue, c.cost_to_serve, c.hours, c.open_problems, c.single_threaded]
        with self.engine.connect() as connection:
            found = connection.execute(select(*columns).where(*_in_portfolio(False))).all()
        names = [column.name for column in columns]
        rows = [dict(zip(names, values)) for values in found]
        return [inputs_of(row) for row in rows], {row["key"]: Tier(row["tier"]) for row in rows}

    def timeline(self, key: str) -> list[dict[str, Any]]:
        return self._timeline_rows(self._of_client(key), order_by=timeline.c.version)

    def timeline_events(self, events: list[tuple[str, int]]) -> list[dict[str, Any]]:
        """The timeline rows of the given (client key, version) pairs."""
        if not events:
            return []
        if self.positions is None:
            return self._timeline_rows(tuple_(timeline.c.client_key, timeline.c.version).in_(events))
        versions: dict[str, set[int]] = {}
        for key, version in events:
            versions.setdefault(key, set()).add(version)
        return self._timeline_rows(or_(*(and_(self._of_client(key), timeline.c.version.in_(sorted(some)))
                                         for key, some in versions.items())))

    def _of_client(self, key: str) -> Any:
        """The criterion of a client's (or the portfolio's) timeline rows: their notification ids,
        from the log's own index where it is known (projections/log_index.py)."""
        if self.positions is None:
            return timeline.c.client_key == key
        return timeline.c.notification_id.in_(self.positions(client_id_of(key)))

    def _timeline_rows(self, *criteria: Any, order_by: Any = None) -> list[dict[str, Any]]:
        """The timeline rows that meet the criteria, each with its client's id. Their fields come as
        JSON (a large one compressed), parsed all at once: a client's ten thousand rows parse in
        half the time of one parse each."""
        query = select(*_TIMELINE_COLUMNS).where(*criteria).order_by(order_by)
        with self.engine.connect() as connection:
            return self._decoded(connection.execute(query).all())

    def _decoded(self, found: Sequence[Any]) -> list[dict[str, Any]]:
        """Timeline rows as read, their fields parsed (and opened, where sealed)."""
        rows = [dict(zip(_TIMELINE_NAMES, values)) for values in found]
        for row, fields in zip(rows, json_value(b"[" + b",".join(unpacked(row["fields"]) for row in rows) + b"]")):
            row["fields"] = fields if type(fields) is dict else fields_of(row["client_key"], row["type"], fields)
            row["client_id"] = client_id_of(row["client_key"])
        if rows and rows[0]["recorded_at"].tzinfo is None:  # SQLite hands back naive datetimes, stored as UTC
            for row in rows:
                row["recorded_at"] = row["recorded_at"].replace(tzinfo=UTC)
        if self.sealer:
            if len(clients := {row["client_id"] for row in rows}) > 1:  # many clients' rows: their keys at once
                self.sealer.read_keys(clients)
            for row in rows:
                row["fields"] = self.sealer.unseal_fields(row["client_id"], row["type"], row["fields"])
        return rows


_TIMELINE_COLUMNS = [column if column.name != "fields" else cast(column, LargeBinary).label("fields") for column in timeline.c]
_TIMELINE_NAMES = [column.name for column in timeline.c]


@lru_cache(maxsize=65536)
def client_id_of(key: str) -> str:
    """The id of the client (or the portfolio) whose events a timeline row's key names."""
    return str(Portfolio.create_id() if key == PORTFOLIO else Relationship.create_id(key))


def stored_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The timeline row with its fields as they are stored: their values alone, in the order of
    its event class's own fields (``field_names``), where the fields are just those; the names of
    a bench ledger's fields were 47 MB of its 104 MB of fields. Any other fields stay as they are,
    named. Changes the row given, made only to be stored."""
    fields, names = row["fields"], field_names().get((row["client_key"] == PORTFOLIO, row["type"]))
    if names is not None and len(fields) == len(names):
        if tuple(fields) == names:
            row["fields"] = list(fields.values())
        elif fields.keys() == set(names):
            row["fields"] = [fields[name] for name in names]
    return row


def fields_of(key: str, kind: str, values: list[Any]) -> dict[str, Any]:
    """A timeline row's fields, named again from their values as stored (``stored_fields``)."""
    return dict(zip(field_names()[(key == PORTFOLIO, kind)], values, strict=True))


@cache
def field_names() -> dict[tuple[bool, str], tuple[str, ...]]:
    """Each event class's own fields (what a timeline row keeps), in the order declared, by whether it
    is the portfolio's and its name. Changing an event class's fields changes how its timeline rows
    are read: bump READ_MODEL_VERSION (tests/unit/test_timeline_fields.py keeps the list)."""
    return {
        (aggregate is Portfolio, name): tuple(field.name for field in dataclasses.fields(cls) if field.name not in TIMELINE_BASE_FIELDS)
        for aggregate in (Relationship, Portfolio)
        for name, cls in vars(aggregate).items()
        if isinstance(cls, type) and issubclass(cls, Aggregate.Event)
    }


# What every event carries apart from its own fields: the timeline row's own columns, or not shown.
TIMELINE_BASE_FIELDS = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic", "occurred_on", "recorded_by"})


def _sealed(sealer: FieldsSealer, row: dict[str, Any]) -> dict[str, Any]:
    """The row with its personal texts sealed; the row itself when it has none (most rows)."""
    fields = sealer.seal_fields(row["client_id"], row["type"], row["fields"])
    return row if fields is row["fields"] else {**row, "fields": fields}


def _between(kinds: Sequence[str], start: date | None, end: date) -> list[Any]:
    """Timeline rows of those types dated from start (any date, with none) to end."""
    return [timeline.c.type.in_(kinds), timeline.c.occurred_on <= end, *(() if start is None else (timeline.c.occurred_on >= start,))]


def _since(occurred_on: Any, recorded_at: Any, seen_until: date | None, reviewed_at: Any, end: date) -> list[Any]:
    """Events up to end that happened after seen_until or were recorded after reviewed_at (all of
    them up to end when there was no review)."""
    criteria = [occurred_on <= end]
    if seen_until is not None:
        criteria.append((occurred_on > seen_until) | (recorded_at > reviewed_at))
    return criteria


def _in_portfolio(everyone: bool) -> tuple[Any, ...]:
    """Only the clients, unless everyone is wanted: prospects and former clients are out of the
    standings, the tiers and every portfolio view."""
    return () if everyone else (standings.c.stage == Stage.CLIENT.value,)


def inputs_of(row: Mapping[str, Any]) -> ClientInputs:
    """The tier inputs in a kam_standings row."""
    return ClientInputs(
        key=row["key"],
        has_inputs=row["has_inputs"],
        profit=None if row["profit"] is None else Decimal(row["profit"]),
        score_total=row["score_total"],
        band=None if row["score_band"] is None else Band(row["score_band"]),
        high_dimensions=_dimensions(row["high_dimensions"]),
        burdens=_burdens(row["burdens"]),
        override=None if row["override_tier"] is None else Tier(row["override_tier"]),
        revenue=_amount(row.get("revenue")), cost_to_serve=_amount(row.get("cost_to_serve")),
        hours=Decimal(row.get("hours") or 0), open_problems=row.get("open_problems") or 0,
        single_threaded=bool(row.get("single_threaded")),
    )


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


# The comma-separated columns take few distinct values: parse each once (re-evaluating ten
# thousand clients after every command reads them all).
@lru_cache(maxsize=256)
def _dimensions(text: str) -> frozenset[ValueDimension]:
    return frozenset(ValueDimension(d) for d in text.split(",") if d)


@lru_cache(maxsize=256)
def _burdens(text: str) -> frozenset[BurdenSignal]:
    return frozenset(BurdenSignal(b) for b in text.split(",") if b)


def _position(connection: Connection, application_name: str) -> int | None:
    query = select(tracking.c.notification_id).where(tracking.c.application_name == application_name)
    return connection.execute(query).scalar()


def _hold_position(connection: Connection, application_name: str, start: int) -> None:
    """Lock the position row first (PostgreSQL; SQLite locks the whole file on writing), so two
    processes projecting the same events queue there instead of deadlocking on standings rows."""
    query = select(tracking.c.notification_id).where(tracking.c.application_name == application_name)
    if connection.execute(query.with_for_update()).scalar() != start:
        raise TrackingConflict(f"the position of {application_name} is no longer {start}")


def _advance(connection: Connection, application_name: str, start: int | None, to: int) -> None:
    if start is None:
        connection.execute(tracking.insert().values(application_name=application_name, notification_id=to))
        return
    moved = connection.execute(
        update(tracking)
        .where(tracking.c.application_name == application_name, tracking.c.notification_id == start)
        .values(notification_id=to)
    )
    if moved.rowcount != 1:
        raise TrackingConflict(f"the position of {application_name} moved during the batch")
