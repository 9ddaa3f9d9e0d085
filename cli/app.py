"""The typer application object, its global options and how errors become one line."""

import copy
import gc
import os
from collections.abc import Collection, Mapping, Sequence
from contextvars import ContextVar
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kamledger.cli.output import print_error
from kamledger.domain.errors import InvalidInput, KamError

YOUNG_OBJECTS_BETWEEN_COLLECTIONS = 100_000  # Python's default is 700
YOUNG_COLLECTIONS_BETWEEN_MIDDLE_ONES = 100  # Python's default is 10
USAGE_ERROR = 2
RULE_VIOLATION = 1
# typer vendors click privately; its public BadParameter tells us click's UsageError.
UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
in_batch: ContextVar[bool] = ContextVar("in_batch", default=False)  # set while kam batch runs its lines

# The panels of `kam --help`, in this order; each command names its own (typer's rich_help_panel=).
RECORD, READ, PORTFOLIO, TRUST, DATA = "Record", "Read", "Portfolio", "Trust", "Data"
PANELS = (RECORD, READ, PORTFOLIO, TRUST, DATA)


class KamGroup(TyperGroup):
    """Turns refused commands, usage mistakes and operational faults (service/infrastructure/faults.py) into one
    line on stderr and an exit code (inside a batch they go to the batch, which names the line)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KamError as error:
            if in_batch.get():
                raise
            print_error(str(error), error.details)
            raise typer.Exit(USAGE_ERROR if isinstance(error, InvalidInput) else RULE_VIOLATION) from None
        except UsageError as error:
            if in_batch.get() or type(error).__name__ == "NoArgsIsHelpError":
                raise
            where = error.ctx.command_path if error.ctx else "kam"
            print_error(f"{error.format_message()} (see '{where} --help')")
            raise typer.Exit(USAGE_ERROR) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as error:  # the disk or the database refused: one line, not a traceback
            from kamledger.service.infrastructure.faults import ledger_fault

            fault = ledger_fault(error)
            if fault is None or in_batch.get():
                raise
            print_error(str(fault))
            raise typer.Exit(RULE_VIOLATION) from None

    def format_commands(self, ctx, formatter) -> None:
        """The commands under their panels, laid out by click's plain formatter: typer draws
        panels only with rich, whose import would more than double the time of `kam --help`."""
        panels: dict[str, list] = {}
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                panels.setdefault(getattr(command, "rich_help_panel", None) or "Commands", []).append((name, command))
        if not panels:
            return
        width = max(len(name) for rows in panels.values() for name, _ in rows)  # one column for all panels
        for panel in sorted(panels, key=lambda p: PANELS.index(p) if p in PANELS else len(PANELS)):
            with formatter.section(panel):
                formatter.write_dl([(name.ljust(width), command.get_short_help_str(formatter.width - 6 - width))
                                    for name, command in panels[panel]])


def batchable(command):
    """Mark a recording command that kam batch may run: it records through the typed entry
    (service/commands/intake.py), which a Bulk offers just as the Ledger does."""
    command.in_batch = True
    return command


class KamTyper(typer.Typer):
    """A typer app whose click command is built once: typer builds the whole tree of commands on
    every call, half the time of a command run in a process that runs many (scripts/demo: 313
    commands, 36 s -> 17 s). Its pretty exceptions are off, so typer's own call adds nothing else."""

    _command: Any = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._command is None:
            self._command = typer.main.get_command(self)
        return self._command(*args, **kwargs)

    def narrowed_to(self, prog_name: str, args: Sequence[str], options: Mapping[str, bool], whole_tree: Collection[str]) -> typer.Typer:
        """This app with only the command (or noun) that the arguments name, for a process that
        runs one: building every command's click object took 11-19 ms of a `kam score` of about
        300 ms in a fresh process. The app itself where the arguments name none, ask for help or completion before
        one (the shell's completion asks through an environment variable), name an unknown one
        (click then says so, with its suggestions), or one that reads the whole tree (whole_tree:
        kam batch). options: the app's own options before the command, and whether each takes a
        value."""
        wanted = _command_named(args, options)
        if wanted is None or wanted in whole_tree or os.environ.get(f"_{prog_name.upper()}_COMPLETE"):
            return self
        commands = [info for info in self.registered_commands
                    if (info.name or typer.main.get_command_name(info.callback.__name__)) == wanted]
        groups = [info for info in self.registered_groups if info.name == wanted]
        if not commands and not groups:
            return self
        narrow = copy.copy(self)
        narrow.registered_commands, narrow.registered_groups, narrow._command = commands, groups, None
        return narrow


