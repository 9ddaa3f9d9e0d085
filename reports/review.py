"""The coaching review of one client over a period, built from its history items.

It takes plain data: service/queries/reviews.py gathers it from the ledger.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from kamledger.domain.attractiveness import moved, weighted_mean_x10, weights_text
from kamledger.domain.scorecard import MAX_TOTAL
from kamledger.domain.privacy import FORGOTTEN
from kamledger.domain.surveys import nps_category
from kamledger.reports.charts import AnswerChart, ScoreChart
from kamledger.reports.describe import describe
from kamledger.reports.report import Item, ReviewPeriod, Report, Section, changed_since, latest_review

NOTES = ("ValueDimensionNoted", "BurdenSignalNoted", "BurdenSignalResolved", "TierOverridden", "TierOverrideCleared")


def client_review(
    history: Sequence[Item], why: Mapping[str, Any], questions: Sequence[str], meanings: Mapping[tuple[str, str], str],
    period: ReviewPeriod, prepared: str, plan: Sequence[Item] = (), people: Mapping[str, Any] | None = None,
) -> Report:
    registered = history[0]
    owners = [item["owner"] for item in history if item["type"] in ("Registered", "OwnerAssigned")]
    return Report(
        title=f"Coaching review of {registered['name']} ({registered['key']})",
        fields=(
            ("Period", period.label),
            ("Owner", owners[-1] or "none"),
            ("Tier now", tier_now(why, meanings)),
            ("Prepared", prepared),
        ),
        sections=(
            score_section(period.of(history, "Scored"), questions),
            tier_section(history, period, meanings, why),
            pyramid_section(period.of(history, "PyramidLevelChanged")),
            survey_section(period.of(history, "SurveyAnswered")),
            attractiveness_section(history, period),
            value_section(period.of(history, "ValueRecorded")),
            owner_section(period.of(history, "OwnerAssigned")),
            plan_section(plan, period),
            *((people_section(period.of(history, *PEOPLE_CHANGES), people, period),) if people and _has_people(people) else ()),
            notes_section(period.of(history, *NOTES)),
            *((way_in_section(history),) if any(item["type"] in WAY_IN_AND_OUT for item in history) else ()),
            since_section(history, period),
        ),
    )


def plan_section(plan: Sequence[Item], period: ReviewPeriod) -> Section:
    """The plan's objectives that were due in the period, or set in it, with their status at its end."""
    shown = [o for o in plan if period.has_day(o["due"]) or period.has_day(o["added_on"])]
    counts = {status: sum(o["status"] == status for o in shown) for status in ("met", "overdue", "lost", "open", "done", "cancelled")}
    met_by = [o["met_by"] or {} for o in shown]
    return Section(
        "Development plan", ("#", "Kind", "Target", "Due", f"Status on {period.end}", "Met by", "Note"),
        [(o["id"], o["kind"] or "goal", o["target"] or "", o["due"] or "", o["status"],
          f"{m['type']} {m['occurred_on']}" if m else "", o["note"]) for o, m in zip(shown, met_by)],
        empty="No objective was set or due in this period.",
        lines=(", ".join(f"{n} {status}" for status, n in counts.items() if n),) if shown else (),
    )


PEOPLE_CHANGES = ("ContactAdded", "ContactLeft", "ContactChanged")


def _has_people(people: Mapping[str, Any]) -> bool:
    return bool(people["start"]["contacts"] or people["end"]["contacts"] or people["end"]["risks"])


def people_section(changes: Sequence[Item], people: Mapping[str, Any], period: ReviewPeriod) -> Section:
    """Who joined the client, who left, whose stance changed in the period, and the coverage of
    its people at the period's start and end (domain/people.py)."""
    shown = [item for item in changes if (item["type"] != "ContactChanged" or item.get("stance")) and item["person"] != FORGOTTEN]
    start, end = people["start"], people["end"]
    return Section(
        "People", ("Date", "What", "Recorded by"),
        [(i["occurred_on"], describe(i), i["recorded_by"]) for i in shown],
        empty="Nobody joined, left or changed stance in this period.",
        lines=(f"Coverage on {start['day']}: {coverage_text(start)}.", f"Coverage on {end['day']}: {coverage_text(end)}.",
               *((f"Mismatch: {people['mismatch']}.",) if people.get("mismatch") else ())),
    )


