"""Cells a spreadsheet cannot run: CSV injection neutralised as OWASP advises, and undone on import.

A spreadsheet treats a cell that starts with '=', '+', '-', '@', a tab or a carriage return as a
formula (``=HYPERLINK(...)`` in a client's name would be a live link). ``guarded`` prefixes such a
cell with a single quote, which spreadsheets show as text; ``unguarded`` takes the quote off again,
so kamledger's own export imports as the original text. A text that already starts with quotes
before such a character gets one more, so every text comes back exactly. Plain numbers
(``-500``, ``+12.5``) are left alone: they are values, and run nothing.
"""

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def starts_a_formula(text: str) -> bool:
    """Whether a spreadsheet would take the text (after any quotes) for a formula."""
    bare = text.lstrip(GUARD)
    return bare.startswith(FORMULA_STARTS) and not _NUMBER.match(bare)


def guarded(text: str) -> str:
    """The cell to write for a text, neutralised if a spreadsheet would run it."""
    return GUARD + text if starts_a_formula(text) else text


def unguarded(cell: str) -> str:
    """The text a guarded cell stands for (any other cell is the text itself)."""
    if cell.startswith(GUARD) and starts_a_formula(cell[1:]):
        return cell[1:]
    return cell
