"""Our attractiveness to each client, by its own criteria (or the survey's proxy): for the matrix,
client show and the review. Plain data out, nothing written."""

from decimal import Decimal
from typing import Any

from kamledger.domain import business_time as bt
from kamledger.domain.attractiveness import moved, normalised, our_attractiveness_by_criteria, weighted_mean_x10
from kamledger.domain.matrix import our_side
from kamledger.domain.standing import Standing, plain_data


def attractiveness_of(standing: Standing) -> dict[str, Any]:
    """The client's criteria (weights as given and normalised), our attractiveness and its source,
    and our ratings over time by business date, each with what moved since the one before."""
    rating = standing.rating
    by_criteria = rating and our_attractiveness_by_criteria(
        standing.criteria, rating.ratings, rating.source, rating.occurred_on.isoformat())
    value, source = our_side(standing)
    return {
        "criteria": [
            {"criterion": name, "weight": str(weight), "share": str(share.quantize(Decimal("0.0001")))}
            for name, weight in (standing.criteria or {}).items()
            for share in [normalised(standing.criteria)[name]]
        ],
        "our_attractiveness": plain_data(value),
        "our_source": plain_data(source),
        "unrated_criteria": list(by_criteria.unrated) if by_criteria else [],
        "ratings": ratings_over_time(standing),
    }


def ratings_over_time(standing: Standing) -> list[dict[str, Any]]:
    """Every rating by business date (later recorded last on one date), each weighed by the
    criteria in force on its date, with each criterion's move since the rating before."""
    rows: list[dict[str, Any]] = []
    before: dict[str, int] | None = None
    for mark in standing.marks.get(bt.RATING, []):
        criteria = {name: Decimal(w) for name, w in (standing.said_on(bt.CRITERIA, mark.on) or {}).items()}
        ratings = dict(mark.says["ratings"])
        value = weighted_mean_x10(ratings, criteria)
        rows.append({
            "occurred_on": mark.on.isoformat(), "source": mark.says["source"], "ratings": ratings,
            "our_attractiveness": plain_data(value), "moved": moved(before, ratings),
        })
        before = ratings
    return rows
