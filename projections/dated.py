"""The dated inputs read model (kam_dated): every client's inputs on each of its business dates, in
both clocks, kept current one fact at a time.

A fact dated D that is its slot's latest from D up to the slot's next mark changes the client's rows
of those dates (domain/business_time.py ``span_of``). Each changed row gets a new version known from
the fact's recording time; the version it replaces is known until then. So a read picks, per client,
the row with the latest business date on or before D among the versions known at T: the same facts
give the same rows whatever order they were typed in, and what was known at any moment stays there.
"""

from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, bindparam, case, delete, func, literal, or_, select, update
from sqlalchemy.exc import IntegrityError

from kamledger.domain.business_time import CLIENT_STAGE, DatedInputs, span_of
from kamledger.domain.standing import Standing
from kamledger.projections.tables import (
    dated, insert_rows, insert_unless_there, pareto_heads, profit_days, standings, tier_decisions, tier_moves, tier_moves_state,
)

NOT_SUPERSEDED = datetime(9999, 12, 31, tzinfo=UTC)
SAME_MOMENT = timedelta(seconds=1)


@dataclass
class Version:
    """One version of a client's row of one business date."""

    key: str
    client_id: str
    day: date
    inputs: DatedInputs
    known_from: datetime
    known_to: datetime = NOT_SUPERSEDED
    pending: bool = True  # made by this batch, not stored yet
    dropped: bool = False  # superseded within the same moment: never stored
    closes: "Version | dict[str, Any] | None" = None  # what this version ended: a pending one, or a stored one's update


@dataclass
class ClientDates:
    """One client's current row versions, by business date."""

    client_id: str
    key: str
    days: list[date] = field(default_factory=list)
    current: dict[date, Version] = field(default_factory=dict)


