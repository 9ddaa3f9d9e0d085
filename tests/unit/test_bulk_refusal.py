"""How an all-or-nothing entry reports its bad lines."""

from kamledger.domain.errors import ClientNotFound, InvalidInput, RuleViolation
from kamledger.service.bulk import SHOWN_PROBLEMS, one_line, refusal


def test_a_refusal_lists_every_bad_line_under_one_headline():
    error = refusal("values.csv", [(3, InvalidInput("revenue 'x' is not an amount")), (5, ClientNotFound("nobody"))], "row")
    assert str(error).splitlines() == [
        "values.csv has 2 bad rows; nothing was recorded",
        "  line 3: revenue 'x' is not an amount",
        "  line 5: no client with key 'nobody'",
    ]


def test_malformed_input_makes_it_a_usage_error_and_rules_alone_a_rule_violation():
    assert isinstance(refusal("f", [(2, RuleViolation("no")), (3, InvalidInput("bad"))], "line"), InvalidInput)
    refused = refusal("f", [(2, RuleViolation("no"))], "line")
    assert isinstance(refused, RuleViolation) and not isinstance(refused, InvalidInput)


def test_a_long_list_of_bad_lines_is_cut_short_and_counted():
    lines = str(refusal("f", [(n, InvalidInput("bad")) for n in range(SHOWN_PROBLEMS + 7)], "line")).splitlines()
    assert len(lines) == 1 + SHOWN_PROBLEMS + 1 and lines[-1] == "  ... and 7 more"


def test_line_breaks_quoted_from_a_file_stay_on_one_line():
    assert one_line("a\nb\r\x1ec\u2028") == "a\\nb\\r\\x1ec\\u2028"
    assert str(refusal("f", [(2, InvalidInput("name 'x\ny'"))], "row")).splitlines()[1] == "  line 2: name 'x\\ny'"
