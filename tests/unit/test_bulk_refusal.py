"""How an all-or-nothing entry reports its bad lines."""

from kamledger.cli.output import one_line
from kamledger.domain.errors import ClientNotFound, InvalidInput, RuleViolation
from kamledger.service.commands.bulk import SHOWN_PROBLEMS, refusal


def test_a_refusal_lists_every_bad_line_under_one_headline():
    error = refusal("values.csv", [(3, InvalidInput("revenue 'x' is not an amount")), (5, ClientNotFound("nobody"))], "row")
    assert (str(error), error.details) == (
        "values.csv has 2 bad rows; nothing was recorded",
        ("line 3: revenue 'x' is not an amount", "line 5: no client with key 'nobody'"),
    )


def test_malformed_input_makes_it_a_usage_error_and_rules_alone_a_rule_violation():
    assert isinstance(refusal("f", [(2, RuleViolation("no")), (3, InvalidInput("bad"))], "line"), InvalidInput)
    refused = refusal("f", [(2, RuleViolation("no"))], "line")
    assert isinstance(refused, RuleViolation) and not isinstance(refused, InvalidInput)


def test_a_long_list_of_bad_lines_is_cut_short_and_counted():
    details = refusal("f", [(n, InvalidInput("bad")) for n in range(SHOWN_PROBLEMS + 7)], "line").details
    assert len(details) == SHOWN_PROBLEMS + 1 and details[-1] == "... and 7 more"


def test_line_breaks_and_control_characters_quoted_from_a_file_are_escaped_when_printed():
    assert one_line("a\nb\r\x1ec\u2028") == "a\\nb\\r\\x1ec\\u2028"
