"""The coaching review of the whole portfolio over a period: standings by tier, every tier change
and pyramid move, what the surveys said, and what changed since the previous portfolio review."""

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from kamledger.domain.privacy import FORGOTTEN
from kamledger.domain.surveys import SurveyTally
from kamledger.domain.tiers import TIERS
from kamledger.reports.charts import TierChart
from kamledger.reports.report import Item, ReviewPeriod, Report, Section, changed_since, latest_review
from kamledger.reports.describe import describe
from kamledger.reports.review import coverage_text, previous_review_line, reason_for


def portfolio_review(
    standings: Sequence[Item], histories: Mapping[str, Sequence[Item]], portfolio_events: Sequence[Item],
    policy_version: str, meanings: Mapping[tuple[str, str], str], period: ReviewPeriod, prepared: str,
    moves: Sequence[Item] | None = None, changes: Sequence[Item] | None = None, plans: Mapping[str, Sequence[Item]] | None = None,
    pipeline: Sequence[Item] = (), people_changes: Sequence[Item] = (), people: Mapping[str, Mapping[str, Any]] | None = None,
    surveys: Mapping[tuple[int, int], int] | None = None,
) -> Report:
    """The review from plain data. ``histories`` holds each client's events of the period (at least
    its pyramid moves, and its surveys unless ``surveys`` counts the period's answers: (satisfaction,
    NPS answer) -> how many); ``moves`` the tier moves by business date (else the recorded ones in
    the histories); ``changes`` what changed since the previous review, per client (else worked out
    from the histories)."""
    if surveys is None:
        surveys = Counter((s["satisfaction"], s["nps"]) for items in histories.values() for s in period.of(items, "SurveyAnswered"))
    return Report(
        title="Coaching review of the portfolio",
        fields=(("Period", period.label), ("Clients", str(len(standings))), ("Tier policy", policy_version), ("Prepared", prepared)),
        sections=(
            standings_section(standings),
            tier_section(histories, period, meanings) if moves is None else moves_section(moves, meanings),
            pyramid_section(histories, period),
            survey_section(surveys),
            policy_section(period.of(portfolio_events, "PolicyAdopted")),
            plans_section(plans or {}, period),
            *((pipeline_section(pipeline, period),) if pipeline else ()),
            *((people_section(people_changes, people),) if people else ()),
            since_section(histories, portfolio_events, period, changes),
        ),
    )


def people_section(changes: Sequence[Item], people: Mapping[str, Mapping[str, Any]]) -> Section:
    """Who joined, left or changed stance at each client in the period (with the client's owner on
    the day), and each mapped client's coverage at the period's start and end."""
    shown = [item for item in changes if (item["type"] != "ContactChanged" or item.get("stance")) and item["person"] != FORGOTTEN]
    return Section(
        "People", ("Date", "Client", "Owner", "What"),
        [(i["occurred_on"], i["key"], i.get("owner") or "", describe(i)) for i in shown],
        empty="Nobody joined, left or changed stance in this period.",
        lines=tuple(f"{key}: on {c['start']['day']} {coverage_text(c['start'])}; on {c['end']['day']} {coverage_text(c['end'])}"
                    + (f"; mismatch: {c['mismatch']}" if c.get("mismatch") else "") for key, c in people.items() if c),
    )


def standings_section(standings: Sequence[Item]) -> Section:
    counts = tuple((tier, sum(row["tier"] == tier for row in standings)) for tier in TIERS)
    return Section(
        "Standings by tier", ("Tier", "Client", "Name", "Owner", "Rule", "Score", "Pyramid", "Profit"),
        [(r["tier"], r["key"], r["name"], r["owner"] or "", r["tier_rule"], _score(r), r["pyramid_level"], r["profit"] or "")
         for r in standings],
        empty="No clients are registered.",
        lines=(", ".join(f"{count} {tier}" for tier, count in counts) + ".",),
        charts=(TierChart(counts),) if standings else (),
    )


def plans_section(plans: Mapping[str, Sequence[Item]], period: ReviewPeriod) -> Section:
    """Per client, the objectives set or due in the period by their status at its end."""
    statuses = ("met", "overdue", "lost", "open", "done", "cancelled")
    rows = []
    for key, objectives in sorted(plans.items()):
        shown = [o for o in objectives if period.has_day(o["due"]) or period.has_day(o["added_on"])]
        if shown:
            rows.append((key, *(sum(o["status"] == status for o in shown) for status in statuses)))
    totals = [sum(row[n + 1] for row in rows) for n in range(len(statuses))]
    return Section(
        "Development plans", ("Client", *(s.capitalize() for s in statuses)), rows,
        empty="No objective was set or due in this period.",
        lines=(", ".join(f"{n} {status}" for status, n in zip(statuses, totals) if n) + ".",) if rows else (),
    )


