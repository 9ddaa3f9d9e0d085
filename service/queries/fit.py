"""How well a client fits the ideal-client profile ($KAM_IDEAL_PROFILE, else the shipped v1):
condition by condition for one client, met / total across the standings. Plain data out."""

from decimal import Decimal
from functools import lru_cache
from typing import Any

from kamledger.domain.errors import ClientNotFound
from kamledger.domain.ideal_client import ClientFacts, IdealProfile
from kamledger.domain.pyramid import PyramidLevel
from kamledger.domain.scorecard import Band
from kamledger.service.infrastructure.config import load_ideal_profile
from kamledger.service.queries.moments import NOW, Moment
from kamledger.service.queries.past import client_at


def client_fit(ledger: Any, key: str, moment: Moment = NOW) -> dict[str, Any]:
    """Which conditions of the ideal-client profile hold for the client, now or at a moment (by
    business date: the client's facts dated by then, whatever order they were typed in)."""
    profile = load_ideal_profile()
    if moment.is_now:
        standing = ledger.relationship(key).standing
    else:
        standing, _ = client_at(ledger, key, moment)
        if standing is None:
            raise ClientNotFound(key, moment.describe())
    checks = profile.fit(ClientFacts.of(standing))
    return {
        "key": key, "name": standing.name, "profile": profile.version, "description": profile.description,
        "met": sum(check.holds for check in checks), "total": len(checks),
        "checks": [check.__dict__ for check in checks],
    }


_READ = ("score_band", "profit_per_hour", "pyramid_level", "high_dimensions", "burdens", "open_problems", "our_attractiveness")


def ideal_fits(rows: list[dict[str, Any]], profile: IdealProfile | None = None) -> dict[str, str]:
    """Each standings row's fit to the profile, 'met/total', from its columns (rows that read the
    same are fitted once: a large portfolio has far fewer distinct ones than clients)."""
    profile = profile or load_ideal_profile()
    fitted: dict[tuple[Any, ...], str] = {}
    fits = {}
    for row in rows:
        seen = tuple(row.get(name) for name in _READ)
        fit = fitted.get(seen)
        if fit is None:
            fit = fitted[seen] = "{}/{}".format(*profile.met(facts_of_row(row)))
        fits[row["key"]] = fit
    return fits


def facts_of_row(row: dict[str, Any]) -> ClientFacts:
    """What the profile reads of a client, from its kam_standings row."""
    return ClientFacts(
        band=_band(row["score_band"]), profit_per_hour=_amount(row.get("profit_per_hour")),
        pyramid_level=PyramidLevel(row["pyramid_level"]), high_dimensions=_names(row["high_dimensions"]),
        burdens=_names(row["burdens"]), open_problems=row.get("open_problems") or 0,
        our_attractiveness=_amount(row.get("our_attractiveness")),
    )


# The text columns take few distinct values: parse each once (every client's row is fitted).
@lru_cache(maxsize=64)
def _band(text: str | None) -> Band | None:
    return None if text is None else Band(text)


@lru_cache(maxsize=256)
def _names(text: str) -> frozenset[str]:
    return frozenset(name for name in text.split(",") if name)


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