def coverage_text(c: Mapping[str, Any]) -> str:
    """A client's coverage in a line: people reached, levels, departments, decision maker, risks."""
    return (f"{c['reached']} of {c['contacts']} people reached, levels {len(c['levels_reached'])}/3, "
            f"departments {len(c['departments_reached'])} of {len(c['departments_known'])}, "
            f"decision maker {'covered' if c['decision_maker_covered'] else 'not covered'}, "
            f"risks: {', '.join(c['risks']) or 'none'}")


WAY_IN_AND_OUT = ("ProspectAdded", "ProspectDecided", "ProspectWon", "ProspectLost", "ClientLost", "ClientWonBack")


def way_in_section(history: Sequence[Item]) -> Section:
    """Its time as a prospect (its scores before the first deal, the decision, when it was won) and
    any time it left and came back, whatever the review's period."""
    won = next((item["occurred_on"] for item in history if item["type"] == "ProspectWon"), None)
    shown = [item for item in history if item["type"] in WAY_IN_AND_OUT
             or (item["type"] == "Scored" and any(i["type"] == "ProspectAdded" for i in history) and (won is None or item["occurred_on"] <= won))]
    return Section("Prospect history, and the way in and out", ("Date", "What", "Recorded by"),
                   [(i["occurred_on"], describe(i), i["recorded_by"]) for i in shown])


def tier_now(why: Mapping[str, Any], meanings: Mapping[tuple[str, str], str]) -> str:
    if not why["tier_changes"]:
        return f"{why['tier']}: nothing that decides a tier has been recorded yet"
    held = f"{why['tier']} since {why['changed_on']}, by rule {why['rule']} of tier policy {why['policy_version']}"
    meaning = meanings.get((why["policy_version"], why["rule"]))
    return f"{held}: {meaning}" if meaning else held


def score_section(recorded: Sequence[Item], questions: Sequence[str]) -> Section:
    scorings = sorted(recorded, key=lambda s: s["occurred_on"])  # by business date, so the line runs forward
    days = tuple(date.fromisoformat(s["occurred_on"]) for s in scorings)
    charts = (ScoreChart(days, tuple(s["total"] for s in scorings)),
              AnswerChart(days, tuple(tuple(s["answers"]) for s in scorings), tuple(questions))) if scorings else ()
    return Section(
        "Score over time", ("Date", "Total", "Band", "Questionnaire", "Note", "Recorded by"),
        [(s["occurred_on"], f"{s['total']}/{MAX_TOTAL}", s["band"], s["questionnaire_version"], s.get("note") or "", s["recorded_by"])
         for s in scorings],
        empty="No scorings in this period.", charts=charts,
    )


def tier_section(history: Sequence[Item], period: ReviewPeriod, meanings: Mapping[tuple[str, str], str],
                 why: Mapping[str, Any] | None = None) -> Section:
    """The tier moves of the period: by business date (the policy's steps on the dated facts) when
    the ledger explains by business date, else the tier changes as recorded."""
    if why is not None and why.get("clock") == "business":
        changes = [{**step, "type": "TierChanged"} for step in why["tier_changes"]]
        changes = period.of(changes, "TierChanged")
    else:
        changes = period.of(history, "TierChanged")
    return Section(
        "Tier changes", ("Date", "From", "To", "Rule", "Rule meaning", "Policy", "Recorded by"),
        [(c["occurred_on"], c["from_tier"], c["to_tier"], c["rule"], reason_for(c, history, meanings), c["policy_version"],
          c["recorded_by"] or "") for c in changes],
        empty="No tier changes in this period.",
    )


def reason_for(change: Item, history: Sequence[Item], meanings: Mapping[tuple[str, str], str]) -> str:
    """The rule's meaning, with the reason a person gave when the tier was set or cleared by hand."""
    by_version = {item["version"]: item for item in history}
    key = history[0]["key"]
    reasons = [
        by_version[cause["version"]]["reason"] for cause in change["causes"]
        if cause["client"] == key and cause["type"] in ("TierOverridden", "TierOverrideCleared")
        and cause["version"] in by_version
    ]
    return " ".join([meanings.get((change["policy_version"], change["rule"])) or "", *(f"Reason given: {reason}" for reason in reasons)]).strip()


