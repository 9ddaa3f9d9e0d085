"""CSV cells that a spreadsheet would run are neutralised, and come back as the text they were."""

from hypothesis import given
from hypothesis import strategies as st

from kamledger.domain.spreadsheet import guarded, unguarded


def test_a_formula_in_a_person_s_text_is_neutralised_with_a_quote():
    assert guarded('=HYPERLINK("http://evil.example","click")') == '\'=HYPERLINK("http://evil.example","click")'
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert guarded(f"{start}cmd|' /C calc'!A0").startswith("'" + start)


def test_ordinary_text_and_plain_numbers_are_written_as_they_are():
    for text in ("Acme GmbH", "ana", "-500", "+12.5", "-0.75", "it's fine", "'quoted'", ""):
        assert guarded(text) == text


def test_a_text_that_already_starts_with_a_quote_before_a_formula_gets_one_more():
    assert guarded("'=1+1") == "''=1+1"
    assert unguarded("''=1+1") == "'=1+1"


def test_a_quote_kamledger_did_not_add_is_kept():
    assert unguarded("'tis the season") == "'tis the season"
    assert unguarded("'-500") == "'-500"


@given(st.text())
def test_every_text_comes_back_from_its_cell(text):
    assert unguarded(guarded(text)) == text


@given(st.text())
def test_no_guarded_cell_starts_a_formula(text):
    cell = guarded(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or cell.lstrip("+-").replace(".", "", 1).isdigit()
