"""The ideal-client profile: what a client we would most like to have looks like, as data (TOML),
in the tier policy's vocabulary. ``fit`` says, condition by condition, which hold for a client.

Conditions (each optional, at least one):
    band_at_least = "workable"              the latest scorecard band
    profit_per_hour_at_least = "200"        profit per hour of work (a client without hours: unknown)
    pyramid_at_least = "cooperation"        the cooperation pyramid
    dimension_high = ["strategic", ...]     any of these value dimensions noted high
    no_open_burden = true                   no burden signal open
    no_open_problem = true                  no problem open
    our_attractiveness_at_least = 70        how the client rates us by its criteria (else its survey), 0-100
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal, InvalidOperation
from typing import Any

from kamledger.domain.effort import profit_per_hour
from kamledger.domain.errors import InvalidInput
from kamledger.domain.matrix import our_side
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.scorecard import Band
from kamledger.domain.standing import Standing
from kamledger.domain.value import Level, ValueDimension

CONDITIONS = ("band_at_least", "profit_per_hour_at_least", "pyramid_at_least", "dimension_high", "no_open_burden",
              "no_open_problem", "our_attractiveness_at_least")


@dataclass(frozen=True)
class ClientFacts:
    """What the profile reads of one client, as plain values."""

    band: Band | None
    profit_per_hour: Decimal | None
    pyramid_level: PyramidLevel
    high_dimensions: frozenset[str]
    burdens: frozenset[str]
    open_problems: int
    our_attractiveness: Decimal | None

    @classmethod
    def of(cls, s: Standing) -> "ClientFacts":
        """What the profile reads of a client, from where it stands."""
        ours, _ = our_side(s)
        return cls(
            band=s.score.band if s.score else None, profit_per_hour=profit_per_hour(s.profit, s.hours),
            pyramid_level=s.pyramid_level,
            high_dimensions=frozenset(d.value for d, note in s.dimensions.items() if note.level is Level.HIGH),
            burdens=frozenset(b.value for b in s.burdens), open_problems=len(s.open_problems), our_attractiveness=ours,
        )


@dataclass(frozen=True)
class FitCheck:
    condition: str
    wanted: str
    seen: str
    holds: bool


@dataclass(frozen=True)
class IdealProfile:
    version: str
    description: str
    conditions: Mapping[str, Any]

    def fit(self, client: ClientFacts) -> list[FitCheck]:
        """Each condition of the profile, in order, with what it wants, what it saw and whether it holds."""
        return [_check(name, wanted, client) for name, wanted in self.conditions.items()]

    def met(self, client: ClientFacts) -> tuple[int, int]:
        """How many conditions hold, of how many (without saying what was seen: every client is asked)."""
        return sum(test(client) for test in self._tests), len(self._tests)

    @cached_property
    def _tests(self) -> tuple[Callable[[ClientFacts], bool], ...]:
        return tuple(_test(name, wanted) for name, wanted in self.conditions.items())


def _test(name: str, wanted: Any) -> Callable[[ClientFacts], bool]:
    """The condition as a plain test, its argument prepared once (what _check decides, cheaply)."""
    if name == "band_at_least":
        rank = Band(wanted).rank
        return lambda c: c.band is not None and c.band.rank >= rank
    if name == "profit_per_hour_at_least":
        least = Decimal(wanted)
        return lambda c: c.profit_per_hour is not None and c.profit_per_hour >= least
    if name == "pyramid_at_least":
        height = PyramidLevel(wanted).height
        return lambda c: c.pyramid_level.height >= height
    if name == "dimension_high":
        dimensions = frozenset(wanted)
        return lambda c: bool(c.high_dimensions & dimensions)
    if name == "no_open_burden":
        return lambda c: not c.burdens
    if name == "no_open_problem":
        return lambda c: not c.open_problems
    least_ours = Decimal(str(wanted))
    return lambda c: c.our_attractiveness is not None and c.our_attractiveness >= least_ours


def _check(name: str, wanted: Any, c: ClientFacts) -> FitCheck:
    if name == "band_at_least":
        band = Band(wanted)
        return FitCheck(name, f"{band.value} or better", c.band.value if c.band else "not scored",
                        c.band is not None and c.band.rank >= band.rank)
    if name == "profit_per_hour_at_least":
        return FitCheck(name, f"{wanted} or more", "no hours recorded" if c.profit_per_hour is None else str(c.profit_per_hour),
                        c.profit_per_hour is not None and c.profit_per_hour >= Decimal(wanted))
    if name == "pyramid_at_least":
        level = PyramidLevel(wanted)
        return FitCheck(name, f"{level.value} or higher", c.pyramid_level.value, c.pyramid_level.height >= level.height)
    if name == "dimension_high":
        high = sorted(c.high_dimensions & set(wanted))
        return FitCheck(name, "high " + " or ".join(wanted), ", ".join(sorted(c.high_dimensions)) or "none high", bool(high))
    if name == "no_open_burden":
        return FitCheck(name, "none open", ", ".join(sorted(c.burdens)) or "none open", not c.burdens)
    if name == "no_open_problem":
        return FitCheck(name, "none open", f"{c.open_problems} open" if c.open_problems else "none open", not c.open_problems)
    # our_attractiveness_at_least
    return FitCheck(name, f"{wanted} or more", "not rated, no survey" if c.our_attractiveness is None else str(c.our_attractiveness),
                    c.our_attractiveness is not None and c.our_attractiveness >= Decimal(str(wanted)))


def profile_from_dict(data: Mapping[str, Any]) -> IdealProfile:
    """The profile in a parsed TOML document, refusing what fit would not understand."""
    version = str(data.get("version", "")).strip()
    if not version:
        raise InvalidInput("the ideal-client profile has no version")
    conditions = data.get("conditions")
    if not isinstance(conditions, Mapping) or not conditions:
        raise InvalidInput(f"ideal-client profile {version} has no [conditions]")
    checked = {name: _checked(version, name, value) for name, value in conditions.items()}
    return IdealProfile(version, str(data.get("description", "")), checked)


def _checked(version: str, name: str, value: Any) -> Any:
    where = f"ideal-client profile {version}: {name}"
    try:
        if name == "band_at_least":
            return Band(value).value
        if name == "pyramid_at_least":
            return PyramidLevel(value).value
        if name == "dimension_high":
            if not isinstance(value, list) or not value:
                raise ValueError
            return [ValueDimension(d).value for d in value]
        if name in ("no_open_burden", "no_open_problem"):
            if value is not True:
                raise ValueError
            return True
        if name in ("profit_per_hour_at_least", "our_attractiveness_at_least"):
            if isinstance(value, bool):
                raise ValueError
            amount = Decimal(str(value))
            if not amount.is_finite() or (name == "our_attractiveness_at_least" and not 0 <= amount <= 100):
                raise ValueError
            return str(amount)
    except (ValueError, InvalidOperation):
        raise InvalidInput(f"{where} cannot be {value!r}") from None
    raise InvalidInput(f"ideal-client profile {version}: unknown condition '{name}' (one of: {', '.join(CONDITIONS)})")