class DatedBatch:
    """The dated rows a batch of events adds and supersedes, written with the batch."""

    def __init__(self, connection: Connection | None):
        self.connection = connection  # None: every client it meets is new to the table (a rebuild's share)
        self.clients: dict[str, ClientDates] = {}
        self.superseded: list[dict[str, Any]] = []  # stored versions to close: key, day, when
        self.unseen: list[dict[str, Any]] = []  # stored versions superseded at the moment they were recorded: key, day, when
        self.decisions: list[dict[str, Any]] = []
        self.pending: list[Version] = []  # versions made by this batch, to be stored
        self.value_days: set[date] = set()  # business dates of the values this batch recorded
        self.moved_from: date | None = None  # the first business date of a change to what decides a tier

    def registered(self, client_id: str, key: str, standing: Standing, event: Any) -> None:
        client = self.clients[client_id] = ClientDates(client_id, key)
        owner_mark = standing.marks["owner"][0]
        self._set(client, event.occurred_on, DatedInputs().with_change("owner", None, owner_mark), event.timestamp)

    def marked(self, client_id: str, key: str, standing: Standing, event: Any) -> None:
        """A fact's mark was just put on the standing: change the rows of the dates it decides."""
        client = self._client(client_id, key)
        slot, _ = event.business_mark()
        if slot.startswith("value:"):
            self.value_days.add(event.occurred_on)
        marks = standing.marks[slot]
        position = bisect_left(marks, (event.occurred_on, event.originator_version))
        start, end = span_of(marks, position)
        before = marks[position - 1] if position else None
        when = event.timestamp
        if start not in client.current:
            earlier = bisect_left(client.days, start)
            base = client.current[client.days[earlier - 1]].inputs if earlier else DatedInputs()
            self._set(client, start, base, when)
        first = bisect_left(client.days, start)
        last = len(client.days) if end is None else bisect_left(client.days, end)
        for day in client.days[first:last]:
            inputs = client.current[day].inputs
            changed = inputs.with_change(slot, before, marks[position])
            if changed != inputs:
                self._set(client, day, changed, when)

    def decided(self, key: str, event: Any) -> None:
        """A tier change was recorded: what the product showed from then on."""
        self.decisions.append({
            "key": key, "version": event.originator_version, "recorded_at": event.timestamp, "occurred_on": event.occurred_on,
            "from_tier": event.from_tier, "to_tier": event.to_tier, "rule": event.rule, "policy_version": event.policy_version,
        })

    def policy_adopted(self, day: date) -> None:
        """A portfolio fact that decides tiers (a policy adopted) from that business date on."""
        self.moved_from = day if self.moved_from is None else min(self.moved_from, day)

    def flush(self, connection: Connection) -> None:
        """Close the stored versions this batch superseded, then add its rows."""
        days = [version.day for version in self.pending] + [row["b_day"] for row in self.superseded + self.unseen]
        if self.moved_from is not None:
            days.append(self.moved_from)
        if days:
            mark_moves_stale(connection, min(days))
            self.moved_from = None
        if self.superseded:
            statement = (
                update(dated)
                .where(dated.c.key == bindparam("b_key"), dated.c.valid_from == bindparam("b_day"), dated.c.known_to.is_(None))
                .values(known_to=bindparam("b_when", type_=dated.c.known_to.type))
            )
            connection.execute(statement, self.superseded)
        if self.unseen:
            statement = delete(dated).where(dated.c.key == bindparam("b_key"), dated.c.valid_from == bindparam("b_day"),
                                            dated.c.known_from == bindparam("b_when", type_=dated.c.known_from.type))
            connection.execute(statement, self.unseen)
        if self.decisions:
            insert_rows(connection, tier_decisions, self.decisions)
        if rows := [row_of(version) for version in self.pending if not version.dropped]:
            insert_rows(connection, dated, rows)
        if self.value_days:  # the Pareto head may have moved from the first of them on
            connection.execute(delete(pareto_heads).where(pareto_heads.c.day >= min(self.value_days)))
            # the days not there yet: two processes of a rebuild may bring the same day at once
            insert_unless_there(connection, profit_days, [{"day": day} for day in sorted(self.value_days)])
            self.value_days = set()
        for version in self.pending:
            version.pending, version.closes = False, None
        self.superseded, self.unseen, self.decisions, self.pending = [], [], [], []

    def _client(self, client_id: str, key: str) -> ClientDates:
        client = self.clients.get(client_id)
        if client is None:
            client = self.clients[client_id] = ClientDates(client_id, key)
            if self.connection is not None:
                self._load(client)
        return client

    def _load(self, client: ClientDates) -> None:
        query = (select(dated.c.valid_from, dated.c.known_from, dated.c.inputs)
                 .where(dated.c.key == client.key, dated.c.known_to.is_(None)).order_by(dated.c.valid_from))
        for day, known_from, inputs in self.connection.execute(query):
            client.days.append(day)
            client.current[day] = Version(client.key, client.client_id, day, unpacked_inputs(inputs), _aware(known_from), pending=False)

    def _set(self, client: ClientDates, day: date, inputs: DatedInputs, when: datetime) -> None:
        """A new version of the client's row of that day, known from `when`. A version of this batch
        superseded within the same moment (a second: one bulk entry, one command's events) was
        never there to be seen: it is not stored, and what it ended lasts until the new one."""
        old = client.current.get(day)
        closes: Version | dict[str, Any] | None = None
        if old is None:
            insort(client.days, day)
        elif not old.pending and when == old.known_from:  # never there to be seen (and its key is the new one's)
            self.unseen.append({"b_key": client.key, "b_day": day, "b_when": when})
        elif not old.pending:
            closes = {"b_key": client.key, "b_day": day, "b_when": when}
            self.superseded.append(closes)
        elif when - old.known_from < SAME_MOMENT:
            old.dropped, closes = True, old.closes
            if isinstance(closes, Version):
                closes.known_to = when
            elif closes is not None:
                closes["b_when"] = when
        else:
            old.known_to, closes = when, old
        client.current[day] = version = Version(client.key, client.client_id, day, inputs, when, closes=closes)
        self.pending.append(version)


def mark_moves_stale(connection: Connection, day: date) -> None:
    """The kept tier moves (kam_tier_moves) from that business date on may be out of date."""
    stale_from = tier_moves_state.c.stale_from
    on = literal(day, stale_from.type)
    earlier = case((or_(stale_from.is_(None), stale_from > on), on), else_=stale_from)
    connection.execute(update(tier_moves_state).values(stale_from=earlier, changes=tier_moves_state.c.changes + 1))


def row_of(version: Version) -> dict[str, Any]:
    return {
        "key": version.key,
        "valid_from": version.day,
        "known_from": version.known_from,
        "known_to": None if version.known_to == NOT_SUPERSEDED else version.known_to,
        "inputs": packed_inputs(version.inputs),
    }


