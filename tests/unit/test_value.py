"""Periods, amounts of money and named choices."""

import re
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from kamledger.domain.errors import InvalidInput
from kamledger.domain.value import (
    BurdenSignal, Level, Period, PeriodSelection, ValueDimension, parse_amount, parse_choice,
)


def months_of(label: str) -> tuple[int, int]:
    """(first, last) month of a period, numbered 1-12 within its year."""
    period = Period.parse(label)
    year = int(label[:4])
    return period.first_month - year * 12 + 1, period.last_month - year * 12 + 1


@pytest.mark.parametrize(
    ("text", "label", "months"),
    [
        ("2026", "2026", (1, 12)),
        ("2026-H1", "2026-H1", (1, 6)),
        ("2026-H2", "2026-H2", (7, 12)),
        ("2026-Q1", "2026-Q1", (1, 3)),
        ("2026-Q3", "2026-Q3", (7, 9)),
        ("2026-Q4", "2026-Q4", (10, 12)),
        ("2026-03", "2026-03", (3, 3)),
        ("2026-12", "2026-12", (12, 12)),
        ("2026-q3", "2026-Q3", (7, 9)),
        ("2026-h2", "2026-H2", (7, 12)),
        (" 2026-Q2 ", "2026-Q2", (4, 6)),
    ],
)
def test_a_period_is_a_year_half_quarter_or_month(text, label, months):
    assert Period.parse(text).label == label
    assert months_of(label) == months


@pytest.mark.parametrize(
    "text",
    ["", "26", "20261", "2026-", "2026-Q0", "2026-Q5", "2026-H0", "2026-H3", "2026-00", "2026-13",
     "2026-3", "2026Q1", "2026-Q1-01", "2026/03", "Q1-2026", "2026-03-01", "next year"],
)
def test_a_period_in_another_form_is_refused(text):
    with pytest.raises(InvalidInput, match="is not like 2026, 2026-H1, 2026-Q1 or 2026-03"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("0", Decimal("0")), ("125000", Decimal("125000")), ("125000.50", Decimal("125000.50")),
     ("0.5", Decimal("0.5")), (" 12.30 ", Decimal("12.30")), ("1_000_000", Decimal("1000000"))],
)
def test_an_amount_is_a_non_negative_decimal_with_at_most_two_decimals(text, amount):
    parsed = parse_amount(text, "revenue")
    assert parsed == amount and isinstance(parsed, Decimal)


def test_an_amount_keeps_its_cents_exactly():
    assert parse_amount("0.10", "revenue") + parse_amount("0.20", "revenue") == Decimal("0.30")


@pytest.mark.parametrize("text", ["-1", "-0.01"])
def test_a_negative_amount_is_refused(text):
    with pytest.raises(InvalidInput, match="revenue must be zero or more"):
        parse_amount(text, "revenue")


@pytest.mark.parametrize("text", ["1.001", "0.125", "10.123"])
def test_an_amount_with_more_than_two_decimals_is_refused(text):
    with pytest.raises(InvalidInput, match="more than two decimals"):
        parse_amount(text, "revenue")


@pytest.mark.parametrize("text", ["NaN", "nan", "sNaN", "Infinity", "inf", "-inf"])
def test_an_amount_that_is_not_a_finite_number_is_refused(text):
    with pytest.raises(InvalidInput):
        parse_amount(text, "cost to serve")


@pytest.mark.parametrize("text", ["", "ten", "1,000.00", "12 EUR", "€12", "1e3", "1e-3", "1e15", "١٢"])
def test_text_that_is_not_an_amount_is_refused_naming_what_it_was_for(text):
    with pytest.raises(InvalidInput, match="cost to serve .* is not an amount"):
        parse_amount(text, "cost to serve")


@pytest.mark.parametrize(
    ("kind", "text", "member"),
    [(ValueDimension, "Strategic", ValueDimension.STRATEGIC), (Level, " high ", Level.HIGH),
     (BurdenSignal, "HARM-TO-TEAM", BurdenSignal.HARM_TO_TEAM)],
)
def test_a_choice_is_read_whatever_its_case(kind, text, member):
    assert parse_choice(kind, text, "thing") is member


