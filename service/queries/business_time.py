"""Business-time reads: the ledger on a business date (``--effective``), as recorded by a moment
(``--as-of``), or both, from the dated read model (projections/dated.py).

One rule for every view by business date: the tier on a date is what the tier policy in force on
that date (the one adopted by then, by business date, else the shipped policy) gives for the facts
effective by then, as known at ``--as-of`` (now by default). Recorded tier changes are facts of the
other clock: what the product showed, and when (``--as-of`` alone).
"""

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from kamledger.domain.business_time import DatedInputs, ParetoHead, TierStep, tier_steps
from kamledger.domain.pareto import ParetoPosition, pareto_head, pareto_positions
from kamledger.domain.portfolio import PORTFOLIO
from kamledger.domain.tier_policy import Situation, TierPolicy, policy_from_dict, situations
from kamledger.domain.matrix import our_side_dated
from kamledger.domain.tiers import Tier
from kamledger.projections.dated import changes_by_day, profit_changes_between
from kamledger.projections.read_models import money_and_effort, our_side_columns
from kamledger.service.infrastructure.config import default_policy
from kamledger.service.queries.moments import Moment

T = TypeVar("T")


def _listed(clients: dict[str, DatedInputs]) -> list[tuple[str, str, date, DatedInputs]]:
    return [(key, "", date.min, inputs) for key, inputs in clients.items()]


