"""Portfolio analytics, read from the read models: the Pareto view, the two-sided matrix, surveys
due and their summary, and each account owner's clients. Plain data out, nothing written."""

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from kamledger.domain.business_time import OWNER
from kamledger.domain.errors import InvalidInput
from kamledger.domain.matrix import CLIENT_HIGH, OUR_HIGH, Placement, Quadrant, quadrant_against_tier
from kamledger.domain.pareto import Measure, costliest_to_serve, pareto_view, share_text
from kamledger.domain.standing import Standing, plain_data
from kamledger.domain.surveys import Interval, SurveyCadence, SurveyTally
from kamledger.domain.tiers import TIERS
from kamledger.domain.value import Period, PeriodSelection, parse_choice
from kamledger.projections.ledger_projection import catch_up
from kamledger.service.commands.entry import parse_date
from kamledger.service.queries.attractiveness import our_side
from kamledger.service.queries.workload import WORKLOAD_MEASURES, profit_per_hour_of, workload_pareto

_QUADRANT_ORDER = {q: n for n, q in enumerate([*Quadrant, None])}


class PortfolioAnalytics:
    """Mixed into the Ledger next to its queries."""

    def pareto(self, by: str = "profit", period: str | None = None, start: str | None = None,
               end: str | None = None, top: int | None = None) -> dict[str, Any]:
        """Clients ranked by profit, revenue or cost to serve over the selected periods, the head
        that brings the policy's share (80%), and the (top) clients costliest to serve."""
        selection = PeriodSelection.parse(period, start, end)
        if by.strip().lower() in WORKLOAD_MEASURES:  # time and trouble, summed in SQL
            catch_up(self, self.read_models)
            return workload_pareto(self, by.strip().lower(), selection, top)
        measure = parse_choice(Measure, by, "measure", extra=WORKLOAD_MEASURES)
        money: dict[str, tuple[Decimal, Decimal]] = {}
        left_out = []
        for standing in self._every_standing():
            recorded = [(Period.parse(label), value) for label, value in standing.values.items()]
            chosen = [value for p, value in recorded if selection.holds(p)]
            left_out += [{"key": standing.key, "period": p.label} for p, _ in recorded if selection.straddles(p)]
            if chosen:
                money[standing.key] = (sum(v.revenue for v in chosen), sum(v.cost_to_serve for v in chosen))
        view = pareto_view({key: measure.of(*pair) for key, pair in money.items()}, self.policy.pareto_share)
        per_hour = profit_per_hour_of(self, selection, {key: revenue - cost for key, (revenue, cost) in money.items()})
        return {
            "by": measure.value,
            "periods": selection.label,
            "head_share": str(view.head_share),
            "total": str(sum((row.value for row in view.rows), Decimal(0))),
            "clients": view.clients,
            "head": list(view.head),
            "concentration": share_text(view.concentration),
            "rows": [
                {"key": r.key, "value": str(r.value), "share": share_text(r.position.share),
                 "cumulative_share": share_text(r.position.cumulative_share), "rank": r.position.rank,
                 "in_head": r.position.in_head, "profit_per_hour": per_hour.get(r.key)}
                for r in view.rows
            ],
            "others": [{"key": key, "value": str(value)} for key, value in view.others],
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
        placed = []
        for s in self._every_standing():
            ours, source = our_side(s)
            placed.append((s, Placement(s.key, s.score.total if s.score else None, ours, source, client_high, Decimal(our_high))))
        placed.sort(key=lambda pair: (_QUADRANT_ORDER[pair[1].quadrant], -(pair[1].score_total or -1), pair[0].key))
        policies = self.policies()

        def meaning(s: Standing) -> str | None:
            policy = policies.get(s.tier.policy_version or "")
            rule = policy.rule(s.tier.rule) if policy and s.tier.rule else None
            return rule.description if rule else None

        return [
            {"key": s.key, "name": s.name, "owner": s.owner, "tier": s.tier.tier.value, "pyramid_level": s.pyramid_level.value,
             "client_attractiveness": plain_data(place.client_attractiveness),
             "our_attractiveness": plain_data(place.our_attractiveness), "our_source": plain_data(place.our_source),
             "quadrant": plain_data(place.quadrant), "missing": list(place.missing),
             "tier_rule": s.tier.rule, "against_tier": quadrant_against_tier(place.quadrant, s.tier.tier.value, s.tier.rule, meaning(s))}
            for s, place in placed
        ]

    def surveys_due(self, on: date, cadence: SurveyCadence, within_days: int = 0) -> list[dict[str, Any]]:
        """Gold and silver clients due for a survey on that day (or within the days after it)."""
        rows = [_due_row(s, on, cadence) for s in self._every_standing()
                if cadence.is_due(s.tier.tier.value, _last_survey(s), on, within_days)]
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
        clients = {s.key: s for s in self._every_standing()}
        groups: dict[tuple[str | None, str | None], list[tuple[int, int]]] = defaultdict(list)
        for row in self.read_models.events_of("SurveyAnswered"):
            day = row["occurred_on"]
            if (first and day < first) or (last and day > last):
                continue
            group = _group_of(clients[row["client_key"]], by, day)
            answer = (row["fields"]["satisfaction"], row["fields"]["nps"])
            groups[(group, interval.label(day))].append(answer)
            groups[(group, None)].append(answer)
        ordered = sorted(groups.items(), key=lambda item: (_group_order(item[0][0], by), item[0][1] is None, item[0][1] or ""))
        rows = [{**({by: group} if by else {}), "period": period or "all", **_tally(answers)}
                for (group, period), answers in ordered]
        return {"by": by, "every": interval.value, "from": plain_data(first), "to": plain_data(last), "rows": rows}

    def owners(self, on: date, cadence: SurveyCadence) -> list[dict[str, Any]]:
        """Per account owner on that day (by business date): their clients by tier, surveys due, and
        clients without an open goal."""
        by_owner: dict[str | None, list[Standing]] = defaultdict(list)
        for s in self._every_standing():
            by_owner[s.said_on(OWNER, on, s.owner)].append(s)
        rows = []
        for owner, clients in sorted(by_owner.items(), key=lambda item: (item[0] is None, item[0] or "")):
            clients.sort(key=lambda s: s.key)
            tiers = {tier: [s.key for s in clients if s.tier.tier.value == tier] for tier in TIERS}
            rows.append({
                "owner": owner, "clients": len(clients), **tiers,
                "surveys_due": [s.key for s in clients if cadence.is_due(s.tier.tier.value, _last_survey(s), on)],
                "without_goal": [s.key for s in clients if not s.open_goals],
            })
        return rows

    def goals(self, key: str) -> list[dict[str, Any]]:
        """The client's development plan: every goal, open or done, by id."""
        standing = self._require_client(key)
        return [plain_data(goal.__dict__) for _, goal in sorted(standing.goals.items())]

    def _every_standing(self) -> list[Standing]:
        catch_up(self, self.read_models)
        return self.read_models.every_standing()


def _last_survey(standing: Standing) -> date | None:
    return standing.survey.occurred_on if standing.survey else None


def _due_row(s: Standing, on: date, cadence: SurveyCadence) -> dict[str, Any]:
    last = _last_survey(s)
    due = cadence.due_on(s.tier.tier.value, last)
    return {
        "key": s.key, "name": s.name, "owner": s.owner, "tier": s.tier.tier.value,
        "last_survey": plain_data(last), "due": plain_data(due),
        "days_overdue": None if due is None else (on - due).days,
    }


def _group_of(standing: Standing, by: str | None, day: date) -> str | None:
    if by == "tier":
        return standing.tier.tier.value
    return standing.said_on(OWNER, day) if by == "owner" else None


def _group_order(group: str | None, by: str | None) -> tuple:
    """Tiers gold first, owners by name; the clients without an owner last."""
    return group is None, TIERS.index(group) if by == "tier" else 0, group or ""


def _tally(answers: list[tuple[int, int]]) -> dict[str, Any]:
    return plain_data(SurveyTally.of(answers).__dict__)
