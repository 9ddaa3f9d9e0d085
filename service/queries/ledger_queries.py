"""What the ledger answers: standings, one client, its history and why its tier is what it is,
now (from the read models) or at a Moment in the past (folded from the event log)."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from kamledger.domain import business_time as bt
from kamledger.domain.errors import ClientNotFound
from kamledger.domain.people import coverage_of, synergy_mismatch
from kamledger.domain.events import EVENT_KINDS
from kamledger.domain.portfolio import PORTFOLIO
from kamledger.domain.prospects import Stage
from kamledger.domain.pyramid import STARTING_LEVEL, PyramidLevel, direction_of
from kamledger.domain.standing import Standing, TierStanding
from kamledger.domain.tier_policy import Decision, Situation, portfolio_verdicts, situations
from kamledger.domain.tiers import TIERS, Tier
from kamledger.domain.value import parse_choice
from kamledger.projections.read_models import SHOWN_COLUMNS, inputs_of
from kamledger.service.infrastructure.config import read_policy_file
from kamledger.service.queries.attractiveness import attractiveness_of
from kamledger.service.queries.business_time import BusinessTime
from kamledger.service.queries.explain import explain_steps, rule_reads
from kamledger.service.queries.fit import ideal_fits
from kamledger.service.queries.moments import NOW, Moment
from kamledger.service.queries.workload import workload_of
from kamledger.service.queries.past import client_at, rows_at
from kamledger.service.queries.pipeline import check_in_portfolio

_TIER_ORDER = {tier: rank for rank, tier in enumerate((*TIERS, Stage.FORMER.value, Stage.PROSPECT.value))}
# Facts of recording time (what the product decided when), left out of business-time views.
_RECORDING_TIME = frozenset(name for name, kind in EVENT_KINDS.items() if not getattr(kind, "of_business_time", True))
STANDINGS_COLUMNS = SHOWN_COLUMNS  # the fields of a standings row, in order (kam export standings)


class LedgerQueries:
    """The query half of the Ledger (mixed into it): plain data out of the read models as they stand.
    Catching them up with what others recorded is a step of its own (Ledger.catch_up: kam takes it
    when it opens the ledger, and every command after its change)."""

    def standings(self, moment: Moment = NOW, tier: str | None = None, everyone: bool = False) -> list[dict[str, Any]]:
        """Every client with its tier (or those of one tier): now, with the rule that holds now; on a
        business date, the policy's verdict on the facts effective then; as recorded by a moment,
        the tier shown then. Prospects and former clients are not in the standings; everyone: they
        are, after the clients, their stage (prospect, former) where a client has its tier."""
        wanted = None if tier is None else parse_choice(Tier, tier, "tier").value
        if not moment.is_now:
            rows = BusinessTime(self).standings(moment, everyone)
        else:
            rows = self.read_models.standings(everyone)
            clients = [row for row in rows if row["stage"] == Stage.CLIENT.value]
            verdicts = portfolio_verdicts(self.policy, [inputs_of(row) for row in clients])
            for row in rows:
                if row["stage"] == Stage.CLIENT.value:
                    row.update(tier_rule=verdicts[row["key"]].rule.id, policy_version=self.policy.version)
                else:
                    row.update(tier=row["stage"], tier_rule=None, policy_version=None)
        fits = ideal_fits(rows)
        return sorted(({**row, "ideal_fit": fits[row["key"]]} for row in rows if wanted is None or row["tier"] == wanted),
                      key=_standing_order)

    def client(self, key: str, moment: Moment = NOW) -> dict[str, Any]:
        if moment.is_now:
            relationship = self.relationship(key)
            standing, version = relationship.standing, relationship.version
        else:
            standing, version = client_at(self, key, moment)
            if standing is None:
                raise ClientNotFound(key, moment.describe())
            if moment.effective is not None:  # the tier on that date is the policy's verdict (none out of the portfolio)
                row = next(r for r in self.standings(moment, everyone=True) if r["key"] == key)
                in_portfolio = row["stage"] == Stage.CLIENT.value
                standing.tier = TierStanding(Tier(row["tier"]), row["tier_rule"], row["policy_version"]) if in_portfolio else TierStanding()
        profit = standing.profit
        # what the client is, without the marks its history keeps (the read side's business-time index)
        day = moment.effective or date.today()
        people = coverage_of(standing.marks, day, self.read_models.ours_left())
        shown = {name: value for name, value in standing.to_dict(marks=False).items() if name != "people_refs"}
        return {**shown, "profit": None if profit is None else str(profit), "version": version,
                "attractiveness": attractiveness_of(standing), "workload": workload_of(standing),
                "people": people.to_dict(), "mismatch": synergy_mismatch(standing.said_on(bt.PYRAMID, day, standing.pyramid_level.value), people)}

    def history(self, key: str, moment: Moment = NOW) -> list[dict[str, Any]]:
        """Every event of the client in the order recorded; on a business date, the facts effective
        by then in business-date order (recorded tier changes belong to the other clock)."""
        rows = self._timeline_of(key, moment)
        if moment.effective is None:
            return [history_item(row) for row in rows]
        rows = sorted((row for row in rows if row["type"] not in _RECORDING_TIME), key=lambda r: (r["occurred_on"], r["version"]))
        return in_business_order([history_item(row) for row in rows])

    def standings_on(self, day: date) -> list[dict[str, Any]]:
        """The standings on a business date (for a report that has a date, not a Moment)."""
        return self.standings(Moment(effective=day))

    def history_until(self, key: str, day: date) -> list[dict[str, Any]]:
        """The client's facts by business date up to the day."""
        return self.history(key, Moment(effective=day))

    def why(self, key: str, moment: Moment = NOW) -> dict[str, Any]:
        """The tier, the rule and policy behind it, the inputs it read and the events behind them,
        since when, and how it got there. By business date (now, or --effective): the policy's
        verdicts on the dated facts, step by step, each with when it became known and what was
        shown before it; as recorded by a moment alone: the explanation recorded then."""
        rows = [row for row in self.read_models.timeline(key) if moment.as_of is None or row["recorded_at"] <= moment.as_of]
        registered = next((row for row in rows if row["type"] == "Registered"), None)
        if registered is None or (moment.effective is not None and registered["occurred_on"] > moment.effective):
            raise ClientNotFound(key, moment.describe())
        check_in_portfolio(self, key, moment)
        recorded = [history_item(row) for row in rows if row["type"] == "TierChanged"]
        if moment.effective is None and moment.as_of is not None:
            return self._why_recorded(key, registered, recorded, moment)
        return {**explain_steps(self, key, registered, rows, recorded, moment), "mismatch": self.pyramid_mismatch(key, moment.effective or date.today())}

    def pyramid_mismatch(self, key: str, day: date) -> str | None:
        """What to point out when the pyramid and the map of the client's people disagree on that
        business date (synergy without joint contacts across departments: domain/people.py)."""
        standing = self.read_models.standing(key)
        if standing is None:
            return None
        level = standing.said_on(bt.PYRAMID, day, standing.pyramid_level.value)
        return synergy_mismatch(level, coverage_of(standing.marks, day, self.read_models.ours_left()))

    def _why_recorded(self, key: str, registered: dict[str, Any], recorded: list[dict[str, Any]], moment: Moment) -> dict[str, Any]:
        last = recorded[-1] if recorded else None
        explained = {k: last[k] if last else None for k in ("rule", "policy_version", "inputs")}
        return {
            "key": key,
            "name": registered["fields"]["name"],
            "tier": last["to_tier"] if last else Tier.UNRATED.value,
            "previous_tier": last["from_tier"] if last else None,
            "changed_on": last["occurred_on"] if last else None,
            "recorded_at": last["recorded_at"] if last else None,
            "recorded_by": last["recorded_by"] if last else None,
            **explained,
            "rule_description": self.rule_meaning(explained["policy_version"], explained["rule"]),
            "rule_reads": rule_reads(self, explained["policy_version"], explained["rule"]),
            "causes": self.with_fields(last["causes"] if last else []),
            "inputs_at_change": last["inputs"] if last else None,
            "tier_changes": recorded,
            "recorded_changes": recorded,
            "clock": "recording",
            "moment": moment.describe(),
        }

    def events_between(self, kinds: list[str], start: date | None, end: date) -> list[dict[str, Any]]:
        """Every client's events of those types dated in the period, by business date."""
        return [{**history_item(row), "key": row["client_key"]} for row in self.read_models.events_between(kinds, start, end)]

    def changes_since(self, previous: dict[str, Any] | None, end: date) -> list[dict[str, Any]]:
        """Per client, the count of its events since a previous review (its period, or recorded
        after it), the latest date, and the tier changes recorded among them."""
        seen = date.fromisoformat(previous["period_to"]) if previous else None
        reviewed = datetime.fromisoformat(previous["recorded_at"]).astimezone(UTC) if previous else None
        return [{**row, "latest": row["latest"].isoformat()} for row in self.read_models.changes_since(seen, reviewed, end)]

    def tier_moves(self, start: date | None, end: date) -> list[dict[str, Any]]:
        """Every client's tier moves by business date in the period (from the first registration
        when it has no start), each with the rule and the owner on that date."""
        return BusinessTime(self).moves(start, end)

    def tier_moves_by_owner(self, start: date, end: date) -> list[tuple[str | None, str, str, int]]:
        """The tier moves by business date in the period of the clients in the portfolio now, counted
        per owner on the move's date, tier moved from and tier moved to."""
        return BusinessTime(self).moves_by_owner(start, end)

    def replay_policy(self, path: str, moment: Moment = NOW) -> list[dict[str, Any]]:
        """Every client's tier (now, or as it was at the moment) and its tier under the policy in
        the file; nothing is written."""
        policy, _ = read_policy_file(path)
        if moment.is_now:
            inputs, current = self.read_models.tier_inputs()
        else:
            rows = self.standings(moment)
            current = {row["key"]: Tier(row["tier"]) for row in rows}
            inputs = [inputs_of(row) for row in rows]
        rows = [
            {
                "key": key,
                "tier": current[key].value,
                "tier_under_policy": verdict.tier.value,
                "rule_under_policy": verdict.rule.id,
                "policy_version": policy.version,
                "moves": verdict.tier is not current[key],
            }
            for key, verdict in portfolio_verdicts(policy, inputs).items()
        ]
        return sorted(rows, key=lambda row: (not row["moves"], row["key"]))

    def rule_meaning(self, policy_version: str | None, rule_id: str | None) -> str | None:
        """What a rule of a tier policy (in force now or adopted before) means, in words."""
        policy = self.policies().get(policy_version or "")
        rule = policy.rule(rule_id) if policy and rule_id else None
        return rule.description if rule else None

    def portfolio_history(self) -> list[dict[str, Any]]:
        """Policy adoptions and portfolio reviews, in order."""
        return [history_item(row) for row in self.read_models.timeline(PORTFOLIO)]

    def projection_status(self) -> dict[str, Any]:
        """Where the read models are in the event log, and how many events they have not seen."""
        position = self.read_models.max_tracking_id(self.name)
        behind, start = 0, position
        while page := self.recorder.select_notifications(start=start, limit=10_000, inclusive_of_start=False):
            behind, start = behind + len(page), page[-1].id
        return {"position": position or 0, "last_event": start or position or 0, "behind": behind}

    def _timeline_of(self, key: str, moment: Moment) -> list[dict[str, Any]]:
        """The client's timeline rows at the moment; ClientNotFound if it was not registered then."""
        rows = rows_at(self.read_models.timeline(key), moment)
        if not any(row["type"] == "Registered" for row in rows):
            raise ClientNotFound(key, moment.describe())
        return rows

    def with_plans(self) -> Iterator[Standing]:
        """Where the clients with an objective still open (not done, not cancelled) stand now, one
        after the other (read a few hundred at a time)."""
        return self.read_models.standings_of(key for key, open_goals in self.read_models.portfolio.clients("key", "open_goals") if open_goals)

    def client_standing(self, key: str) -> Standing:
        standing = self.read_models.standing(key)
        if standing is None:
            raise ClientNotFound(key)
        return standing

    def with_fields(self, causes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Each causing event with what it recorded (from the timeline)."""
        rows = self.read_models.timeline_events([(c["client"], c["version"]) for c in causes])
        fields = {(row["client_key"], row["version"]): row["fields"] for row in rows}
        return [{**cause, "fields": fields.get((cause["client"], cause["version"]), {})} for cause in causes]

    def decision_now(self, standing: Standing) -> Decision:
        """What the policy says today, with the client's own events behind it."""
        inputs, _ = self.read_models.tier_inputs()
        situation = situations(self.policy, inputs)[standing.key]
        return self.policy.decide(Situation(standing.tier_inputs(), situation.pareto))


def _standing_order(row: dict[str, Any]) -> tuple:
    profit = Decimal(row["profit"]) if row["profit"] is not None else Decimal("-Infinity")
    return _TIER_ORDER[row["tier"]], -profit, row["key"]


def history_item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": row["type"],
        "version": row["version"],
        "occurred_on": row["occurred_on"].isoformat(),
        "recorded_at": row["recorded_at"].isoformat(),
        "recorded_by": row["recorded_by"],
        **row["fields"],
    }


def in_business_order(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """History items in business-date order, with what a move was from as it was by business date
    (a pyramid move's level and direction, an owner change's previous owner, as typed they say what
    was known when they were typed)."""
    level, owner = STARTING_LEVEL, None
    for item in items:
        if item["type"] == "Registered":
            owner = item.get("owner")
        elif item["type"] == "OwnerAssigned":
            item["previous_owner"], owner = owner, item["owner"]
        elif item["type"] == "PyramidLevelChanged":
            to = PyramidLevel(item["to_level"])
            item.update(from_level=level.value, direction=direction_of(level, to))
            level = to
    return items