class BusinessTime:
    """The business-time half of the ledger's queries (the ledger is caught up before each)."""

    def __init__(self, ledger: Any):
        self.ledger = ledger
        self.read_models = ledger.read_models
        self.dated = ledger.read_models.dated

    def policies(self, as_of: datetime | None) -> list[tuple[date, TierPolicy]]:
        """The tier policies by the business date they were adopted on, as recorded by as_of; the
        shipped policy before any."""
        adopted = [
            row for row in self.read_models.timeline(PORTFOLIO)
            if row["type"] == "PolicyAdopted" and (as_of is None or row["recorded_at"] <= as_of)
        ]
        adopted.sort(key=lambda row: (row["occurred_on"], row["version"]))
        return [(date.min, default_policy())] + [(row["occurred_on"], policy_from_dict(row["fields"]["document"])) for row in adopted]

    def policy_on(self, day: date, as_of: datetime | None) -> TierPolicy:
        return [policy for adopted_on, policy in self.policies(as_of) if adopted_on <= day][-1]

    def standings(self, moment: Moment, everyone: bool = False) -> list[dict[str, Any]]:
        """Every client at the moment. On a business date: the policy's verdict on the facts
        effective then; as recorded by a moment alone: the tier the product showed then.
        Everyone: the prospects and former clients of then too, their stage for a tier."""
        clients = self.dated.portfolio(moment.as_of, moment.effective, everyone)
        if everyone:
            others = [row for row in clients if not row[3].in_portfolio]
            clients = [row for row in clients if row[3].in_portfolio]
            return self.standings_of(moment, clients) + [
                standing_row(key, name, registered_on, inputs, None, None, None) for key, name, registered_on, inputs in others]
        return self.standings_of(moment, clients)

    def standings_of(self, moment: Moment, clients: list[tuple[str, str, date, DatedInputs]]) -> list[dict[str, Any]]:
        if moment.effective is None:
            shown = self.dated.decisions(moment.as_of)
            return [
                standing_row(key, name, registered_on, inputs, Tier(shown[key]["to_tier"]), shown[key]["rule"],
                             shown[key]["policy_version"]) if key in shown
                else standing_row(key, name, registered_on, inputs, Tier.UNRATED, None, None)
                for key, name, registered_on, inputs in clients
            ]
        policy = self.policy_on(moment.effective, moment.as_of)
        situations = self._situations(policy, clients)
        rows = []
        for key, name, registered_on, inputs in clients:
            verdict = policy.verdict(situations[key])
            rows.append(standing_row(key, name, registered_on, inputs, verdict.tier, verdict.rule.id, policy.version))
        return rows

    def situations(self, moment: Moment) -> tuple[TierPolicy, dict[str, Situation]]:
        """Every client's inputs on the business date, against the whole portfolio then."""
        assert moment.effective is not None
        policy = self.policy_on(moment.effective, moment.as_of)
        return policy, self._situations(policy, self.dated.portfolio(moment.as_of, moment.effective))

    @staticmethod
    def _situations(policy: TierPolicy, clients: list[tuple[str, str, date, DatedInputs]]) -> dict[str, Situation]:
        return situations(policy, (dated.client_inputs(key) for key, _, _, dated in clients))

    def moves(self, start: date | None, end: date) -> list[dict[str, Any]]:
        """Every tier move by business date from start (None: the first) to end across the portfolio,
        as known now (the moves kept, ``_kept_until``)."""
        return self.dated.moves(start, end) if self._kept_until(end) else self._walked(start, end)

    def moves_by_owner(self, start: date, end: date) -> list[tuple[str | None, str, str, int]]:
        """The tier moves from start to end of the clients in the portfolio now, counted per owner
        of the day, tier moved from and tier moved to (counted in SQL where they are kept)."""
        if self._kept_until(end):
            return self.dated.moves_by_owner(start, end)
        clients = {key for key, in self.read_models.portfolio.clients("key")}
        counted = Counter((m["owner"], m["from_tier"], m["to_tier"]) for m in self._walked(start, end) if m["key"] in clients)
        return [(*move, n) for move, n in counted.items()]

    def _kept_until(self, end: date) -> bool:
        """Whether the kept moves (kam_tier_moves) are current up to end: if they were stale from a
        date on or before it (a fact or a policy changed since they were kept), they are walked
        again from that date up to end (a read of an earlier period walks no further) and kept. A
        walk that a change overtook is not kept: False, the period is then walked on its own."""
        stale_from, changes = self.dated.moves_state()
        if stale_from is not None and stale_from <= end:
            first, last = self.dated.span()
            if first is not None:
                walk_from = max(stale_from, first)
                horizon = max(last, *(day for day, _ in self.policies(None)))  # nothing moves after it
                walk_to = min(end, horizon)
                if walk_from <= walk_to:
                    walked = self.walk(walk_from, walk_to)
                    stale_after = None if walk_to == horizon else walk_to + timedelta(days=1)
                    return self.dated.keep_moves(walk_from, walk_to, walked, stale_after, changes)
        return True

    def _walked(self, start: date | None, end: date) -> list[dict[str, Any]]:
        first, _ = self.dated.span()
        return [] if first is None else self.walk(max(start or first, first), end)

    def walk(self, start: date, end: date) -> list[dict[str, Any]]:
        """Every tier move by business date from start to end across the portfolio (as known now):
        the tiers the day before start, then the policy's verdicts wherever inputs, the Pareto head
        or the policy moved (only the clients whose inputs or place in the head moved are asked).
        The changes are read a date at a time: what is held is one row per client."""
        policies = self.policies(None)
        policy_days = [day for day, _ in policies]
        before = start - timedelta(days=1)
        clients = {key: inputs for key, _, _, inputs in self.dated.portfolio(None, before)}
        policy = policies[bisect_right(policy_days, before) - 1][1]
        read = {key: inputs.read_by_policy() for key, inputs in clients.items()}  # what the policy last saw of each
        tier_inputs = {key: inputs.client_inputs(key) for key, inputs in clients.items()}
        head = pareto_head({key: i.profit for key, i in tier_inputs.items()}, policy.pareto_share)
        tiers = {key: policy.tier_by(i, key in head)[0] for key, i in tier_inputs.items()}
        adopted_on = {day for day in policy_days if start <= day <= end}
        moves = []
        for day, changes in _with_days(changes_by_day(self.read_models.engine, start, end), adopted_on):
            asked: set[str] = set()
            profits_moved = False
            for key, inputs in changes:
                if not inputs.in_portfolio:  # a prospect, or a client that left: out of the portfolio
                    if key in clients:
                        del clients[key], tier_inputs[key], read[key]
                        tiers.pop(key, None)
                        profits_moved = True
                    continue
                clients[key] = inputs
                seen, now = read.get(key), inputs.read_by_policy()
                if seen == now:
                    continue  # a survey, a pyramid move or an owner: nothing the policy reads
                read[key] = now
                profits_moved |= seen is None or seen[:2] != now[:2]  # the periods with a value, the profits' sum
                tier_inputs[key] = inputs.client_inputs(key)
                asked.add(key)
            policy = policies[bisect_right(policy_days, day) - 1][1]
            if profits_moved or day in adopted_on:
                moved = pareto_head({key: i.profit for key, i in tier_inputs.items()}, policy.pareto_share)
                asked = set(tier_inputs) if day in adopted_on else asked | {key for key in moved ^ head if key in tier_inputs}
                head = moved
            for key in sorted(asked):
                tier, rule = policy.tier_by(tier_inputs[key], key in head)
                previous_tier = tiers.get(key, Tier.UNRATED)
                if tier is not previous_tier:
                    moves.append({"occurred_on": day.isoformat(), "key": key, "from_tier": previous_tier.value,
                                  "to_tier": tier.value, "rule": rule.id, "policy_version": policy.version,
                                  "owner": clients[key].owner})
                    tiers[key] = tier
        return moves

    def values_recorded_on(self, day: date, limit: int = 3) -> list[dict[str, Any]]:
        """Timeline rows of values dated that day, of the first few clients (by key) that have one:
        what moved the Pareto head that day."""
        found: list[dict[str, Any]] = []
        for key in sorted(k for k, _, row_day, _ in self.dated.profits(day) if row_day == day):
            found += [row for row in self.read_models.timeline(key) if row["type"] == "ValueRecorded" and row["occurred_on"] == day]
            if len(found) >= limit:
                break
        return found[:limit]

    def position(self, key: str, day: date, profit: Decimal | None, as_of: datetime | None) -> tuple[ParetoPosition, datetime | None]:
        """The client's exact Pareto position on the day (its rank among every client's profit then),
        and when the last of those profits was recorded (as known now)."""
        share = self.policy_on(day, as_of).pareto_share
        known = None
        if as_of is None:
            rows = self.dated.profits(day)
            profits = {k: p for k, p, _, _ in rows}
            known = max((when for _, _, _, when in rows), default=None)
        else:
            profits = {k: inputs.profit for k, _, _, inputs in self.dated.portfolio(as_of, day)}
        profits[key] = profit
        return pareto_positions(profits, share).get(key, _UNRANKED), known

    def steps(self, key: str, registered_on: date, moment: Moment) -> list[TierStep]:
        """The client's tier by business date up to the moment's date (today by default)."""
        until = moment.effective or date.today()
        policies = self.policies(moment.as_of)
        days = self.dated.profit_days(until)
        heads = self.heads(days, {policy.pareto_share for _, policy in policies}, moment.as_of)

        head_days = {share: [head_day for head_day, _ in dated] for share, dated in heads.items()}

        def head_on(day: date, share: Decimal) -> ParetoHead | None:
            position = bisect_right(head_days[share], day)
            return heads[share][position - 1][1] if position else None

        own = [(day, inputs) for day, inputs in self.dated.client(key, moment.as_of) if day <= until]
        return tier_steps(key, registered_on, own, policies, days, head_on, until)

    def heads(self, days: list[date], shares: set[Decimal], as_of: datetime | None) -> dict[Decimal, list[tuple[date, ParetoHead]]]:
        """The Pareto head on each of the days under each share. As known now they are cached
        (kam_pareto_heads); the ones missing are worked out and kept."""
        found: dict[Decimal, list[tuple[date, ParetoHead]]] = {}
        for share in shares:
            cached = self.dated.heads(str(share), days) if as_of is None else {}
            missing = [day for day in days if day not in cached]
            if as_of is None and len(missing) > 2:  # several: one walk through the changes from the first
                worked_out = self._heads_walked(missing, share)
            else:
                worked_out = dict(self._head(day, share, as_of) for day in missing)
            kept = [row for _, row in worked_out.values()]
            heads = [(day, _head_of(cached[day]) if day in cached else worked_out[day][0]) for day in days]
            if kept and as_of is None:
                self.dated.keep_heads(kept)
            found[share] = heads
        return found

    def _heads_walked(self, days: list[date], share: Decimal) -> dict[date, tuple[ParetoHead, dict[str, Any]]]:
        """The heads of the days (as known now): every client's profit the day before the first,
        then the changes of each day after it applied in turn."""
        profits = {key: profit for key, profit, _, _ in self.dated.profits(days[0] - timedelta(days=1))}
        changes: dict[date, list[tuple[str, Decimal | None, datetime]]] = {}
        for key, day, profit, known in profit_changes_between(self.read_models.engine, days[0], days[-1]):
            changes.setdefault(day, []).append((key, profit, known))
        wanted, worked_out = set(days), {}
        for day in sorted(set(changes) | wanted):
            for key, profit, _ in changes.get(day, []):
                profits[key] = profit
            if day in wanted:
                head = ParetoHead.of(day, profits, share, max((known for _, _, known in changes.get(day, [])), default=None))
                worked_out[day] = (head, _head_row(head, share, len(changes.get(day, []))))
        return worked_out

    def _head(self, day: date, share: Decimal, as_of: datetime | None) -> tuple[date, tuple[ParetoHead, dict[str, Any]]]:
        """The head of one day, from every client's profit then."""
        if as_of is None:
            profits = self.dated.profits(day)
            changed = [known for _, _, row_day, known in profits if row_day == day]
            head = ParetoHead.of(day, {key: profit for key, profit, _, _ in profits}, share, max(changed, default=None))
        else:
            clients = self.dated.portfolio(as_of, day)
            changed = []
            head = ParetoHead.of(day, {key: inputs.profit for key, _, _, inputs in clients}, share)
        return day, (head, _head_row(head, share, len(changed)))


