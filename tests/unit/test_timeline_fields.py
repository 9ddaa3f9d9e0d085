"""The timeline keeps most events' fields as their values alone, named again from the event class
when read (projections/read_models.py ``stored_fields``)."""

from datetime import date
from decimal import Decimal

from hypothesis import given, strategies as st

from kamledger.domain.portfolio import PORTFOLIO
from kamledger.projections.read_models import field_names, fields_of, stored_fields
from kamledger.projections.tables import json_text

# Each event class's own fields as the timeline's stored rows were written with them. A change here
# means rows already stored would be named wrongly: bump READ_MODEL_VERSION (projections/tables.py),
# which rebuilds them, and then write the new list here.
KEPT = {
    "BurdenSignalNoted": ("signal", "note"), "BurdenSignalResolved": ("signal", "note"), "ClientLost": ("reason",),
    "ClientWonBack": ("reason",), "ContactAdded": ("person", "name", "role", "department", "level", "stance", "decides"),
    "ContactChanged": ("person", "level", "department", "stance", "decides", "role", "note"),
    "ContactForgotten": ("person", "reason"), "ContactLeft": ("person", "note"), "ContactLinked": ("person", "ours", "strength"),
    "ContactTouched": ("person", "ours", "kind", "note"), "ContactUnlinked": ("person", "ours", "note"), "Created": (),
    "CriteriaSet": ("criteria",), "EffortSpent": ("hours", "kind", "note"), "Event": (),
    "FeedbackGiven": ("feedback_id", "kind", "note"), "FeedbackResolved": ("feedback_id", "note"), "Forgotten": ("reason",),
    "GoalAdded": ("goal_id", "text", "due", "kind", "target"), "GoalCancelled": ("goal_id", "reason"), "GoalDone": ("goal_id",),
    "OwnerAssigned": ("owner", "previous_owner"), "ProblemNoted": ("problem_id", "severity", "note"),
    "ProblemResolved": ("problem_id", "note"), "ProspectAdded": ("source", "chance", "estimated_profit"),
    "ProspectDecided": ("choice", "reason", "score_total", "band", "against_scorecard"),
    "ProspectLost": ("reason", "score_total", "band"), "ProspectWon": ("reason", "score_total", "band", "against_scorecard"),
    "PyramidLevelChanged": ("from_level", "to_level", "direction", "reason"),
    "RatedOnCriteria": ("ratings", "source", "attractiveness", "note"), "Registered": ("key", "name", "owner"),
    "Reviewed": ("period_from", "period_to"), "Scored": ("questionnaire_version", "answers", "total", "band", "note"),
    "SurveyAnswered": ("satisfaction", "nps", "comment", "channel"),
    "TierChanged": ("from_tier", "to_tier", "policy_version", "rule", "inputs", "causes"), "TierOverridden": ("tier", "reason"),
    "TierOverrideCleared": ("reason",), "ValueDimensionNoted": ("dimension", "level", "note"),
    "ValueRecorded": ("period", "revenue", "cost_to_serve"),
}
KEPT_OF_THE_PORTFOLIO = {
    "Created": (), "Event": (), "Opened": (), "OursLeft": ("name",), "PolicyAdopted": ("version", "document", "reason"),
    "Reviewed": ("period_from", "period_to"),
}


def test_the_names_the_stored_rows_were_written_with_are_the_event_classes_own():
    assert field_names() == {**{(False, kind): names for kind, names in KEPT.items()},
                             **{(True, kind): names for kind, names in KEPT_OF_THE_PORTFOLIO.items()}}


def row(key: str, kind: str, fields: dict) -> dict:
    return {"client_key": key, "type": kind, "fields": fields}


def test_a_value_entry_is_kept_without_its_names_and_named_again_when_read():
    fields = {"period": "2024-03", "revenue": Decimal("1200.50"), "cost_to_serve": Decimal("300")}
    stored = stored_fields(row("acme", "ValueRecorded", dict(fields)))["fields"]
    assert json_text(stored) == '["2024-03","1200.50","300"]'
    assert fields_of("acme", "ValueRecorded", stored) == fields


def test_fields_in_another_order_are_kept_in_the_class_order_and_read_back_in_it():
    stored = stored_fields(row("acme", "OwnerAssigned", {"previous_owner": "ann", "owner": "bo"}))["fields"]
    assert stored == ["bo", "ann"]
    assert list(fields_of("acme", "OwnerAssigned", stored).items()) == [("owner", "bo"), ("previous_owner", "ann")]


def test_fields_that_are_not_the_class_own_stay_named():
    # an event stored before a field was added (its upcast state), a kind kamledger does not know
    for kind, fields in (("ValueRecorded", {"period": "2024-03", "revenue": "1"}), ("Imported", {"source": "crm"}),
                         ("ValueRecorded", {"period": "2024-03", "revenue": "1", "cost_to_serve": "0", "class_version": 2})):
        assert stored_fields(row("acme", kind, dict(fields)))["fields"] == fields


def test_the_portfolio_and_a_client_each_read_their_own_class_of_the_same_name():
    stored = stored_fields(row(PORTFOLIO, "Reviewed", {"period_from": None, "period_to": date(2024, 6, 30)}))["fields"]
    assert fields_of(PORTFOLIO, "Reviewed", stored) == {"period_from": None, "period_to": date(2024, 6, 30)}
    assert fields_of(PORTFOLIO, "OursLeft", ["ann"]) == {"name": "ann"}


@given(st.sampled_from(sorted(KEPT)), st.data())
def test_any_event_fields_read_back_as_they_were_given(kind, data):
    names = KEPT[kind]
    values = data.draw(st.lists(st.one_of(st.none(), st.integers(), st.text(max_size=8)), min_size=len(names), max_size=len(names)))
    order = data.draw(st.permutations(names))
    fields = {name: values[names.index(name)] for name in order}
    stored = stored_fields(row("acme", kind, dict(fields)))["fields"]
    assert isinstance(stored, list) and fields_of("acme", kind, stored) == fields
