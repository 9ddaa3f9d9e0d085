"""kam batch: many write commands, one per line as typed after 'kam', in one process and one
transaction.

Each line runs through the same typer command as on the command line, against a Bulk instead of
the Ledger: the syntax and the checks are truly the same, but nothing is saved until every line
has been applied; then all is saved at once and the tier policy is evaluated once.
"""

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from kamledger.cli.app import UsageError, in_batch, open_ledger, read_input
from kamledger.cli.output import counted, many_tier_changes, quietly, say
from kamledger.domain.errors import InvalidInput, KamError

File = Annotated[str, typer.Argument(metavar="FILE|-", help="Commands, one per line ('#' starts a comment); - or nothing reads standard input.")]


def batch(ctx: typer.Context, file: File = "-") -> None:
    """Run many recording commands from a file, one per line, all or nothing.

    Each line is a command as typed after 'kam' (client add/lost/back, prospect, owner, score, survey, pyramid, value, note, burden, tier).

    Blank lines and '#' comments are skipped.

    Every line is checked before anything is recorded; tiers are evaluated once, after the whole batch.
    """
    from kamledger.service.commands.bulk import refusal

    name, data = read_input(file)
    try:
        lines = data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise InvalidInput(f"{name} is not UTF-8 text") from None
    command = ctx.find_root().command  # kam itself, with every command
    allowed = batch_commands(command)
    problems, commands = [], 0
    with open_ledger(ctx).bulk() as bulk, _quietly():
        for number, line in enumerate(lines, start=1):
            try:
                args = _words(line, allowed)
                if args:
                    commands += 1
                    command.main(args, prog_name="kam", standalone_mode=False, obj=bulk)
            except KamError as error:
                problems.append((number, error))
            except UsageError as error:
                problems.append((number, InvalidInput(error.format_message())))
        if problems:
            raise refusal(name, problems, "line")
    say(f"{name}: {counted(commands, 'command')}, {counted(bulk.saved, 'event')} recorded")
    many_tier_changes(bulk.tier_changes)


def batch_commands(group: Any, prefix: tuple[str, ...] = ()) -> list[str]:
    """The commands a batch takes, as typed after 'kam': those marked @batchable (cli/app.py)."""
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a noun with commands of its own (kam client ...)
            found += batch_commands(command, (*prefix, name))
        elif getattr(command.callback, "in_batch", False):
            found.append(" ".join((*prefix, name)))
    return found


def _words(line: str, allowed: list[str]) -> list[str]:
    """The command on a line, without a leading 'kam'; only commands that record are allowed."""
    try:
        import shlex

        words = shlex.split(line, comments=True)
    except ValueError as error:
        raise InvalidInput(f"cannot read the line: {error}") from None
    if words[:1] == ["kam"]:
        words = words[1:]
    name = " ".join(words[:2]) if " ".join(words[:2]) in allowed else " ".join(words[:1])
    if words and name not in allowed:
        raise InvalidInput(f"'{name}' cannot run in a batch; it takes {', '.join(allowed)}")
    if "--help" in words or "-h" in words:
        raise InvalidInput("--help cannot run in a batch")
    return words


@contextmanager
def _quietly() -> Iterator[None]:
    """While the lines run: no per-line output, nobody is asked a question, errors come back here."""
    stdin, sys.stdin = sys.stdin, io.StringIO()
    token = in_batch.set(True)
    try:
        with quietly():
            yield
    finally:
        in_batch.reset(token)
        sys.stdin = stdin
