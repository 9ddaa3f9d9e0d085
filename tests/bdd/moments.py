"""Points of view in time, as an auditor says them, and the kam options that take them.

  as recorded at "the Q2 review"                       --as-of <the instant noted as "the Q2 review">
  as recorded by the end of 2026-01-31                 --as-of 2026-01-31
  effective 2026-03-31                                 --effective 2026-03-31
  as recorded at "the Q2 review" and effective 2026-03-31   both
"""

import re
import time
from datetime import UTC, datetime

from pytest_bdd import parsers

from .portfolio import step_text

VIEW = r'(?P<view>as recorded (?:at "[^"]+"|by the end of \S+)(?: and effective \S+)?|effective \S+)'
_VIEW_PARTS = re.compile(r'(?:as recorded (?:at "(?P<moment>[^"]+)"|by the end of (?P<day>\S+)))?(?: and )?(?:effective (?P<effective>\S+))?')


def view_step(text: str) -> parsers.re:
    """A step pattern like step_text's, where {view} stands for a point of view in time."""
    pattern = step_text(text).regex.pattern
    return parsers.re(pattern.replace(r'(?P<view>[^"\s]+)', VIEW))


def view_args(view: str, moments: dict[str, str]) -> list[str]:
    """--as-of and --effective for a point of view."""
    parts = _VIEW_PARTS.fullmatch(view)
    assert parts, f"not a point of view in time: {view!r}"
    args = []
    if parts["moment"]:
        assert parts["moment"] in moments, f"no time was noted as {parts['moment']!r}"
        args += ["--as-of", moments[parts["moment"]]]
    if parts["day"]:
        args += ["--as-of", parts["day"]]
    if parts["effective"]:
        args += ["--effective", parts["effective"]]
    return args


def an_instant() -> str:
    """A real instant between two entries, clear of both (recording time is the clock's), as
    --as-of takes it."""
    time.sleep(0.015)
    instant = datetime.now(UTC)
    time.sleep(0.015)
    return instant.isoformat()