def pipeline_section(prospects: Sequence[Item], period: ReviewPeriod) -> Section:
    """The prospects open at the period's end or decided, won or lost in it (kam pipeline's rows)."""
    def in_period(row: Item) -> bool:
        days = [row[name] for name in ("added_on", "decided_on", "outcome_on") if row.get(name)]
        return any(period.holds({"occurred_on": day}) for day in days) or (row["status"] in ("open", "pursued", "declined") and row["added_on"] <= period.end.isoformat())

    rows = [r for r in prospects if in_period(r)]
    return Section(
        "Pipeline", ("Prospect", "Stage", "Score", "Recommended", "Decision", "Chance", "Expected profit", "Key prospect"),
        [(r["key"], r["status"], _score({**r, "score_band": r["band"]}), r["recommendation"] or "",
          (r["choice"] or "") + (" (against the scorecard)" if r["against_scorecard"] else ""),
          "" if r["chance"] is None else f"{r['chance']}%", r["expected_profit"] or "", "yes" if r["key_prospect"] else "")
         for r in rows],
        empty="No prospects in this period.",
    )


def _score(row: Item) -> str:
    return "" if row["score_total"] is None else f"{row['score_total']} {row['score_band']}"


def tier_section(histories: Mapping[str, Sequence[Item]], period: ReviewPeriod, meanings: Mapping[tuple[str, str], str]) -> Section:
    changes = _across(histories, period, "TierChanged")
    return Section(
        "Tier changes", ("Date", "Client", "From", "To", "Rule", "Rule meaning", "Policy", "Recorded by"),
        [(c["occurred_on"], key, c["from_tier"], c["to_tier"], c["rule"], reason_for(c, histories[key], meanings),
          c["policy_version"], c["recorded_by"]) for key, c in changes],
        empty="No tier changes in this period.",
    )


def moves_section(moves: Sequence[Item], meanings: Mapping[tuple[str, str], str]) -> Section:
    """Every tier move of the period by business date: the policy's verdicts on the dated facts,
    credited to the owner of the client on that date."""
    return Section(
        "Tier changes", ("Date", "Client", "From", "To", "Rule", "Rule meaning", "Policy", "Owner then"),
        [(m["occurred_on"], m["key"], m["from_tier"], m["to_tier"], m["rule"], meanings.get((m["policy_version"], m["rule"])) or "",
          m["policy_version"], m["owner"] or "") for m in moves],
        empty="No tier changes in this period.",
    )


def pyramid_section(histories: Mapping[str, Sequence[Item]], period: ReviewPeriod) -> Section:
    return Section(
        "Pyramid moves", ("Date", "Client", "Move", "From", "To", "Reason", "Recorded by"),
        [(m["occurred_on"], key, m["direction"], m["from_level"], m["to_level"], m["reason"], m["recorded_by"])
         for key, m in _across(histories, period, "PyramidLevelChanged")],
        empty="No pyramid moves in this period.",
    )


def survey_section(answers: Mapping[tuple[int, int], int]) -> Section:
    """How many surveys, their mean satisfaction and the NPS: % promoters (9-10) minus % detractors
    (0-6), from the answers counted ((satisfaction, NPS answer) -> how many)."""
    tally = SurveyTally.counted(answers)
    if not tally.responses:
        return Section("Surveys", empty="No surveys in this period.")
    return Section(
        "Surveys", ("Surveys", "Mean satisfaction", "Promoters", "Passives", "Detractors", "NPS"),
        [(tally.responses, f"{tally.mean_satisfaction}/10", tally.promoters, tally.passives, tally.detractors, f"{tally.nps:+d}")],
    )


def policy_section(adoptions: Sequence[Item]) -> Section:
    return Section(
        "Tier policy adopted", ("Date", "Version", "Reason", "Recorded by"),
        [(a["occurred_on"], a["version"], a["reason"], a["recorded_by"]) for a in adoptions],
        empty="No tier policy was adopted in this period.",
    )


def since_section(
    histories: Mapping[str, Sequence[Item]], portfolio_events: Sequence[Item], period: ReviewPeriod,
    changes: Sequence[Item] | None = None,
) -> Section:
    """Per client, how many events and which tier changes came after the previous portfolio review."""
    previous = latest_review(portfolio_events)
    rows = [
        ("(portfolio)", 1, describe(item), item["occurred_on"])
        for item in changed_since(portfolio_events, previous, period)
    ]
    if changes is None:
        changes = [
            {"key": key, "events": len(found), "latest": max(c["occurred_on"] for c in found),
             "tier_changes": [f"{c['from_tier']} -> {c['to_tier']}" for c in found if c["type"] == "TierChanged"]}
            for key, items in sorted(histories.items()) if (found := changed_since(items, previous, period))
        ]
    rows += [(c["key"], c["events"], ", ".join(c["tier_changes"]) or "no tier change", c["latest"]) for c in changes]
    return Section(
        "Since the previous portfolio review", ("Client", "Events", "Tier changes", "Latest"), rows,
        empty="Nothing changed since the previous portfolio review.",
        lines=(previous_review_line(previous, period),),
    )


def _across(histories: Mapping[str, Sequence[Item]], period: ReviewPeriod, kind: str) -> list[tuple[str, Item]]:
    """Every client's events of one kind in the period, by date."""
    found = [(key, item) for key, items in histories.items() for item in period.of(items, kind)]
    return sorted(found, key=lambda pair: (pair[1]["occurred_on"], pair[1]["recorded_at"]))
