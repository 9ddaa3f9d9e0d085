"""Printing: a rich table for people, JSON for scripts, one-line errors on stderr."""

import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

# Piped output (files, CI logs, the README) is laid out 132 wide unless $COLUMNS says otherwise.
_PIPED_WIDTH = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 132)
out = Console(highlight=False, width=_PIPED_WIDTH)
err = Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, default=str, ensure_ascii=False))


WRAPPING_COLUMNS = {"Name", "What", "Question", "When", "Meaning", "Caused by"}  # free text wraps; keys, codes and numbers stay whole


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD)
    for column in columns:
        wraps = column in WRAPPING_COLUMNS
        table.add_column(column, no_wrap=not wraps, overflow="fold", min_width=14 if wraps else None)
    for row in rows:
        table.add_row(*("" if cell is None else str(cell) for cell in row))
    out.print(table)


def print_fields(title: str, fields: Sequence[tuple[str, Any]]) -> None:
    """A two-column table of labelled values."""
    table = Table(title=title, title_justify="left", show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for label, value in fields:
        table.add_row(label, "" if value is None else str(value))
    out.print(table)


def say(message: str) -> None:
    out.print(message, markup=False)


def print_error(message: str) -> None:
    """One line, whatever the message quotes: line breaks and control characters are escaped."""
    line = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in message)
    err.print(f"kam: error: {line}", markup=False, soft_wrap=True)


def tier_changes(changes: Sequence[Any]) -> None:
    for change in changes:
        say(f"  tier: {change.key} {change.from_tier} -> {change.to_tier} ({change.rule})")


def clients(count: int) -> str:
    return f"{count} client" + ("" if count == 1 else "s")
