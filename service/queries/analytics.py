"""Portfolio analytics, read from the read models: the Pareto view, the two-sided matrix, surveys
due and their summary, and each account owner's clients. Plain data out of the read models as they
stand (catching them up is a step of its own: Ledger.catch_up)."""

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from kamledger.domain.business_time import said_on
from kamledger.domain.errors import InvalidInput
from kamledger.domain.matrix import CLIENT_HIGH, OUR_HIGH, OurSource, Placement, Quadrant, quadrant_against_tier
from kamledger.domain.pareto import Measure, costliest_to_serve, pareto_view, share_text
from kamledger.domain.standing import plain_data
from kamledger.domain.surveys import Interval, SurveyCadence, SurveyTally
from kamledger.domain.tiers import TIERS
from kamledger.domain.value import PeriodSelection, parse_choice
from kamledger.projections.portfolio import PortfolioReads
from kamledger.service.commands.entry import parse_date
from kamledger.service.queries.workload import WORKLOAD_MEASURES, pareto_answer, profit_per_hour_of, workload_pareto

_QUADRANT_ORDER = {q: n for n, q in enumerate([*Quadrant, None])}


class PortfolioAnalytics:
    """Mixed into the Ledger next to its queries."""

    def pareto(self, by: str = "profit", period: str | None = None, start: str | None = None,
               end: str | None = None, top: int | None = None) -> dict[str, Any]:
        """Clients ranked by profit, revenue or cost to serve over the selected periods, the head
        that brings the policy's share (80%), and the (top) clients costliest to serve."""
        selection = PeriodSelection.parse(period, start, end)
        if by.strip().lower() in WORKLOAD_MEASURES:  # time and trouble, summed in SQL
            return workload_pareto(self, by.strip().lower(), selection, top)
        measure = parse_choice(Measure, by, "measure", extra=WORKLOAD_MEASURES)
        reads = self._portfolio_reads()
        money = reads.money(selection.first_month, selection.last_month)
        left_out = [{"key": key, "period": label} for key, label in reads.straddling(selection.first_month, selection.last_month)]
        view = pareto_view({key: measure.of(*pair) for key, pair in money.items()}, self.policy.pareto_share)
        per_hour = profit_per_hour_of(self, selection, {key: revenue - cost for key, (revenue, cost) in money.items()})
        return {
            **pareto_answer(view, measure.value, selection.label, lambda key: {"profit_per_hour": per_hour.get(key)}),
            "costliest_to_serve": [
                {"key": c.key, "revenue": str(c.revenue), "cost_to_serve": str(c.cost_to_serve), "profit": str(c.profit),
                 "cost_ratio": share_text(c.ratio), "cost_share": share_text(c.cost_share)}
                for c in costliest_to_serve(money)[:top]
            ],
            "left_out": sorted(left_out, key=lambda row: (row["key"], row["period"])),
        }

    def matrix(self, client_high: int = CLIENT_HIGH, our_high: int | Decimal = OUR_HIGH) -> list[dict[str, Any]]:
        """Every client placed by its attractiveness to us (its score: high from `client_high` of
        120) and ours to it (by its criteria, else its survey: high from `our_high` of 100), with its
        quadrant and, where they disagree, how the quadrant stands against the tier; by quadrant,
        then the most attractive to us first."""
        clients = self._portfolio_reads().clients(
            "key", "name", "owner", "tier", "pyramid_level", "score_total", "our_attractiveness", "our_source",
            "tier_rule", "policy_version")
        policies = self.policies()

        def meaning(version: str | None, rule_id: str | None) -> str | None:
            policy = policies.get(version or "")
            rule = policy.rule(rule_id) if policy and rule_id else None
            return rule.description if rule else None

        placed = []
        for key, name, owner, tier, level, score, ours, source, rule, version in clients:
            place = Placement(key, score, None if ours is None else Decimal(ours), None if source is None else OurSource(source),
                              client_high, Decimal(our_high))
            order = (_QUADRANT_ORDER[place.quadrant], -(score if score is not None else -1), key)
            placed.append((order, {
                "key": key, "name": name, "owner": owner, "tier": tier, "pyramid_level": level,
                "client_attractiveness": plain_data(place.client_attractiveness),
                "our_attractiveness": plain_data(place.our_attractiveness), "our_source": plain_data(place.our_source),
                "quadrant": plain_data(place.quadrant), "missing": list(place.missing),
                "tier_rule": rule, "against_tier": quadrant_against_tier(place.quadrant, tier, rule, meaning(version, rule)),
            }))
        return [row for _, row in sorted(placed, key=lambda pair: pair[0])]

    def surveys_due(self, on: date, cadence: SurveyCadence, within_days: int = 0) -> list[dict[str, Any]]:
        """Gold and silver clients due for a survey on that day (or within the days after it)."""
        clients = self._portfolio_reads().clients("key", "name", "owner", "tier", "last_survey_on")
        rows = [_due_row(client, on, cadence) for client in clients if cadence.is_due(client[3], client[4], on, within_days)]
        return sorted(rows, key=lambda r: (r["due"] is not None, r["due"] or "", r["key"]))

    def survey_summary(self, by: str | None = None, start: str | None = None, end: str | None = None,
                       every: str = "quarter") -> dict[str, Any]:
        """NPS, mean satisfaction and response counts per period (and per tier as it is now, or per
        owner: the one who owned the client on the survey's business date)."""
        interval = parse_choice(Interval, every, "interval")
        if by is not None and by not in ("tier", "owner"):
            raise InvalidInput(f"cannot summarise surveys by '{by}' (one of: tier, owner)")
        first, last = (parse_date(text, option) if text else None for text, option in ((start, "--from"), (end, "--to")))
        if first and last and first > last:
            raise InvalidInput(f"--from {first} comes after --to {last}")
        reads = self._portfolio_reads()
        owners = reads.owner_marks() if by == "owner" else {}
        groups: dict[tuple[str | None, str | None], Counter] = defaultdict(Counter)
        per = "client" if by == "owner" else by  # an owner is found by the client and the day
        for name, day, answers in reads.answers(first, last, per):
            group = said_on(owners.get(name), day) if by == "owner" else name  # the owner on the survey's date
            groups[(group, interval.label(day))].update(answers)
            groups[(group, None)].update(answers)
        ordered = sorted(groups.items(), key=lambda item: (_group_order(item[0][0], by), item[0][1] is None, item[0][1] or ""))
        rows = [{**({by: group} if by else {}), "period": period or "all", **_tally(answers)}
                for (group, period), answers in ordered]
        return {"by": by, "every": interval.value, "from": plain_data(first), "to": plain_data(last), "rows": rows}

    def owners(self, on: date, cadence: SurveyCadence) -> list[dict[str, Any]]:
        """Per account owner on that day (by business date): their clients by tier, surveys due, and
        clients without an open goal (those that were clients on that day: not prospects nor gone)."""
        reads = self._portfolio_reads()
        marks = reads.owner_marks()
        # Those that were ever a prospect or have left are in the portfolio by their stage on the day.
        moved = {s.key: s.in_portfolio_on(on) for s in self.read_models.standings_of(row["key"] for row in self.read_models.pipeline())}
        by_owner: dict[str | None, list[tuple]] = defaultdict(list)
        for key, owner, tier, last_survey, open_goals in reads.clients("key", "owner", "tier", "last_survey_on", "open_goals", everyone=True):
            if moved.get(key, True):
                by_owner[said_on(marks.get(key), on, owner)].append((key, tier, last_survey, open_goals))
        rows = []
        for owner, clients in sorted(by_owner.items(), key=lambda item: (item[0] is None, item[0] or "")):
            clients.sort()
            tiers = {tier: [key for key, client_tier, *_ in clients if client_tier == tier] for tier in TIERS}
            rows.append({
                "owner": owner, "clients": len(clients), **tiers,
                "surveys_due": [key for key, tier, last_survey, _ in clients if cadence.is_due(tier, last_survey, on)],
                "without_goal": [key for key, *_, open_goals in clients if not open_goals],
            })
        return rows

    def goals(self, key: str) -> list[dict[str, Any]]:
        """The client's development plan: every goal, open or done, by id."""
        standing = self.client_standing(key)
        return [plain_data(goal.__dict__) for _, goal in sorted(standing.goals.items())]

    def _portfolio_reads(self) -> PortfolioReads:
        return self.read_models.portfolio


def _due_row(client: tuple, on: date, cadence: SurveyCadence) -> dict[str, Any]:
    key, name, owner, tier, last = client
    due = cadence.due_on(tier, last)
    return {
        "key": key, "name": name, "owner": owner, "tier": tier,
        "last_survey": plain_data(last), "due": plain_data(due),
        "days_overdue": None if due is None else (on - due).days,
    }


def _group_order(group: str | None, by: str | None) -> tuple:
    """Tiers gold first, owners by name; the clients without an owner last."""
    return group is None, TIERS.index(group) if by == "tier" else 0, group or ""


def _tally(answers: Counter) -> dict[str, Any]:
    return plain_data(SurveyTally.counted(answers).__dict__)
