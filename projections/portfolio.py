"""The read models of the portfolio reads (kam pareto, matrix, surveys, owners): each client's value
of each period, every survey answer and every owner a client had from a business date on, kept by
the ledger projection with the standings; and the reads over them, which sum and count in SQL or
read a few narrow columns, never a whole Standing.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, case, cast, func, not_, null, or_, select, tuple_, union_all, update

from kamledger.domain.business_time import Mark
from kamledger.domain.prospects import Stage
from kamledger.domain.relationship import Relationship
from kamledger.domain.standing import Standing
from kamledger.domain.value import Period, month_of
from kamledger.projections.tables import insert_rows, owner_marks, pyramid_moves, scores, standings, survey_answers, value_entries

# An amount is kept in whole cents up to this many (ten trillion): a client's sum in SQL then stays
# within 64 bits up to nine thousand periods. Larger amounts (or, should one come in, finer than a
# cent) are summed from their text.
MAX_CENTS = 10**15


class PortfolioBatch:
    """The portfolio rows a batch of events changes, written with the batch."""

    def __init__(self) -> None:
        self.periods: dict[str, set[str]] = defaultdict(set)  # client id -> periods with a value recorded
        self.answers: list[dict[str, Any]] = []
        self.owners: list[dict[str, Any]] = []
        self.scores: list[dict[str, Any]] = []
        self.entries: list[dict[str, Any]] = []
        self.pyramid: list[dict[str, Any]] = []

    def add(self, client_id: str, key: str, event: Any) -> None:
        """What one event changes here (most change nothing)."""
        if isinstance(event, Relationship.ValueRecorded):
            self.periods[client_id].add(event.period)
            self.entries.append(entry_row(key, event.originator_version, event.occurred_on, event.period, event.revenue, event.cost_to_serve))
        elif isinstance(event, Relationship.Scored):
            self.scores.append({"key": key, "version": event.originator_version, "occurred_on": event.occurred_on, "total": event.total})
        elif isinstance(event, Relationship.SurveyAnswered):
            self.answers.append({"key": key, "version": event.originator_version, "occurred_on": event.occurred_on,
                                 "satisfaction": event.satisfaction, "nps": event.nps})
        elif isinstance(event, Relationship.PyramidLevelChanged):
            self.pyramid.append({"key": key, "version": event.originator_version, "occurred_on": event.occurred_on,
                                 "up": event.direction == "up"})
        elif isinstance(event, Relationship.Registered | Relationship.OwnerAssigned):
            self.owners.append({"key": key, "version": event.originator_version, "valid_from": event.occurred_on,
                                "owner": event.owner})

    def flush(self, connection: Connection, changed: Mapping[str, tuple[Standing, int]], existing: set[str]) -> None:
        """Write the rows as they came, each value entry marked current where it is its period's
        value as its client's standing now holds it (the latest by business date); the entries of
        those periods written before are marked again."""
        if self.periods:
            current: dict[tuple[str, int, int], int] = {}  # (key, months) -> the version of the period's value as it stands
            stored: set[str] = set()  # the keys of clients with entries written before
            for client_id, periods in self.periods.items():
                standing = changed[client_id][0]
                current.update({(standing.key, *_months(period)): standing.values[period].ref.version for period in periods})
                if client_id in existing:
                    stored.add(standing.key)
            for row in self.entries:
                row["current"] = row["version"] == current[(row["key"], row["first_month"], row["last_month"])]
            known = [{"b_key": key, "b_first": first, "b_last": last, "b_version": version}
                     for (key, first, last), version in current.items() if key in stored]
            if known:
                e = value_entries.c
                statement = (update(value_entries)
                             .where(e.key == bindparam("b_key"), e.first_month == bindparam("b_first"), e.last_month == bindparam("b_last"))
                             .values(current=e.version == bindparam("b_version")))
                connection.execute(statement, known)
        for table, rows in ((survey_answers, self.answers), (owner_marks, self.owners), (scores, self.scores), (value_entries, self.entries),
                            (pyramid_moves, self.pyramid)):
            if rows:
                insert_rows(connection, table, rows)
        self.periods, self.answers, self.owners, self.scores, self.entries, self.pyramid = defaultdict(set), [], [], [], [], []


def _months(period: str) -> tuple[int, int]:
    parsed = Period.parse(period)
    return parsed.first_month, parsed.last_month


def entry_row(key: str, version: int, day: date, period_text: str, revenue: Decimal, cost: Decimal) -> dict[str, Any]:
    """A value entry's row of kam_value_entries (not yet marked current or not): its amounts in
    whole cents, or as text where they are not whole cents (or are too large) or the cents do not
    give them back as written, and its profit likewise."""
    period = Period.parse(period_text)
    revenue_places, cost_places = _places(revenue), _places(cost)
    revenue_cents, cost_cents = whole_cents(revenue), whole_cents(cost)
    exact = revenue_cents is not None and cost_cents is not None
    return {
        "key": key, "version": version, "occurred_on": day, "first_month": period.first_month, "last_month": period.last_month,
        "revenue_cents": revenue_cents if exact else None, "cost_cents": cost_cents if exact else None,
        "revenue_places": revenue_places, "cost_places": cost_places,
        "revenue": _text_unless_in_cents(revenue, revenue_cents if exact else None, revenue_places),
        "cost_to_serve": _text_unless_in_cents(cost, cost_cents if exact else None, cost_places),
        "profit_cents": revenue_cents - cost_cents if exact else None,  # type: ignore[operator]
        "places": max(revenue_places, cost_places), "profit": None if exact else str(revenue - cost),
    }


def _text_unless_in_cents(amount: Decimal, cents: int | None, places: int) -> str | None:
    """The amount as text, where its cents and places do not give it back as it is written (most do)."""
    text = str(amount)
    return None if cents is not None and str(from_cents(cents, places)) == text else text


def whole_cents(amount: Decimal) -> int | None:
    """The amount in whole cents; None when it is not a whole number of them or is too large."""
    if not amount.is_finite():
        return None
    cents = amount.scaleb(2)
    return int(cents) if cents == cents.to_integral_value() and abs(cents) < MAX_CENTS else None


def from_cents(cents: int, places: int) -> Decimal:
    """A sum of amounts in cents, written with as many decimals as the most of them had (as a sum
    of the Decimals themselves is)."""
    return Decimal(int(cents)).scaleb(-2).quantize(_quantum(places))


@lru_cache(maxsize=64)
def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class PortfolioReads:
    """The portfolio's reads, each a query or two over narrow columns."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def money(self, first_month: int | None, last_month: int | None) -> dict[str, tuple[Decimal, Decimal]]:
        """Each client's revenue and cost to serve summed over its periods within the months
        (either end open: a PeriodSelection's), for the clients with any such period."""
        c = value_entries.c
        within = [c.current, *_within(first_month, last_month)]  # each period's value as it stands
        summed = (
            select(c.key, func.sum(c.revenue_cents), func.sum(c.cost_cents), func.max(c.revenue_places),
                   func.max(c.cost_places), func.count() - func.count(c.revenue_cents))
            .where(*within, _of_clients(c.key)).group_by(c.key)
        )
        with self.engine.connect() as connection:
            found = connection.execute(summed).all()
            money = {key: (from_cents(revenue, revenue_places), from_cents(cost, cost_places))
                     for key, revenue, cost, revenue_places, cost_places, inexact in found if not inexact}
            if inexact := [key for key, *_, count in found if count]:
                money.update(self._summed_from_text(connection, inexact, within))
        return money

    @staticmethod
    def _summed_from_text(connection: Connection, keys: list[str], within: list[Any]) -> dict[str, tuple[Decimal, Decimal]]:
        """The sums of the clients some of whose amounts are not kept in cents, from the text."""
        c = value_entries.c
        query = select(c.key, c.revenue, c.cost_to_serve, c.revenue_cents, c.cost_cents, c.revenue_places, c.cost_places).where(
            c.key.in_(keys), *within)
        amounts: dict[str, list[tuple[Decimal, Decimal]]] = defaultdict(list)
        for key, revenue, cost, revenue_cents, cost_cents, revenue_places, cost_places in connection.execute(query):
            amounts[key].append((Decimal(revenue) if revenue is not None else from_cents(revenue_cents, revenue_places),
                                 Decimal(cost) if cost is not None else from_cents(cost_cents, cost_places)))
        return {key: (sum(r for r, _ in pairs), sum(c for _, c in pairs)) for key, pairs in amounts.items()}  # type: ignore[misc]

    def straddling(self, first_month: int | None, last_month: int | None) -> list[tuple[str, str]]:
        """The (key, period) of the values whose period overlaps the months but reaches beyond them
        (those PeriodSelection.straddles)."""
        if first_month is None and last_month is None:
            return []
        c = value_entries.c
        overlaps = [c.last_month >= first_month] if first_month is not None else []
        overlaps += [c.first_month <= last_month] if last_month is not None else []
        query = select(c.key, c.first_month, c.last_month).where(
            c.current, *overlaps, not_(and_(*_within(first_month, last_month))), _of_clients(c.key))
        with self.engine.connect() as connection:
            return [(key, Period.of_months(first, last).label) for key, first, last in connection.execute(query)]

    def clients(self, *columns: str, everyone: bool = False) -> list[tuple]:
        """Those columns of every client's standings row (plain columns, never the whole Standing);
        prospects and former clients are not in the portfolio (unless everyone)."""
        query = select(*(standings.c[name] for name in columns)).where(*(() if everyone else (standings.c.stage == Stage.CLIENT.value,)))
        with self.engine.connect() as connection:
            return [tuple(row) for row in connection.execute(query)]

    def owner_marks(self) -> dict[str, list[Mark]]:
        """Every client's owner marks (from its registration and each owner change), in order."""
        c = owner_marks.c
        query = select(c.key, c.valid_from, c.version, c.owner).order_by(c.key, c.valid_from, c.version)
        marks: dict[str, list[Mark]] = defaultdict(list)
        with self.engine.connect() as connection:
            for key, day, version, owner in connection.execute(query):
                marks[key].append(Mark(day, version, owner))
        return marks

    def answers_by_client(self, last: date) -> dict[str, list[tuple[date, int, int]]]:
        """Every client's survey answers dated up to last: (day, satisfaction, NPS answer) in
        business-date order (the order they were recorded in, on the same day)."""
        c = survey_answers.c
        query = select(c.key, c.occurred_on, c.satisfaction, c.nps).where(c.occurred_on <= last).order_by(c.key, c.occurred_on, c.version)
        found: dict[str, list[tuple[date, int, int]]] = defaultdict(list)
        with self.engine.connect() as connection:
            for key, day, satisfaction, nps in connection.execute(query):
                found[key].append((day, satisfaction, nps))
        return found

    def last_answered_before(self, day: date) -> dict[str, date]:
        """Each client's latest survey dated before the day (those with one)."""
        c = survey_answers.c
        query = select(c.key, func.max(c.occurred_on)).where(c.occurred_on < day).group_by(c.key)
        with self.engine.connect() as connection:
            return {key: last for key, last in connection.execute(query)}

    def answers(self, first: date | None, last: date | None, per: str | None) -> list[tuple[Any, date, Counter]]:
        """The survey answers dated from first to last (either open), counted per day and, per
        "client" or per "tier" (the client's tier now), per group: (group or None, day, Counter of
        (satisfaction, NPS answer)). A former client's surveys count: they were answered."""
        c = survey_answers.c
        group = {None: [], "client": [c.key], "tier": [standings.c.tier]}[per]
        query = (
            select(*group, c.occurred_on, c.satisfaction, c.nps, func.count())
            .where(*([c.occurred_on >= first] if first else []), *([c.occurred_on <= last] if last else []))
            .group_by(*group, c.occurred_on, c.satisfaction, c.nps)
        )
        if per == "tier":
            query = query.join_from(survey_answers, standings, standings.c.key == c.key)
        counted: dict[tuple[Any, date], Counter] = defaultdict(Counter)
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                name, (day, satisfaction, nps, n) = (row[0], row[1:]) if group else (None, row)
                counted[(name, day)][(satisfaction, nps)] += n
        return [(name, day, answers) for (name, day), answers in counted.items()]


    def owner_facts(self, start: date, end: date) -> list[tuple[str, int | None, str, Any]]:
        """The scorings, survey answers, pyramid moves and value entries dated from start to end,
        summed in SQL per client and owner mark (the mark, of kam_owner_marks, that says who owned
        the client on the fact's date: its version; None where the owner on start owned it): (key,
        mark, what, sums). A change is a score or a survey answer against the client's one before it
        in the period (in business-date order, then the order recorded in), credited with the later
        one. "score": the score changes; "survey": surveys held, satisfaction and NPS changes;
        "pyramid": the moves up and down; "profit": the value entries' profit over the periods within
        the months of start to end (None when none lies within), and the profit each correction took
        the place of, taken off (a period recorded again counts once)."""
        queries, in_text = _owner_sums(start, end)
        # Two sums at a time, each on its own connection: the database works each on a core of its own.
        with ThreadPoolExecutor(max_workers=2) as pool:
            summed = dict(zip(queries, pool.map(self._all, queries.values())))
        found: list[tuple[str, int | None, str, Any]] = []
        with self.engine.connect() as connection:

            def from_text(what: str, key: str, mark: int | None) -> Decimal:  # amounts not kept in cents: summed from their text
                return sum((Decimal(text) for text in connection.execute(in_text(what, key, mark)).scalars()), Decimal(0))

            for key, mark, *sums in summed["score"]:
                found.append((key, mark, "score", sums[0] or 0))
            for key, mark, *sums in summed["survey"]:
                found.append((key, mark, "survey", (sums[0], sums[1] or 0, sums[2] or 0)))
            for key, mark, up, down in summed["pyramid"]:
                found.append((key, mark, "pyramid", (up, down)))
            for key, mark, cents, places, texts in summed["profit"]:
                profit = None if cents is None else from_cents(cents, places)
                found.append((key, mark, "profit", (profit or Decimal(0)) + from_text("profit", key, mark) if texts else profit))
            for key, mark, cents, places, texts in summed["corrected"]:  # the profits the corrections took the place of, taken off
                taken = from_cents(cents, places) if cents is not None else Decimal(0)
                found.append((key, mark, "profit", -(taken + from_text("corrected", key, mark) if texts else taken)))
        return found

    def _all(self, query: Any) -> list[Any]:
        with self.engine.connect() as connection:
            return connection.execute(query).all()


