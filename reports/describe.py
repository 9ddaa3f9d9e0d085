"""One-line descriptions of recorded events, for history and why."""

from typing import Any

from kamledger.domain.scorecard import MAX_TOTAL


def describe(item: dict[str, Any]) -> str:
    kind = item["type"]
    describer = _DESCRIBERS.get(kind)
    return describer(item) if describer else kind


def _with_note(text: str, note: str | None) -> str:
    return f"{text}: {note}" if note else text


def _by_channel(event: dict[str, Any]) -> str:
    channel = event.get("channel")
    return f" by {channel}" if channel and channel != "unknown" else ""


def _against(event: dict[str, Any]) -> str:
    band = f"{event['score_total']}, {event['band']}" if event.get("band") else "not scored"
    return f" (against the scorecard: {band})" if event.get("against_scorecard") else f" ({band})"


_DESCRIBERS = {
    "Registered": lambda e: f"registered as '{e['name']}'" + (f", owner {e['owner']}" if e.get("owner") else ""),
    "OwnerAssigned": lambda e: f"owner {e.get('previous_owner') or '(none)'} -> {e['owner']}",
    "Scored": lambda e: _with_note(f"scored {e['total']}/{MAX_TOTAL} ({e['band']}, questionnaire {e['questionnaire_version']})", e.get("note")),
    "SurveyAnswered": lambda e: _with_note(f"survey{_by_channel(e)}: satisfaction {e['satisfaction']}/10, NPS answer {e['nps']}", e.get("comment")),
    "PyramidLevelChanged": lambda e: f"pyramid {e['direction']}: {e['from_level']} -> {e['to_level']}: {e['reason']}",
    "ValueRecorded": lambda e: f"value {e['period']}: revenue {e['revenue']}, cost to serve {e['cost_to_serve']}",
    "ValueDimensionNoted": lambda e: f"{e['dimension']} value {e['level']}: {e['note']}",
    "BurdenSignalNoted": lambda e: f"burden {e['signal']}: {e['note']}",
    "BurdenSignalResolved": lambda e: f"burden {e['signal']} resolved: {e['note']}",
    "TierOverridden": lambda e: f"tier set by hand to {e['tier']}: {e['reason']}",
    "TierOverrideCleared": lambda e: f"tier override cleared: {e['reason']}",
    "PolicyAdopted": lambda e: f"tier policy {e['version']} adopted: {e['reason']}",
    "Reviewed": lambda e: f"coaching review of {e.get('period_from') or 'the start'} to {e['period_to']}",
    "Forgotten": lambda e: f"personal notes forgotten: {e['reason']}",
    "GoalAdded": lambda e: f"goal {e['goal_id']} added: {e['text']}" + (f" (due {e['due']})" if e.get("due") else ""),
    "GoalDone": lambda e: f"goal {e['goal_id']} done",
    "ParetoHeadMoved": lambda e: f"the Pareto head moved (last in it: {e.get('last_in_head')}, profit {e.get('its_profit')})",
    "ProspectAdded": lambda e: "added as a prospect" + "".join(
        f", {label} {e[name]}" for name, label in (("source", "from"), ("chance", "chance %"), ("estimated_profit", "estimated profit"))
        if e.get(name) is not None),
    "ProspectDecided": lambda e: _with_note(f"decided to {e['choice']}" + _against(e), e.get("reason")),
    "ProspectWon": lambda e: _with_note("won: a client from then on" + _against(e), e.get("reason")),
    "ProspectLost": lambda e: _with_note("prospect lost", e.get("reason")),
    "ClientLost": lambda e: _with_note("client lost: a former client from then on", e.get("reason")),
    "ClientWonBack": lambda e: _with_note("won back: a client again", e.get("reason")),
    "TierChanged": lambda e: f"tier {e['from_tier']} -> {e['to_tier']} by rule {e['rule']} (policy {e['policy_version']})",
}
