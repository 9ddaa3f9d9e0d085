"""How values the JSON transcoder does not know are stored in events."""

from datetime import date

from eventsourcing.persistence import Transcoding

from kamledger.domain.standing import Standing


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class StandingAsDict(Transcoding):
    """A relationship's Standing inside a snapshot."""

    type = Standing
    name = "standing"

    def encode(self, obj: Standing) -> dict:
        return obj.to_dict()

    def decode(self, data: dict) -> Standing:
        return Standing.from_dict(data)