# A row's inputs in one text, each field in its place, fields apart by the unit separator (no
# name or handle holds a control character), an empty field for None or the field's default, the
# empty fields at the end left out: ~50 bytes where 21 columns took ~100 (1.4M rows on the bench ledger).
_APART, _EMPTY = "\x1f", ""
_FIELDS = 19
_ZERO = Decimal(0)
_DEFAULT = DatedInputs()


# The words most rows repeat, each written as its number in these lists (a pyramid level one digit,
# a value dimension and its level two): ~26 bytes a row where they were ~60 (the bench ledger's
# dimensions and levels, ~25 MB). A word not here is written as it is (it always holds a letter or
# an "="). Append only: a row stored keeps its numbers; tests/test_dated_storage.py keeps the lists.
PYRAMID_LEVELS = ("transactional", "cooperation", "partnership", "synergy")
DIMENSIONS = ("strategic", "referral", "educational", "potential")
DIMENSION_LEVELS = ("low", "medium", "high")
_LEVEL_CODES = {level: str(number) for number, level in enumerate(PYRAMID_LEVELS)}
_LEVELS_CODED = {code: level for level, code in _LEVEL_CODES.items()}
_DIMENSION_CODES = {(name, level): f"{n}{m}" for n, name in enumerate(DIMENSIONS) for m, level in enumerate(DIMENSION_LEVELS)}
_DIMENSIONS_CODED = {code: pair for pair, code in _DIMENSION_CODES.items()}


def packed_inputs(inputs: DatedInputs) -> str:
    survey, rating = inputs.survey, inputs.rating
    fields = (
        inputs.owner or _EMPTY,
        _EMPTY if inputs.pyramid_level == _DEFAULT.pyramid_level else _LEVEL_CODES.get(inputs.pyramid_level, inputs.pyramid_level),
        _EMPTY if inputs.score_total is None else str(inputs.score_total),
        str(inputs.values) if inputs.values else _EMPTY,
        _profit(inputs),
        _EMPTY if inputs.decimals == _DEFAULT.decimals else ",".join(map(str, inputs.decimals)),
        ",".join(_DIMENSION_CODES.get(pair) or f"{pair[0]}={pair[1]}" for pair in inputs.dimensions),
        ",".join(sorted(inputs.burdens)),
        inputs.override or _EMPTY,
        _EMPTY if survey is None else f"{survey[0].toordinal()},{survey[1]},{survey[2]}",
        _EMPTY if inputs.stage == CLIENT_STAGE else inputs.stage,
        _amount(inputs.revenue_sum),
        _amount(inputs.cost_sum),
        _amount(inputs.hours_sum),
        str(inputs.open_problems) if inputs.open_problems else _EMPTY,
        ",".join(f"{name}={weight}" for name, weight in inputs.criteria),
        _EMPTY if rating is None else f"{rating[0]}:" + ",".join(f"{n}={v}" for n, v in rating[1]),
        "\t".join(sorted(inputs.linked)),
        "\t".join(sorted(inputs.present)),
    )
    return _APART.join(fields).rstrip(_APART)


def unpacked_inputs(text: str) -> DatedInputs:
    fields = text.split(_APART)
    if len(fields) < _FIELDS:
        fields += [_EMPTY] * (_FIELDS - len(fields))
    (owner, level, score, values, profit, decimals, dimensions, burdens, override, survey, stage,
     revenue, cost, hours, problems, criteria, rating, linked, present) = fields
    return DatedInputs(
        owner=owner or None, pyramid_level=_LEVELS_CODED.get(level, level) or _DEFAULT.pyramid_level, score_total=int(score) if score else None,
        values=int(values) if values else 0, profit_sum=Decimal(profit) if profit else _decimal(revenue) - _decimal(cost),
        decimals=_decimals(decimals) if decimals else _DEFAULT.decimals,
        dimensions=_dimensions(dimensions), burdens=_burdens(burdens), override=override or None,
        survey=_survey(survey) if survey else None, stage=stage or CLIENT_STAGE,
        revenue_sum=_decimal(revenue), cost_sum=_decimal(cost), hours_sum=_decimal(hours),
        open_problems=int(problems) if problems else 0, criteria=_criteria(criteria), rating=_rating(rating or None),
        linked=_names(linked), present=_names(present),
    )


def _profit(inputs: DatedInputs) -> str:
    """The profit, left out (an empty field) where it is the revenue less the cost, as it mostly is."""
    text = str(inputs.profit_sum)
    return _EMPTY if str(inputs.revenue_sum - inputs.cost_sum) == text else text


