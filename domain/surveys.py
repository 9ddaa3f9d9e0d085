"""Satisfaction surveys: how attractive we are to the client, in their own words."""

from calendar import monthrange
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from kamledger.domain.errors import InvalidInput
from kamledger.domain.tiers import Tier


class SurveyChannel(str, Enum):
    """How the client answered; surveys recorded before channels were kept say 'unknown'."""

    EMAIL = "email"
    PHONE = "phone"
    MEETING = "meeting"
    WEB = "web"
    UNKNOWN = "unknown"


def checked_satisfaction(value: int) -> int:
    return _checked_whole_number("satisfaction", value, 1, 10)


def checked_nps(value: int) -> int:
    """The 'how likely are you to recommend us' answer, 0-10."""
    return _checked_whole_number("NPS answer", value, 0, 10)


def nps_category(answer: int) -> str:
    """Promoters answer 9-10, passives 7-8, detractors 0-6."""
    if answer >= 9:
        return "promoter"
    if answer >= 7:
        return "passive"
    return "detractor"


class Interval(str, Enum):
    """How survey answers are grouped over time; labels are written like value periods."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    def label(self, day: date) -> str:
        if self is Interval.MONTH:
            return f"{day.year}-{day.month:02d}"
        if self is Interval.QUARTER:
            return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        return str(day.year)


def _checked_whole_number(what: str, value: int, lowest: int, highest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{what} must be a whole number, got {value!r}")
    if not lowest <= value <= highest:
        raise InvalidInput(f"{what} must be from {lowest} to {highest}, got {value}")
    return value


@dataclass(frozen=True)
class SurveyTally:
    """Survey answers counted: NPS = % promoters (9-10) minus % detractors (0-6), -100 to +100."""

    responses: int
    promoters: int
    passives: int
    detractors: int
    mean_satisfaction: Decimal | None
    nps: int | None

    @classmethod
    def of(cls, answers: Iterable[tuple[int, int]]) -> "SurveyTally":
        """Tally (satisfaction, NPS answer) pairs."""
        return cls.counted(Counter(answers))

    @classmethod
    def counted(cls, answers: Mapping[tuple[int, int], int]) -> "SurveyTally":
        """Tally (satisfaction, NPS answer) pairs, each with how many times it was given."""
        responses = sum(answers.values())
        if not responses:
            return cls(0, 0, 0, 0, None, None)
        kinds: Counter[str] = Counter()
        for (_, answer), times in answers.items():
            kinds[nps_category(answer)] += times
        promoters, passives, detractors = (kinds[kind] for kind in ("promoter", "passive", "detractor"))
        satisfaction = sum(s * times for (s, _), times in answers.items())
        mean = (Decimal(satisfaction) / responses).quantize(Decimal("0.1"), ROUND_HALF_UP)
        nps = (Decimal(100 * (promoters - detractors)) / responses).to_integral_value(ROUND_HALF_UP)
        return cls(responses, promoters, passives, detractors, mean, int(nps))


@dataclass(frozen=True)
class SurveyCadence:
    """How often key clients are surveyed: gold every 6 months and silver every 12, unless chosen."""

    gold_months: int = 6
    silver_months: int = 12

    def months_for(self, tier: str) -> int | None:
        """The months between surveys for a tier; None for tiers that are not surveyed on a cadence."""
        return {Tier.GOLD.value: self.gold_months, Tier.SILVER.value: self.silver_months}.get(tier)

    def due_on(self, tier: str, last_survey: date | None) -> date | None:
        """When the next survey is due; None when never surveyed (due now) or not on a cadence."""
        months = self.months_for(tier)
        return None if months is None or last_survey is None else add_months(last_survey, months)

    def is_due(self, tier: str, last_survey: date | None, on: date, within_days: int = 0) -> bool:
        """Due on that day, or within the days after it; a key client never surveyed is always due."""
        if self.months_for(tier) is None:
            return False
        due = self.due_on(tier, last_survey)
        return due is None or due <= on + timedelta(days=within_days)


def add_months(day: date, months: int) -> date:
    """The same day so many months later (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


class FeedbackKind(str, Enum):
    """What a client said outside a survey."""

    COMPLAINT = "complaint"
    WISH = "wish"
    PRAISE = "praise"


UNHAPPY_SATISFACTION = 6  # a latest satisfaction at or below this is unhappy
SATISFACTION_FALL = 2  # a fall of this much or more since the survey before is a warning


def unhappy_reasons(
    surveys: Sequence[tuple[date, int, int]], open_complaints: int, tier: str, cadence: "SurveyCadence", on: date,
) -> list[str]:
    """Why a client may be unhappy (the method: look actively for the dissatisfied): its surveys
    (business date, satisfaction, NPS answer) in business-date order up to `on`."""
    reasons = []
    if surveys:
        day, satisfaction, nps = surveys[-1]
        if satisfaction <= UNHAPPY_SATISFACTION:
            reasons.append(f"latest satisfaction {satisfaction}/10 ({day})")
        if nps_category(nps) == "detractor":
            reasons.append(f"latest NPS answer {nps}: a detractor ({day})")
        if len(surveys) > 1 and surveys[-2][1] - satisfaction >= SATISFACTION_FALL:
            reasons.append(f"satisfaction fell from {surveys[-2][1]} to {satisfaction} ({surveys[-2][0]} -> {day})")
    if open_complaints:
        reasons.append(f"{open_complaints} open complaint{'s' if open_complaints > 1 else ''}")
    if cadence.is_due(tier, surveys[-1][0] if surveys else None, on):
        reasons.append("no survey within its cadence" if surveys else "never surveyed")
    return reasons
