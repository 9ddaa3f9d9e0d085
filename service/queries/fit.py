"""How well a client fits the ideal-client profile ($KAM_IDEAL_PROFILE, else the shipped v1):
condition by condition for one client, met / total across the standings. Plain data out."""

from decimal import Decimal
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
        standing = ledger._get(key).standing
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


def ideal_fits(rows: list[dict[str, Any]], profile: IdealProfile | None = None) -> dict[str, str]:
    """Each standings row's fit to the profile, 'met/total', from its columns."""
    profile = profile or load_ideal_profile()
    return {row["key"]: "{}/{}".format(*profile.met(facts_of_row(row))) for row in rows}


def facts_of_row(row: dict[str, Any]) -> ClientFacts:
    """What the profile reads of a client, from its kam_standings row."""
    return ClientFacts(
        band=None if row["score_band"] is None else Band(row["score_band"]),
        profit_per_hour=_amount(row.get("profit_per_hour")),
        pyramid_level=PyramidLevel(row["pyramid_level"]),
        high_dimensions=frozenset(d for d in row["high_dimensions"].split(",") if d),
        burdens=frozenset(b for b in row["burdens"].split(",") if b),
        open_problems=row.get("open_problems") or 0,
        our_attractiveness=_amount(row.get("our_attractiveness")),
    )


def _amount(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