def _amount(amount: Decimal) -> str:
    text = str(amount)
    return _EMPTY if text == "0" else text


def _decimal(text: str) -> Decimal:
    return Decimal(text) if text else _ZERO


def _survey(text: str) -> tuple[date, int, int]:
    day, satisfaction, nps = text.split(",")
    return date.fromordinal(int(day)), int(satisfaction), int(nps)


# The places in packed_inputs of the fields profit_of reads, and how many fields it splits off.
_VALUES, _PROFIT, _STAGE, _REVENUE, _COST = 3, 4, 10, 11, 12
_UP_TO_COST = _COST + 1


def profit_of(text: str) -> tuple[str, Decimal | None]:
    """The stage and the profit (None before any value) of packed inputs, without the rest."""
    fields = text.split(_APART, _UP_TO_COST)
    if len(fields) < _UP_TO_COST:
        fields += [_EMPTY] * (_UP_TO_COST - len(fields))
    stage = fields[_STAGE] or CLIENT_STAGE
    if not fields[_VALUES]:  # no value recorded
        return stage, None
    profit = fields[_PROFIT]
    return stage, Decimal(profit) if profit else _decimal(fields[_REVENUE]) - _decimal(fields[_COST])


@lru_cache(maxsize=1024)
def _names(text: str) -> frozenset[str]:
    return frozenset(name for name in text.split("\t") if name)


@lru_cache(maxsize=1024)
def _criteria(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(pair.split("=", 1)) for pair in text.split(",") if pair)  # type: ignore[misc]


@lru_cache(maxsize=1024)
def _rating(text: str | None) -> tuple[str, tuple[tuple[str, int], ...]] | None:
    if text is None:
        return None
    source, _, ratings = text.partition(":")
    return source, tuple((name, int(value)) for name, value in (pair.split("=", 1) for pair in ratings.split(",") if pair))


