"""The pipeline: prospects, former clients to win back, and the funnel that tells whether the
scorecard predicts who is worth it. Read from kam_pipeline (projections/pipeline.py), plain data out.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from kamledger.domain.errors import ClientNotFound, InvalidInput, RuleViolation
from kamledger.domain.pareto import share_text
from kamledger.domain.funnel import FunnelEntry, funnel_of
from kamledger.domain.prospects import Choice, Stage, Status, recommendation_for
from kamledger.domain.scorecard import Band, band_for
from kamledger.domain.standing import plain_data
from kamledger.service.queries.fit import ideal_fits
from kamledger.service.commands.entry import parse_date
from kamledger.service.queries.moments import Moment

_STATUS_ORDER = {status.value: n for n, status in enumerate(Status)}
PROSPECT_FIELDS = (
    "key", "name", "owner", "status", "score_total", "band", "recommendation", "choice", "against_scorecard",
    "chance", "chance_given", "estimated_profit", "expected_profit", "key_prospect", "source", "added_on",
    "decided_on", "outcome_on",
)


class Pipeline:
    def __init__(self, ledger: Any):
        self.ledger = ledger

    def prospects(self) -> list[dict[str, Any]]:
        """Every prospect, open or ended: open first, key prospects and the highest expected profit
        first; whether its decision or its win went against the scorecard."""
        rows = [row for row in self._rows() if row["status"] is not None]
        rows.sort(key=lambda r: (_STATUS_ORDER[r["status"]], not r["key_prospect"], _minus(r["expected_profit"]), r["key"]))
        keys = {row["key"] for row in rows}
        fits = ideal_fits([row for row in self.ledger.read_models.standings(True) if row["key"] in keys])  # the ideal-client profile
        return [plain_data({**{name: row[name] for name in PROSPECT_FIELDS}, "ideal_fit": fits.get(row["key"])}) for row in rows]

    def former(self) -> list[dict[str, Any]]:
        """Former clients to win back: their last tier, score, profit, when and why they left."""
        rows = [row for row in self._rows() if row["stage"] == Stage.FORMER.value]
        reasons = self._last_reasons("ClientLost", {row["key"] for row in rows})
        items = [{
            "key": row["key"], "name": row["name"], "owner": row["owner"], "last_tier": row["last_tier"],
            "score_total": row["score_total"], "band": row["band"], "profit": row["profit"],
            "left_on": row["left_on"], "reason": reasons.get(row["key"]),
        } for row in rows]
        items.sort(key=lambda r: (_minus(r["profit"]), r["key"]))
        return plain_data(items)

    def funnel(self, start: str | None = None, end: str | None = None) -> dict[str, Any]:
        """The prospects added in the period (every one without --from/--to): how many were scored,
        pursued, declined, won and lost, and the win rate per score band."""
        first, last = (parse_date(text, option) if text else None for text, option in ((start, "--from"), (end, "--to")))
        if first and last and first > last:
            raise InvalidInput(f"--from {first} comes after --to {last}")
        entries = [
            FunnelEntry(Status(row["status"]), row["choice"] and Choice(row["choice"]), row["band"] and Band(row["band"]),
                        row["against_scorecard"])
            for row in self._rows()
            if row["status"] is not None and (first is None or row["added_on"] >= first) and (last is None or row["added_on"] <= last)
        ]
        found = funnel_of(entries)
        return {
            "from": plain_data(first), "to": plain_data(last), "prospects": found.prospects, "scored": found.scored,
            "pursued": found.pursued, "declined": found.declined, "won": found.won, "lost": found.lost,
            "against_scorecard": found.against, "win_rate": share_text(found.win_rate),
            "bands": [{"band": b.band, "prospects": b.prospects, "pursued": b.pursued, "won": b.won, "lost": b.lost,
                       "win_rate": share_text(b.win_rate)} for b in found.bands],
        }

    def advice(self, key: str) -> dict[str, Any] | None:
        """What the scorecard says of a prospect now: its band and the recommendation (None for a
        client)."""
        standing = self.ledger.client_standing(key)
        if standing.stage is not Stage.PROSPECT or standing.score is None:
            return None
        band = band_for(standing.score.total)
        return {"band": band.value, "recommendation": recommendation_for(band).value}  # type: ignore[union-attr]

    def _rows(self) -> list[dict[str, Any]]:
        return self.ledger.read_models.pipeline()

    def _last_reasons(self, kind: str, keys: set[str]) -> dict[str, str]:
        """The reason of the latest event of that kind (by business date) of each of the keys."""
        found: dict[str, tuple[date, int, str]] = {}
        for row in self.ledger.read_models.events_of(kind) if keys else ():
            key = row["client_key"]
            if key in keys and (key not in found or (row["occurred_on"], row["version"]) >= found[key][:2]):
                found[key] = (row["occurred_on"], row["version"], row["fields"].get("reason"))
        return {key: reason for key, (_, _, reason) in found.items()}


def check_in_portfolio(ledger: Any, key: str, moment: Moment) -> None:
    """A prospect or a former client has no tier to explain (kam why): refused with where it is."""
    standing = ledger.read_models.standing(key)
    if standing is None:
        raise ClientNotFound(key)
    day = moment.effective or date.max
    if moment.as_of is None and not standing.in_portfolio_on(day):
        stage = standing.stage_on(day)
        where = "" if moment.is_now else f" on {moment.effective}"
        raise RuleViolation(f"'{key}' is a {'former client' if stage is Stage.FORMER else stage.value}{where}: it has no tier (see kam pipeline)")


def _minus(amount: Any) -> Decimal:
    return -Decimal(amount) if amount is not None else Decimal("Infinity")
