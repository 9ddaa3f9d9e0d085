"""Printing: a rich table for people, JSON for scripts, one-line errors on stderr."""

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# rich is imported on first print, not with the command line: `kam --help` never needs it.


@cache
def _out() -> "Console":
    from rich.console import Console

    # Piped output (files, CI logs, the README) is laid out 132 wide unless $COLUMNS says otherwise.
    return Console(highlight=False, width=None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 132))


def print_json(data: Any) -> None:
    """Objects indented; a list one item a line (json's indenting encoder is pure Python, and a
    list may hold ten thousand events)."""
    import json

    if isinstance(data, list):
        one_line = json.JSONEncoder(default=str, ensure_ascii=False).encode  # one encoder for every item
        print("[\n" + ",\n".join(map(one_line, data)) + "\n]" if data else "[]")
    else:
        print(json.dumps(data, indent=2, default=str, ensure_ascii=False))


WRAPPING_COLUMNS = {"Name", "What", "Question", "When", "Meaning", "Caused by", "Goal", "Surveys due", "Without an open goal", "Ratings", "Moved", "Risks", "Held by"}  # free text wraps; keys, codes and numbers stay whole


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    for column in columns:
        wraps = column in WRAPPING_COLUMNS
        table.add_column(column, no_wrap=not wraps, overflow="fold", min_width=14 if wraps else None)
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    _out().print(table)


def print_fields(title: str, fields: Sequence[tuple[str, Any]]) -> None:
    """A two-column table of labelled values."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for label, value in fields:
        table.add_row(label, "" if value is None else str(value))
    _out().print(table)


_quiet: ContextVar[bool] = ContextVar("quiet", default=False)


@contextmanager
def quietly() -> Iterator[None]:
    """Nothing that is said meanwhile is printed."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def say(message: str) -> None:
    if not _quiet.get():  # a batch runs its lines quietly: nothing is rendered either
        print(message)


def print_error(message: str, details: Sequence[str] = ()) -> None:
    """The message on one line, then each detail on one line of its own."""
    print(f"kam: error: {one_line(message)}", file=sys.stderr)
    for detail in details:
        print(f"  {one_line(detail)}", file=sys.stderr)


def one_line(text: str) -> str:
    """Line breaks and control characters a message quotes (from a file, from an argument) escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def tier_changes(changes: Sequence[Any]) -> None:
    for change in changes:
        say(f"  tier: {change.key} {change.from_tier} -> {change.to_tier} ({change.rule})")


def many_tier_changes(changes: Sequence[Any], shown: int = 10) -> None:
    """The tier changes of a bulk entry: the first few, then how many more."""
    tier_changes(changes[:shown])
    if len(changes) > shown:
        say(f"  ... and {len(changes) - shown} more tier changes (see kam standings)")


def clients(count: int) -> str:
    return counted(count, "client")


def counted(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")