# The text fields take few distinct values: parse each once (a review reads a row per change).
@lru_cache(maxsize=1024)
def _dimensions(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(_DIMENSIONS_CODED.get(pair) or tuple(pair.split("=", 1)) for pair in text.split(",") if pair)  # type: ignore[misc]


@lru_cache(maxsize=256)
def _burdens(text: str) -> frozenset[str]:
    return frozenset(b for b in text.split(",") if b)


@lru_cache(maxsize=256)
def _decimals(text: str) -> tuple[int, int, int]:
    return tuple(int(n) for n in text.split(","))  # type: ignore[return-value]


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes, stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class DatedReads:
    """Reads of the dated inputs and the recorded tier decisions, in either clock or both."""

    def __init__(self, engine: Any):
        self.engine = engine

    def portfolio(self, as_of: datetime | None, effective: date | None, everyone: bool = False) -> list[tuple[str, str, date, DatedInputs]]:
        """Every client registered by the business date, with its inputs on that date as recorded
        by as_of (None: as known now; no date: its latest inputs): key, name, registered on, inputs.
        Only those that were clients then (a prospect or a former client is not in the portfolio),
        unless everyone is wanted."""
        day = effective or date.max
        latest = _latest_rows(day, as_of)
        query = select(latest.c.key, latest.c.name, latest.c.registered_on, dated.c.inputs).select_from(_joined(latest, as_of))
        with self.engine.connect() as connection:
            found = connection.execute(query).all()
        clients = [(key, name, registered_on, unpacked_inputs(inputs)) for key, name, registered_on, inputs in found]
        return clients if everyone else [client for client in clients if client[3].stage == CLIENT_STAGE]

    def client(self, key: str, as_of: datetime | None) -> list[tuple[date, DatedInputs]]:
        """One client's inputs on each of its business dates, as recorded by as_of."""
        query = select(dated.c.valid_from, dated.c.inputs).where(dated.c.key == key, *_known(dated, as_of)).order_by(dated.c.valid_from)
        with self.engine.connect() as connection:
            return [(day, unpacked_inputs(inputs)) for day, inputs in connection.execute(query).all()]

    def decisions(self, as_of: datetime, key: str | None = None) -> dict[str, dict[str, Any]]:
        """The tier each client was shown at as_of: its last recorded decision by then."""
        later = tier_decisions.alias("later")
        last = (
            select(later.c.id)
            .where(later.c.key == standings.c.key, later.c.recorded_at <= _utc(as_of))
            .order_by(later.c.recorded_at.desc(), later.c.version.desc())
            .limit(1)
            .correlate(standings)
            .scalar_subquery()
        )
        query = select(tier_decisions).select_from(standings).join(tier_decisions, tier_decisions.c.id == last)
        if key is not None:
            query = query.where(standings.c.key == key)
        with self.engine.connect() as connection:
            return {row["key"]: dict(row) for row in connection.execute(query).mappings()}

    def profit_days(self, until: date) -> list[date]:
        """The business dates, up to until, on which a value was recorded for any client."""
        query = select(profit_days.c.day).where(profit_days.c.day <= until).order_by(profit_days.c.day)
        with self.engine.connect() as connection:
            return list(connection.execute(query).scalars())

    def profits(self, effective: date) -> list[tuple[str, Decimal | None, date, datetime]]:
        """Every client's profit on the business date, as known now: key, profit, the date of its
        row and when that row was recorded."""
        latest = _latest_rows(effective, None)
        query = select(latest.c.key, dated.c.inputs, dated.c.valid_from, dated.c.known_from).select_from(_joined(latest, None))
        with self.engine.connect() as connection:
            found = connection.execute(query).all()
        profits = [(key, *profit_of(inputs), day, _aware(known)) for key, inputs, day, known in found]
        return [(key, profit, day, known) for key, stage, profit, day, known in profits if stage == CLIENT_STAGE]

    def heads(self, share: str, days: list[date]) -> dict[date, dict[str, Any]]:
        """The cached Pareto heads of those days under the share."""
        query = select(pareto_heads).where(pareto_heads.c.share == share, pareto_heads.c.day.in_(days))
        with self.engine.connect() as connection:
            return {row["day"]: dict(row) for row in connection.execute(query).mappings()} if days else {}

    def keep_heads(self, rows: list[dict[str, Any]]) -> None:
        """Cache heads just worked out (another process may have cached the same ones: keep theirs)."""
        if not rows:
            return
        try:
            with self.engine.begin() as connection:
                query = select(pareto_heads.c.day).where(pareto_heads.c.share == rows[0]["share"],
                                                         pareto_heads.c.day.in_([row["day"] for row in rows]))
                existing = set(connection.execute(query).scalars())
                if fresh := [row for row in rows if row["day"] not in existing]:
                    connection.execute(pareto_heads.insert(), fresh)
        except IntegrityError:
            pass

    def moves_state(self) -> tuple[date | None, int]:
        """From which business date the kept tier moves are stale (None: none), and the count of
        changes so far."""
        with self.engine.connect() as connection:
            stale_from, changes = connection.execute(select(tier_moves_state.c.stale_from, tier_moves_state.c.changes)).one()
        return stale_from, changes

    def span(self) -> tuple[date | None, date | None]:
        """The first and the latest business date of any client's rows (None, None: no client)."""
        with self.engine.connect() as connection:
            first, last = connection.execute(select(func.min(dated.c.valid_from), func.max(dated.c.valid_from))).one()
        return first, last

    def keep_moves(self, walked_from: date, walked_to: date, moves: list[dict[str, Any]], stale_after: date | None, changes: int) -> bool:
        """Keep the moves of a walk over those dates in place of those kept (the ones after it stay
        stale from stale_after), if no change came in since the walk read the count of changes
        (another process's walk may have kept them first)."""
        with self.engine.begin() as connection:
            fresh = (update(tier_moves_state).where(tier_moves_state.c.changes == changes)
                     .values(stale_from=stale_after, changes=tier_moves_state.c.changes + 1))
            if connection.execute(fresh).rowcount != 1:
                return False
            connection.execute(delete(tier_moves).where(tier_moves.c.day >= walked_from, tier_moves.c.day <= walked_to))
            if moves:
                insert_rows(connection, tier_moves, [{**move, "day": date.fromisoformat(move["occurred_on"])} for move in moves])
        return True

    def moves(self, start: date | None, end: date) -> list[dict[str, Any]]:
        """The kept tier moves from start (None: the first) to end, by date and key."""
        query = select(tier_moves).where(tier_moves.c.day <= end).order_by(tier_moves.c.day, tier_moves.c.key)
        if start is not None:
            query = query.where(tier_moves.c.day >= start)
        with self.engine.connect() as connection:
            found = connection.execute(query).all()
        return [{"occurred_on": day.isoformat(), "key": key, "from_tier": from_tier, "to_tier": to_tier, "rule": rule,
                 "policy_version": policy_version, "owner": owner}
                for day, key, from_tier, to_tier, rule, policy_version, owner in found]

    def moves_by_owner(self, start: date, end: date) -> list[tuple[str | None, str, str, int]]:
        """The kept tier moves from start to end of the clients in the portfolio now, counted per
        owner of the day, tier moved from and tier moved to."""
        m = tier_moves.c
        in_portfolio = select(standings.c.key).where(standings.c.stage == CLIENT_STAGE)
        query = (select(m.owner, m.from_tier, m.to_tier, func.count())
                 .where(m.day >= start, m.day <= end, m.key.in_(in_portfolio)).group_by(m.owner, m.from_tier, m.to_tier))
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(query)]