@pytest.mark.parametrize(
    ("kind", "what", "names"),
    [(ValueDimension, "value dimension", "strategic, referral, educational, potential"),
     (Level, "level", "low, medium, high"),
     (BurdenSignal, "burden signal", "cost-to-serve, low-profit, harm-to-team")],
)
def test_an_unknown_choice_is_refused_naming_the_choices(kind, what, names):
    with pytest.raises(InvalidInput) as refused:
        parse_choice(kind, "huge", what)
    assert str(refused.value) == f"unknown {what} 'huge' (one of: {names})"


def test_an_amount_just_below_a_quadrillion_is_accepted():
    assert parse_amount("999999999999999.99", "revenue") == Decimal("999999999999999.99")


@pytest.mark.parametrize("text", ["1000000000000000", "9" * 40])
def test_an_amount_of_a_quadrillion_or_more_is_refused(text):
    with pytest.raises(InvalidInput, match="revenue .* is too large"):
        parse_amount(text, "revenue")


# Which recorded periods an analysis counts

def selects(selection: PeriodSelection, label: str) -> bool:
    return selection.holds(Period.parse(label))


def test_a_period_selects_the_periods_within_it():
    half = PeriodSelection.parse(period="2026-H1")
    assert [label for label in ("2026-Q1", "2026-03", "2026-H1", "2026-06", "2026", "2026-Q3", "2025") if selects(half, label)] == [
        "2026-Q1", "2026-03", "2026-H1", "2026-06",
    ]
    assert half.label == "2026-H1"


def test_a_period_reaching_beyond_the_selection_straddles_it():
    quarter = PeriodSelection.parse(period="2026-Q2")
    assert quarter.straddles(Period.parse("2026")) and quarter.straddles(Period.parse("2026-H1"))
    assert not quarter.straddles(Period.parse("2026-Q3")) and not quarter.straddles(Period.parse("2026-05"))


def test_from_and_to_run_from_the_start_of_one_period_to_the_end_of_another():
    selection = PeriodSelection.parse(start="2026-Q2", end="2026-11")
    assert selection.label == "2026-Q2 to 2026-11"
    assert selects(selection, "2026-04") and selects(selection, "2026-Q3") and selects(selection, "2026-11")
    assert not selects(selection, "2026-Q4") and not selects(selection, "2026-03")


def test_either_end_may_be_open_and_no_selection_takes_every_period():
    assert selects(PeriodSelection.parse(start="2026"), "2030-Q1") and not selects(PeriodSelection.parse(start="2026"), "2025-12")
    assert selects(PeriodSelection.parse(end="2025"), "1999") and not selects(PeriodSelection.parse(end="2025"), "2026-01")
    everything = PeriodSelection.parse()
    assert selects(everything, "2026") and not everything.straddles(Period.parse("2026"))
    assert everything.label == "all recorded periods"


@pytest.mark.parametrize(("kwargs", "complaint"), [
    ({"period": "2026", "start": "2026-Q1"}, "give either --period or --from/--to, not both"),
    ({"start": "2026-Q3", "end": "2026-Q2"}, "--from 2026-Q3 comes after --to 2026-Q2"),
    ({"period": "2026-Q5"}, "period '2026-Q5' is not like"),
])
def test_a_selection_that_makes_no_sense_is_refused(kwargs, complaint):
    with pytest.raises(InvalidInput, match=re.escape(complaint)):
        PeriodSelection.parse(**kwargs)


@given(st.integers(min_value=0, max_value=9999), st.sampled_from(["", "-H1", "-H2", "-Q1", "-Q2", "-Q3", "-Q4", *(f"-{m:02}" for m in range(1, 13))]))
def test_a_period_is_known_again_by_its_months(year, part):
    period = Period.parse(f"{year:04}{part}")
    assert Period.of_months(period.first_month, period.last_month) == period
