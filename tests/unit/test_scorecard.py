"""The attractiveness scorecard: bands, answers and the questionnaire."""

import pytest

from kamledger.domain.errors import InvalidInput
from kamledger.domain.scorecard import MAX_TOTAL, Band, Questionnaire, band_for, band_ranges, checked_answers, parse_answers

TWELVE_QUESTIONS = tuple(f"Question {n}?" for n in range(1, 13))


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (120, Band.IDEAL),
        (100, Band.IDEAL),
        (99, Band.WORKABLE),
        (80, Band.WORKABLE),
        (79, Band.AT_RISK),
        (60, Band.AT_RISK),
        (59, Band.DECLINE),
        (12, Band.DECLINE),
    ],
)
def test_a_total_falls_in_the_band_its_range_names(total, band):
    assert band_for(total) is band


def test_bands_rank_from_decline_up_to_ideal():
    assert [b.rank for b in (Band.DECLINE, Band.AT_RISK, Band.WORKABLE, Band.IDEAL)] == [0, 1, 2, 3]


def test_twelve_answers_from_1_to_10_are_accepted_as_given():
    answers = [1, 10, 5, 6, 7, 8, 9, 2, 3, 4, 10, 1]
    assert checked_answers(answers) == tuple(answers)


@pytest.mark.parametrize("count", [0, 11, 13])
def test_a_scorecard_needs_exactly_12_answers(count):
    with pytest.raises(InvalidInput, match=f"needs 12 answers, got {count}"):
        checked_answers([5] * count)


@pytest.mark.parametrize("bad", [0, 11, -1])
def test_an_answer_outside_1_to_10_is_refused_and_named_by_its_position(bad):
    answers = [5] * 12
    answers[3] = bad
    with pytest.raises(InvalidInput, match=f"answer 4 must be from 1 to 10, got {bad}"):
        checked_answers(answers)


@pytest.mark.parametrize("bad", [True, False, 5.0, "5", None])
def test_an_answer_that_is_not_a_whole_number_is_refused(bad):
    answers = [5] * 12
    answers[0] = bad
    with pytest.raises(InvalidInput, match="answer 1 must be a whole number"):
        checked_answers(answers)


def test_typed_answers_may_have_spaces_around_the_commas():
    assert parse_answers(" 9, 8 ,7,6,5,4,3,2,1,10,9 ,8 ") == (9, 8, 7, 6, 5, 4, 3, 2, 1, 10, 9, 8)


@pytest.mark.parametrize(
    "text", ["", "9,9,9", "9,9,9,9,9,9,9,9,9,9,9,9,9", "9;9;9;9;9;9;9;9;9;9;9;9",
             "9.5,9,9,9,9,9,9,9,9,9,9,9", "a,9,9,9,9,9,9,9,9,9,9,9", "9,,9,9,9,9,9,9,9,9,9,9"],
)
def test_typed_answers_that_are_not_12_whole_numbers_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_answers(text)


def test_typed_answers_out_of_range_are_refused():
    with pytest.raises(InvalidInput, match="answer 12 must be from 1 to 10, got 11"):
        parse_answers("9,9,9,9,9,9,9,9,9,9,9,11")


def test_a_questionnaire_has_a_version_and_12_questions():
    questionnaire = Questionnaire("v2", TWELVE_QUESTIONS)
    assert (questionnaire.version, len(questionnaire.questions)) == ("v2", 12)


@pytest.mark.parametrize("count", [11, 13])
def test_a_questionnaire_without_exactly_12_questions_is_refused(count):
    with pytest.raises(InvalidInput, match=f"not {count}"):
        Questionnaire("v2", TWELVE_QUESTIONS[:1] * count)


@pytest.mark.parametrize("version", ["", "   "])
def test_a_questionnaire_without_a_version_is_refused(version):
    with pytest.raises(InvalidInput, match="needs a version"):
        Questionnaire(version, TWELVE_QUESTIONS)


@pytest.mark.parametrize("data", [{"questions": list(TWELVE_QUESTIONS)}, {"version": "v2"}])
def test_a_questionnaire_file_lacking_a_part_is_refused(data):
    with pytest.raises(InvalidInput, match="questionnaire lacks"):
        Questionnaire.from_dict(data)


def test_the_shipped_questionnaire_is_v1_with_12_questions():
    from kamledger.service.infrastructure.config import load_questionnaire

    shipped = load_questionnaire()
    assert shipped.version == "v1" and len(shipped.questions) == 12


def test_the_bands_cover_every_total_from_zero_to_the_maximum_without_a_gap():
    ranges = band_ranges()
    assert [band for band, _, _ in ranges] == [Band.DECLINE, Band.AT_RISK, Band.WORKABLE, Band.IDEAL]
    assert ranges[0][1] == 0 and ranges[-1][2] == MAX_TOTAL
    assert all(high == next_low for (_, _, high), (_, next_low, _) in zip(ranges, ranges[1:]))
    assert all(band_for(low) is band and band_for(high - 1) is band for band, low, high in ranges)