def _latest_rows(day: date, as_of: datetime | None) -> Any:
    """Every client registered by the day (kam_standings: key, name, registered on) with the latest
    business date of its rows on or before the day among the versions known at as_of: a correlated
    subquery, one seek into kam_dated's key a client. Materialised first (a CTE), so that the rows
    are then joined to it by their key: joined in one query, SQLite scanned every row of kam_dated
    instead (1.8 s against 0.03 s for 2,000 clients)."""
    later = dated.alias("later")
    latest_day = (
        select(later.c.valid_from)
        .where(later.c.key == standings.c.key, later.c.valid_from <= day, *_known(later, as_of))
        .order_by(later.c.valid_from.desc())
        .limit(1)
        .correlate(standings)
        .scalar_subquery()
    )
    return (
        select(standings.c.key, standings.c.name, standings.c.registered_on, latest_day.label("day"))
        .where(standings.c.registered_on <= day)
        .cte("latest")
        .prefix_with("MATERIALIZED")
    )


def _joined(latest: Any, as_of: datetime | None) -> Any:
    """Each client's row of that date known at as_of (one: the versions of a date do not overlap)."""
    return latest.join(dated, and_(dated.c.key == latest.c.key, dated.c.valid_from == latest.c.day, *_known(dated, as_of)))


def _known(table: Any, as_of: datetime | None) -> tuple[Any, ...]:
    """The versions known at as_of (None: now)."""
    if as_of is None:
        return (table.c.known_to.is_(None),)
    moment = _utc(as_of)
    return (table.c.known_from <= moment, or_(table.c.known_to.is_(None), table.c.known_to > moment))


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def changes_by_day(engine: Any, start: date, end: date) -> Iterator[tuple[date, list[tuple[str, DatedInputs]]]]:
    """Every client's rows (as known now) of the business dates from start to end, one date at a
    time: the date, and the key and inputs of each client whose row it is. The rows are read as
    they are used (a long period holds a row per client and change), never all at once."""
    query = (
        select(dated.c.valid_from, dated.c.key, dated.c.inputs)
        .where(dated.c.known_to.is_(None), dated.c.valid_from >= start, dated.c.valid_from <= end)
        .order_by(dated.c.valid_from)
    )
    with engine.connect() as connection:
        rows = connection.execution_options(yield_per=_PAGE).execute(query)
        for day, of_day in groupby(rows, key=itemgetter(0)):
            yield day, [(key, unpacked_inputs(inputs)) for _, key, inputs in of_day]


_PAGE = 5_000  # rows fetched at a time


def profit_changes_between(engine: Any, start: date, end: date) -> list[tuple[str, date, Decimal | None, datetime]]:
    """Every client's profit on each of its rows (as known now) from start to end, by date: key,
    date, profit (None before any value), when the row was recorded. Lighter than whole rows."""
    query = (
        select(dated.c.key, dated.c.valid_from, dated.c.inputs, dated.c.known_from)
        .where(dated.c.known_to.is_(None), dated.c.valid_from >= start, dated.c.valid_from <= end)
        .order_by(dated.c.valid_from)
    )
    with engine.connect() as connection:
        found = connection.execute(query).all()
    # A row out of the portfolio (a prospect's, a former client's) has no profit for the Pareto head.
    changes = [(key, day, *profit_of(inputs), _aware(known)) for key, day, inputs, known in found]
    return [(key, day, profit if stage == CLIENT_STAGE else None, known) for key, day, stage, profit, known in changes]
