"""The pipeline read model (kam_pipeline): one row per relationship that was ever a prospect or has
left the portfolio, written with its standing, so `kam pipeline` and the funnel read plain columns
rather than every client's standing."""

from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, update

from kamledger.domain import business_time as bt
from kamledger.domain.prospects import Status, chance_from_answers, expected_profit, is_key_prospect, recommendation_for
from kamledger.domain.scorecard import band_for
from kamledger.domain.standing import Standing
from kamledger.domain.value import Level
from kamledger.projections.tables import insert_rows, pipeline

PIPELINE_COLUMNS = [c.name for c in pipeline.c if c.name != "client_id"]


def in_pipeline(standing: Standing) -> bool:
    return standing.prospect is not None or standing.departure is not None


def pipeline_row(client_id: str, s: Standing) -> dict[str, Any]:
    """What the pipeline shows of a relationship: its prospect record, its score and band (at the
    win or loss, for those that ended: what the scorecard said then), the recommendation, the chance
    (as given, else the scorecard's question 5) and whether it is a key prospect."""
    record = s.prospect
    ended = record is not None and record.outcome in (Status.WON, Status.LOST)
    total = s.said_on(bt.SCORE, record.outcome_on) if ended else (s.score.total if s.score else None)  # type: ignore[union-attr]
    band = None if total is None else band_for(total)  # what the scorecard said at the win or loss, else now
    scored_on = _score_day(s, record.outcome_on if ended else None)  # type: ignore[union-attr]
    given = record.chance if record else None
    chance = given if given is not None else (chance_from_answers(s.score.answers) if s.score else None)
    estimated = record.estimated_profit if record else None
    high = [d for d, note in s.dimensions.items() if note.level is Level.HIGH]
    profit = s.profit
    return {
        "client_id": client_id, "key": s.key, "name": s.name, "owner": s.owner, "stage": s.stage.value,
        "status": record and record.status.value, "source": record and record.source,
        "added_on": record and record.added_on, "scored_on": scored_on, "score_total": total,
        "band": band and band.value, "recommendation": _value(recommendation_for(band)),
        "choice": record and _value(record.choice), "decided_on": record and record.decided_on,
        "against_scorecard": bool(record and record.against_scorecard(s.band_on)), "outcome_on": record and record.outcome_on,
        "chance": chance, "chance_given": given is not None,
        "estimated_profit": None if estimated is None else str(estimated),
        "expected_profit": _text(expected_profit(chance, estimated)),
        "key_prospect": record is not None and record.outcome is None and is_key_prospect(chance, band, high),
        "left_on": s.departure and s.departure.left_on, "back_on": s.departure and s.departure.back_on,
        "last_tier": s.tier.tier.value, "profit": _text(profit),
    }


def write_last_tiers(connection: Connection, tiers: dict[str, str]) -> None:
    """The tier of those relationships changed, nothing else: of a pipeline row (a prospect won
    keeps one) only its last tier changes."""
    statement = update(pipeline).where(pipeline.c.client_id == bindparam("b_client_id")).values(last_tier=bindparam("b_tier"))
    connection.execute(statement, [{"b_client_id": client_id, "b_tier": tier} for client_id, tier in tiers.items()])


def write_pipeline(connection: Connection, rows: list[dict[str, Any]], existing: set[str]) -> None:
    """Replace the rows of those relationships (existing: client ids that may have one already)."""
    if existing:
        connection.execute(delete(pipeline).where(pipeline.c.client_id.in_(sorted(existing))))
    if rows:
        insert_rows(connection, pipeline, rows)


def pipeline_rows(connection: Connection) -> list[dict[str, Any]]:
    columns = [c for c in pipeline.c if c.name != "client_id"]
    return [dict(row) for row in connection.execute(select(*columns).order_by(pipeline.c.key)).mappings()]


def _score_day(s: Standing, until: Any) -> Any:
    marks = s.marks.get(bt.SCORE) or []
    days = [m.on for m in marks if until is None or m.on <= until]
    return max(days, default=None)


def _value(choice: Any) -> str | None:
    return None if choice is None else choice.value


def _text(amount: Any) -> str | None:
    return None if amount is None else str(amount)