def _owner_sums(start: date, end: date) -> tuple[dict[str, Any], Any]:
    """owner_facts' queries, each kind in one pass over its rows of the period, in two parts: per
    client for the clients whose owner did not change after start and by end (the owner on start
    owned them throughout: mark None), per owner mark for the others; and the query of the amounts
    of a client and mark kept only as text."""
    m, s, a = owner_marks.c, scores.c, survey_answers.c
    changes = select(m.key).where(m.valid_from > start, m.valid_from <= end)
    # Each mark of those clients with the date the next one takes over (None for the last): the mark
    # of a date is the one whose span holds it (domain/business_time.py said_on; of two marks of one
    # day the later one, the earlier's span being empty).
    spans = select(m.key, m.version, m.valid_from, func.lead(m.valid_from).over(partition_by=m.key, order_by=(m.valid_from, m.version))
                   .label("until")).where(m.key.in_(changes)).subquery()
    no_mark = cast(null(), m.version.type).label("mark")  # typed: PostgreSQL takes an untyped NULL for text

    def rows(table: Any, *columns: Any) -> tuple[Any, Any]:
        """The table's rows dated in the period with the columns: those of the clients the owner
        on start owned throughout, and those of the others, each with the mark of its date."""
        dated = (table.c.occurred_on >= start, table.c.occurred_on <= end)
        kept = select(table.c.key, no_mark, *columns).where(*dated, table.c.key.not_in(changes)).subquery()
        handed = select(table.c.key, table.c.occurred_on, *columns).where(*dated, table.c.key.in_(changes)).subquery()
        h = handed.c
        on_its_date = and_(spans.c.key == h.key, spans.c.valid_from <= h.occurred_on, or_(spans.c.until.is_(None), h.occurred_on < spans.c.until))
        marked = (select(h.key, spans.c.version.label("mark"), *(h[column.name] for column in columns))
                  .select_from(handed.outerjoin(spans, on_its_date)).subquery())
        return kept, marked

    def by_mark(parts: tuple[Any, Any], sums: Any) -> Any:
        """The sums of each part's rows (sums: of a part's columns): per client (the first part, read
        in the order of its key, no sort), per client and mark (the second)."""
        kept, marked = parts
        return union_all(select(kept.c.key, no_mark, *sums(kept.c)).group_by(kept.c.key),
                         select(marked.c.key, marked.c.mark, *sums(marked.c)).group_by(marked.c.key, marked.c.mark))

    scored = rows(scores, (s.total - _before(s.total, s)).label("change"))
    answered = rows(survey_answers, (a.satisfaction - _before(a.satisfaction, a)).label("satisfaction"),
                    (a.nps - _before(a.nps, a)).label("nps"))
    entered = rows(value_entries, *(c for c in value_entries.c if c.name not in ("key", "occurred_on")))

    def within(v: Any) -> Any:  # an entry's period lies within the months of start to end
        return and_(v.first_month >= month_of(start), v.last_month <= month_of(end))

    def profit(v: Any) -> tuple[Any, ...]:
        exact, inexact = and_(within(v), v.profit_cents.is_not(None)), and_(within(v), v.profit_cents.is_(None))
        return func.sum(case((exact, v.profit_cents))), func.max(case((exact, v.places))), func.count(case((inexact, 1)))

    # A period recorded again counts once: each entry that corrects an earlier one takes that one's profit off.
    corrections = _corrections(start, end)
    corrected = rows(corrections, *(column for column in corrections.c if column.name.startswith("before")))

    def taken(c: Any) -> tuple[Any, ...]:
        return (func.sum(case((c.before_cents.is_not(None), c.before_cents))),
                func.max(case((c.before_cents.is_not(None), c.before_places))), func.count(case((c.before_cents.is_(None), 1))))

    moved = rows(pyramid_moves, pyramid_moves.c.up)
    queries = {  # the longest first (the most rows: on the bench ledger 600,000, 205,000, 105,000), so two at a time end together
        "profit": by_mark(entered, profit),
        "score": by_mark(scored, lambda c: (func.sum(c.change),)),
        "survey": by_mark(answered, lambda c: (func.count(), func.sum(c.satisfaction), func.sum(c.nps))),
        "corrected": by_mark(corrected, taken),
        "pyramid": by_mark(moved, lambda c: (func.count(case((c.up, 1))), func.count(case((not_(c.up), 1))))),
    }

    def in_text(what: str, key: str, mark: int | None) -> Any:
        found = union_all(*(select(part) for part in (entered if what == "profit" else corrected))).subquery().c
        if what == "profit":
            amount, kept_as_text = found.profit, and_(within(found), found.profit_cents.is_(None))
        else:
            amount, kept_as_text = found.before_text, found.before_cents.is_(None)
        return select(amount).where(found.key == key, kept_as_text, found.mark.is_(None) if mark is None else found.mark == mark)

    return queries, in_text


