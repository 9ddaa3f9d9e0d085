"""The cooperation pyramid: how closely we work with a client."""

from enum import Enum

from kamledger.domain.errors import InvalidInput


class PyramidLevel(str, Enum):
    TRANSACTIONAL = "transactional"
    COOPERATION = "cooperation"
    PARTNERSHIP = "partnership"
    SYNERGY = "synergy"

    @property
    def height(self) -> int:
        return list(PyramidLevel).index(self)


STARTING_LEVEL = PyramidLevel.TRANSACTIONAL


def direction_of(move_from: PyramidLevel, move_to: PyramidLevel) -> str:
    """'up' or 'down' the pyramid."""
    return "up" if move_to.height > move_from.height else "down"


def parse_level(text: str) -> PyramidLevel:
    try:
        return PyramidLevel(text.strip().lower())
    except ValueError:
        names = ", ".join(level.value for level in PyramidLevel)
        raise InvalidInput(f"unknown pyramid level '{text}' (one of: {names})") from None