def pyramid_section(moves: Sequence[Item]) -> Section:
    return Section(
        "Pyramid moves", ("Date", "Move", "From", "To", "Reason", "Recorded by"),
        [(m["occurred_on"], m["direction"], m["from_level"], m["to_level"], m["reason"], m["recorded_by"]) for m in moves],
        empty="No pyramid moves in this period.",
    )


def survey_section(surveys: Sequence[Item]) -> Section:
    return Section(
        "Surveys", ("Date", "Satisfaction", "NPS answer", "Comment", "Recorded by"),
        [(s["occurred_on"], f"{s['satisfaction']}/10", f"{s['nps']} ({nps_category(s['nps'])})", s.get("comment") or "",
          s["recorded_by"]) for s in surveys],
        empty="No surveys in this period.",
    )


def attractiveness_section(history: Sequence[Item], period: ReviewPeriod) -> Section:
    """The client's criteria set and our ratings on them in the period, by business date: each
    rating weighed by the criteria in force on its date, and what moved since the rating before."""
    criteria: dict[str, Decimal] = {}
    before: dict[str, int] | None = None
    rows = []
    for item in history:  # in business-date order, the period's start included
        if item["type"] == "CriteriaSet":
            criteria = {name: Decimal(weight) for name, weight in item["criteria"].items()}
            if period.holds(item):
                rows.append((item["occurred_on"], "criteria set", weights_text(criteria), "", "", item["recorded_by"]))
        elif item["type"] == "RatedOnCriteria":
            ratings = item["ratings"]
            if period.holds(item):
                changes = ", ".join(f"{name} {change:+d}" for name, change in moved(before, ratings).items())
                rows.append((item["occurred_on"], f"rated ({item['source']})", ", ".join(f"{n} {v}" for n, v in ratings.items()),
                             str(weighted_mean_x10(ratings, criteria) or ""), changes, item["recorded_by"]))
            before = ratings
    return Section(
        "Our attractiveness by the client's criteria", ("Date", "What", "Criteria or ratings", "Ours", "Moved", "Recorded by"), rows,
        empty="No criteria set and no rating in this period.",
    )


def value_section(records: Sequence[Item]) -> Section:
    """Revenue, cost to serve and profit per period recorded in the review period (a period
    recorded again counts as corrected), with their sum."""
    latest = {record["period"]: record for record in records}
    rows = [
        (label, r["revenue"], r["cost_to_serve"], str(Decimal(r["revenue"]) - Decimal(r["cost_to_serve"])), r["occurred_on"])
        for label, r in sorted(latest.items())
    ]
    if rows:
        rows.append(("Total", *(str(sum(Decimal(row[n]) for row in rows)) for n in (1, 2, 3)), ""))
    return Section(
        "Value per period", ("Period", "Revenue", "Cost to serve", "Profit", "Recorded on"), rows,
        empty="No value recorded in this period.",
    )


def owner_section(changes: Sequence[Item]) -> Section:
    return Section(
        "Owner changes", ("Date", "From", "To", "Recorded by"),
        [(c["occurred_on"], c.get("previous_owner") or "none", c["owner"], c["recorded_by"]) for c in changes],
        empty="No owner changes in this period.",
    )


def notes_section(notes: Sequence[Item]) -> Section:
    return Section(
        "Value notes, burdens and overrides", ("Date", "What", "Recorded by"),
        [(n["occurred_on"], describe(n), n["recorded_by"]) for n in notes],
        empty="No value notes, burdens or overrides in this period.",
    )


def since_section(history: Sequence[Item], period: ReviewPeriod) -> Section:
    previous = latest_review(history)
    changes = changed_since(history, previous, period)
    return Section(
        "Since the previous review", ("Date", "What", "Recorded by"),
        [(c["occurred_on"], describe(c), c["recorded_by"]) for c in changes],
        empty="Nothing changed since the previous review.",
        lines=(previous_review_line(previous, period),),
    )


def previous_review_line(previous: Item | None, period: ReviewPeriod) -> str:
    if previous is None:
        return f"No previous review: everything up to {period.end}."
    covered = f"{previous.get('period_from') or 'the start'} to {previous['period_to']}"
    return (f"The previous review covered {covered} (recorded on {previous['occurred_on']} by {previous['recorded_by']}); "
            f"below is what happened after it, or was recorded after it, up to {period.end}.")
