"""A coach's portfolio, driven through the real `kam` command line in-process.

Steps say what a coach does ("scored 108 of 120"); a ``Portfolio`` turns that into kam commands,
remembers which clients exist, and takes a snapshot of the ledger before anything that may be
refused, so a step can prove that a refused command recorded nothing.
"""

import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pytest_bdd import parsers

from .commands import registration_args

BACKGROUND_DAY = "2026-01-02"

_PLACEHOLDER = re.compile(r'"\{(\w+)\}"|\{(\w+)(\*?)\}')


def step_text(text: str, dated: bool = False) -> parsers.re:
    """A step pattern: "{name}" is quoted text, {name} one word, {name*} the rest of the line,
    {who} 'the coach' or a quoted name (as by). A dated step may end 'on|dated DAY' and
    'by "NAME"'."""
    parts, position = [], 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(re.escape(text[position:match.start()]))
        quoted, word, rest = match.groups()
        if quoted:
            parts.append(f'"(?P<{quoted}>[^"]*)"')
        elif word == "who":
            parts.append(r'(?:the coach|"(?P<by>[^"]+)")')
        else:
            parts.append(f"(?P<{word}>.+)" if rest else rf'(?P<{word}>[^"\s]+)')
        position = match.end()
    parts.append(re.escape(text[position:]))
    if dated:
        parts.append(r"(?: (?:on|dated) (?P<day>\S+))?")
        if "{who}" not in text:
            parts.append(r'(?: by "(?P<by>[^"]+)")?')
    return parsers.re("".join(parts))


@dataclass(frozen=True)
class Snapshot:
    """What the ledger shows: the standings and the history of every known client."""

    standings: list[dict[str, Any]]
    histories: dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Attempt:
    """A command as the coach gave it, what kam answered, and the ledger just before."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None
    before: Snapshot | None  # taken only when the scenario compares with it

    def answer(self) -> Any:
        """What kam printed as JSON, once it was accepted."""
        assert self.exit_code == 0, f"kam {' '.join(self.args)} failed: {self.stderr}{self.stdout}"
        return json.loads(self.stdout)


class Portfolio:
    def __init__(self, kam):
        self.kam = kam
        self.known: set[str] = set()
        self.watching = True  # take a snapshot before each attempt (off when no step needs one)

    def register(self, key: str, name: str | None = None, owner: str | None = None,
                 day: str | None = None, by: str | None = None) -> None:
        self.kam.ok(*registration_args(key, name, owner, day, by))
        self.known.add(key)

    def ensure(self, key: str) -> None:
        """Register the client under its key's name, unless it already is."""
        if key not in self.known:
            self.register(key)

    def record(self, *args: str) -> str:
        """A command that must succeed (a Given). A Given that says no date tells the background of
        the story: it happened on its first business day, before anything the scenario dates."""
        if "--at" not in args and args[0] not in ("client", "policy", "tiers", "import", "export", "batch"):
            args = (*args, "--at", BACKGROUND_DAY)
        return self.kam.ok(*args)

    def attempt(self, *args: str) -> Attempt:
        """A command that may be refused (a When)."""
        before = self.snapshot() if self.watching else None
        result = self.kam(*args)
        return Attempt(tuple(args), result.exit_code, result.stdout,
                       result.stderr if result.stderr_bytes else "", result.exception, before)

    def snapshot(self) -> Snapshot:
        with shipped_questionnaire():
            return Snapshot(self.kam.json("standings"), {key: self.history(key) for key in sorted(self.known)})

    def standing(self, key: str) -> dict[str, Any]:
        rows = [row for row in self.kam.json("standings") if row["key"] == key]
        assert len(rows) == 1, f"'{key}' is not in the standings"
        return rows[0]

    def standings(self) -> list[dict[str, Any]]:
        return self.kam.json("standings")

    def history(self, key: str) -> list[dict[str, Any]]:
        return self.kam.json("history", key)

    def events(self, key: str, kind: str) -> list[dict[str, Any]]:
        return [event for event in self.history(key) if event["type"] == kind]

    def why(self, key: str) -> dict[str, Any]:
        return self.kam.json("why", key)

    def client(self, key: str) -> dict[str, Any]:
        return self.kam.json("client", "show", key)


@contextmanager
def shipped_questionnaire():
    """Look at the ledger even while a scenario has a broken questionnaire (or ideal-client profile) in use."""
    replaced = {name: os.environ.pop(name, None) for name in ("KAM_QUESTIONNAIRE", "KAM_IDEAL_PROFILE")}
    try:
        yield
    finally:
        os.environ.update({name: value for name, value in replaced.items() if value is not None})


def as_cell(value: Any) -> str:
    """A value as a feature file's table would write it: text as is, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


def spoken_options(text: str, phrases: re.Pattern, options: dict[str, str]) -> list[str]:
    """kam options from how a coach says them: each named group of phrases that matched, as its
    option in options with the matched value ('by owner' -> --by owner)."""
    return [arg for match in phrases.finditer(text)
            for name, value in match.groupdict().items() if value for arg in (options[name], value)]