def _command_named(args: Sequence[str], options: Mapping[str, bool]) -> str | None:
    """The first argument that is not one of the app's own options (or its value)."""
    takes_value = False
    for arg in args:
        option, given, _ = arg.partition("=")
        if takes_value:
            takes_value = False
        elif option in options:
            takes_value = options[option] and not given
        elif arg.startswith("-"):
            return None  # help, completion, or a mistake: the whole app answers
        else:
            return arg
    return None


def new_app(help_text: str, completion: bool = False, options_after_key: bool = False) -> typer.Typer:
    """A typer app for kam or one of its nouns (only kam itself offers --install-completion).
    With options_after_key, a noun that shows something by itself takes its own options after its
    KEY too (kam plan KEY --json), and hands on the ones it does not know to its command."""
    settings: dict = {"help_option_names": ["-h", "--help"]}
    if options_after_key:
        settings.update(allow_interspersed_args=True, ignore_unknown_options=True)
    return KamTyper(
        cls=KamGroup,
        help=help_text,
        no_args_is_help=True,
        add_completion=completion,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # click's plain help: `kam --help` imports neither rich nor a database library
        context_settings=settings,
    )


Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
At = Annotated[
    str | None,
    typer.Option("--at", metavar="YYYY-MM-DD", help="Business date it happened on (default: today)."),
]
By = Annotated[
    str | None,
    typer.Option("--by", metavar="NAME", help="Who records it (default: $KAM_USER, else your OS user)."),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="WHEN", help="As the ledger stood at that moment by recording time (what we knew then): a date (its end, UTC) or date-time."),
]
Effective = Annotated[
    str | None,
    typer.Option("--effective", metavar="DATE", help="As things stood on that business date, back-dated entries included."),
]
TierOption = Annotated[str | None, typer.Option("--tier", metavar="TIER", help="Only the clients of this tier (gold, silver, bronze, unrated).")]
Key = Annotated[str, typer.Argument(metavar="KEY", help="The client's key, e.g. acme-gmbh.")]


def open_ledger(ctx: typer.Context, finish: bool = True):
    """The ledger at --db, $KAM_DATABASE_URL or the default file (imported only when needed).
    A command whose writer died after saving is finished first (its tier changes recorded), so
    nothing reads a half-done command; kam verify and kam projections status look at the ledger
    as it lies (finish=False)."""
    from kamledger.service.bootstrap import bootstrap
    from kamledger.service.infrastructure.store import resolve_store

    root = ctx.find_root()
    if root.obj is None:
        root.obj = bootstrap(resolve_store(root.params.get("db")))
        root.call_on_close(root.obj.close)
        if finish:
            root.obj.finish_interrupted()
            root.obj.catch_up()  # what others recorded since: the queries read the read models as they stand
        if not gc.isenabled():  # run() paused the collector for start-up
            collect_rarely()
    return root.obj


def collect_rarely() -> None:
    """The collector as a kam process wants it once started: what lives so far (the start-up, which
    lives as long as the process) kept out of every later collection, and the young objects collected
    every 100,000 allocations rather than 700, the middle generation after every 100th such collection
    rather than 10th. A command makes many objects that live until it ends (a save's events, a
    client's timeline rows, a rebuild's standings and dated rows) and few cycles: the collector
    walked them again and again (with the middle generation at Python's 10, a part of a rebuild
    spent 15% of its time collecting; at 100, 8%). Also each rebuild process's set-up (kam
    projections rebuild)."""
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS_BETWEEN_COLLECTIONS, YOUNG_COLLECTIONS_BETWEEN_MIDDLE_ONES)
    gc.enable()


def entry(at: str | None, by: str | None):
    from kamledger.service.commands.entry import make_entry

    return make_entry(at, by)


def moment(as_of: str | None, effective: str | None):
    from kamledger.service.queries.moments import parse_moment

    return parse_moment(as_of, effective)


def read_input(path: str) -> tuple[str, bytes]:
    """The bytes of a file named on the command line ('-' is standard input) and its name."""
    import sys

    if path == "-":
        return "(standard input)", sys.stdin.buffer.read()
    try:
        with open(path, "rb") as file:
            return path, file.read()
    except OSError as error:
        raise InvalidInput(f"cannot read {path}: {error.strerror or error}") from None
