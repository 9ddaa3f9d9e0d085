"""Satisfaction surveys: how attractive we are to the client, in their own words."""

from enum import Enum

from kamledger.domain.errors import InvalidInput


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


def _checked_whole_number(what: str, value: int, lowest: int, highest: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{what} must be a whole number, got {value!r}")
    if not lowest <= value <= highest:
        raise InvalidInput(f"{what} must be from {lowest} to {highest}, got {value}")
    return value