def _with_days(changes: Iterator[tuple[date, list[T]]], days: set[date]) -> Iterator[tuple[date, list[T]]]:
    """The changes of each date, in date order, with the given days among them (with no change
    where they had none)."""
    waiting = sorted(days, reverse=True)  # the next one last
    for day, found in changes:
        while waiting and waiting[-1] < day:
            yield waiting.pop(), []
        if waiting and waiting[-1] == day:
            waiting.pop()
        yield day, found
    yield from ((day, []) for day in reversed(waiting))


def _head_row(head: ParetoHead, share: Decimal, changed: int) -> dict[str, Any]:
    """A head as kam_pareto_heads keeps it."""
    return {
        "day": head.day, "share": str(share), "total": str(head.total), "ranked": head.ranked,
        "boundary_profit": None if head.boundary is None else str(head.boundary[0]),
        "boundary_key": None if head.boundary is None else head.boundary[1],
        "changed": changed, "recorded_at": head.recorded_at,
    }


_UNRANKED = ParetoPosition()


def _head_of(row: dict[str, Any]) -> ParetoHead:
    boundary = None if row["boundary_key"] is None else (Decimal(row["boundary_profit"]), row["boundary_key"])
    recorded_at = row["recorded_at"]
    if recorded_at is not None and recorded_at.tzinfo is None:  # SQLite: stored as UTC
        recorded_at = recorded_at.replace(tzinfo=UTC)
    return ParetoHead(row["day"], boundary, Decimal(row["total"]), row["ranked"], recorded_at)


def standing_row(key: str, name: str, registered_on: date, inputs: DatedInputs, tier: Tier | None, rule: str | None,
                 policy_version: str | None) -> dict[str, Any]:
    """A standings row (the columns of kam_standings the read side shows) from dated inputs; out of
    the portfolio (no tier), its stage stands for the tier."""
    profit = inputs.profit
    return {
        "key": key, "name": name, "owner": inputs.owner, "tier": inputs.stage if tier is None else tier.value, "tier_rule": rule,
        "policy_version": policy_version, "score_total": inputs.score_total, "score_band": inputs.score_band,
        "pyramid_level": inputs.pyramid_level, "profit": None if profit is None else str(profit),
        "has_inputs": inputs.has_inputs, "high_dimensions": ",".join(sorted(inputs.high_dimensions)),
        "burdens": ",".join(sorted(inputs.burdens)), "override_tier": inputs.override,
        "last_survey_on": inputs.survey[0] if inputs.survey else None, "registered_on": registered_on,
        "stage": inputs.stage,
        **money_and_effort(inputs.client_inputs(key)),
        **our_side_columns(*our_side_dated(inputs)),
    }
