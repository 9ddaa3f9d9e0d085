"""The client-attractiveness scorecard: 12 questions, each answered 1-10, total max 120."""

from dataclasses import dataclass
from enum import Enum
from typing import Any

from kamledger.domain.errors import InvalidInput

QUESTION_COUNT = 12
LOWEST_ANSWER = 1
HIGHEST_ANSWER = 10
MAX_TOTAL = QUESTION_COUNT * HIGHEST_ANSWER


class Band(str, Enum):
    IDEAL = "ideal"
    WORKABLE = "workable"
    AT_RISK = "at-risk"
    DECLINE = "decline"

    @property
    def rank(self) -> int:
        """Higher is better: decline 0 ... ideal 3."""
        return _RANKS[self]


BAND_FLOORS = ((Band.IDEAL, 100), (Band.WORKABLE, 80), (Band.AT_RISK, 60), (Band.DECLINE, 0))  # the lowest total of each


_RANKS = {band: rank for rank, band in enumerate(reversed(Band))}


def band_for(total: int) -> Band:
    """>=100 ideal, 80-99 workable, 60-79 at risk, <60 decline."""
    for band, floor in BAND_FLOORS:
        if total >= floor:
            return band
    return Band.DECLINE


def band_ranges() -> tuple[tuple[Band, int, int], ...]:
    """Each band with its lowest total and the next band's (MAX_TOTAL for ideal), decline first."""
    ceilings = (MAX_TOTAL, *(floor for _, floor in BAND_FLOORS[:-1]))
    return tuple(reversed([(band, floor, ceiling) for (band, floor), ceiling in zip(BAND_FLOORS, ceilings)]))


@dataclass(frozen=True)
class Questionnaire:
    """The business's own wording of the 12 questions, under a version name."""

    version: str
    questions: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.version.strip():
            raise InvalidInput("a questionnaire needs a version")
        if len(self.questions) != QUESTION_COUNT:
            raise InvalidInput(
                f"a questionnaire has {QUESTION_COUNT} questions, "
                f"not {len(self.questions)}"
            )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Questionnaire":
        try:
            return cls(str(data["version"]), tuple(str(q) for q in data["questions"]))
        except (KeyError, TypeError) as missing:
            raise InvalidInput(f"questionnaire lacks {missing}") from None


def checked_answers(answers: list[int] | tuple[int, ...]) -> tuple[int, ...]:
    """The answers as given, once each is known to be a whole number from 1 to 10."""
    if len(answers) != QUESTION_COUNT:
        raise InvalidInput(
            f"a scorecard needs {QUESTION_COUNT} answers, got {len(answers)}"
        )
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise InvalidInput(f"answer {number} must be a whole number, got {answer!r}")
        if not LOWEST_ANSWER <= answer <= HIGHEST_ANSWER:
            raise InvalidInput(
                f"answer {number} must be from {LOWEST_ANSWER} to {HIGHEST_ANSWER}, "
                f"got {answer}"
            )
    return tuple(answers)


def parse_answers(text: str) -> tuple[int, ...]:
    """Answers typed as '9,8,7,...'."""
    parts = [part.strip() for part in text.split(",")]
    try:
        numbers = [int(part) for part in parts]
    except ValueError:
        raise InvalidInput(
            f"answers must be {QUESTION_COUNT} whole numbers separated by commas"
        ) from None
    return checked_answers(numbers)