def _corrections(start: date, end: date) -> Any:
    """The value entries that correct an earlier entry of the same client and period (of the
    periods within the months of start to end), each with the one just before it by business date,
    then version, whatever its date: its profit in cents, their decimals, or its text where it is
    too large for cents. Only the periods recorded more than once are walked: those with an entry
    that is not their value as it stands (one scan, where counting each period's entries sorted them)."""
    e = value_entries.c
    within = (e.first_month >= month_of(start), e.last_month <= month_of(end))
    again = select(e.key, e.first_month, e.last_month).where(*within, e.current.is_(False)).distinct()
    window = {"partition_by": (e.key, e.first_month, e.last_month), "order_by": (e.occurred_on, e.version)}
    walked = (
        select(e.key, e.occurred_on, func.lag(e.version).over(**window).label("before"),
               func.lag(e.profit_cents).over(**window).label("before_cents"), func.lag(e.places).over(**window).label("before_places"),
               func.lag(e.profit).over(**window).label("before_text"))
        .where(*within, tuple_(e.key, e.first_month, e.last_month).in_(again))
        .subquery()
    )
    return select(walked).where(walked.c.before.is_not(None)).subquery()


def _before(column: Any, columns: Any) -> Any:
    """The column's value in the client's row before (None for its first), by business date, then version."""
    return func.lag(column).over(partition_by=columns.key, order_by=(columns.occurred_on, columns.version))


def _of_clients(key: Any) -> Any:
    """Only the relationships in the portfolio: clients, not prospects or former clients."""
    return key.in_(select(standings.c.key).where(standings.c.stage == Stage.CLIENT.value))


def _within(first_month: int | None, last_month: int | None) -> list[Any]:
    """The values whose period lies wholly within the months, either end open (those
    PeriodSelection.holds; tests/test_portfolio_read_models.py checks the two agree)."""
    c = value_entries.c
    return [*([c.first_month >= first_month] if first_month is not None else []),
            *([c.last_month <= last_month] if last_month is not None else [])]
