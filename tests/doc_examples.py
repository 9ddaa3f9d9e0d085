"""The console examples of README.md and docs/*.md, run against the demo ledger.

An example is a fenced ```console block: each line starting with "$ " is a command, the lines
after it (up to the next command or the end of the block) what it prints. A line that is only
"..." stands for any number of lines. Each document runs in a directory of its own holding a copy
of the demo ledger (ledger.db, which $KAM_DATABASE_URL names) and the files of docs/examples/, so
its commands see what the commands before them in the same document wrote. `kam ...` runs in this
process through typer's CliRunner; anything else (shell syntax, other programs, `NAME=... kam`)
through bash, with .venv/bin first on the PATH. `export NAME=VALUE` and `NAME=VALUE` set a variable
for the rest of the document.

Compared after normalising what differs from run to run: recording times, digests, ids, seconds
taken, and the day the examples were made (each document says which, in its last line; see
REFRESHED), which is the day they run.

Refresh the expected outputs in place: scripts/refresh-docs [FILE.md ...]
"""

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FILES = ROOT / "docs" / "examples"
ELLIPSIS = "..."
REFRESHED = re.compile(r"<!-- console examples: made on (\d{4}-\d{2}-\d{2}) by scripts/refresh-docs, run by tests/test_docs.py -->")
USER = "ana.ruiz"
COLUMNS = "132"
SHELL_SYNTAX = re.compile(r"[$|<>;&`*?(){}\\]|^\w+=")
ASSIGNMENT = re.compile(r"""^(?:export\s+)?([A-Za-z_]\w*)=(\$\([^)]*\)|"[^"]*"|'[^']*'|\S*)$""")
VARYING = [
    (re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?"), "<time>"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "<digest>"),
    (re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b"), "<id>"),
    (re.compile(r"\b\d+\.\d+ s\b"), "<seconds>"),
]


@dataclass
class Command:
    line: str  # as typed, without the "$ "
    expected: list[str]  # the lines after it, trailing blank lines excluded
    blank_after: int  # blank lines between its output and what follows
    start: int  # index in the document's lines of the "$ " line
    end: int  # index after its output and the blank lines after it


@dataclass
class Document:
    path: Path
    lines: list[str]
    commands: list[Command] = field(default_factory=list)

    @property
    def made_on(self) -> str | None:
        found = REFRESHED.search("\n".join(self.lines))
        return found.group(1) if found else None


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("**/*.md"))]


def parse(path: Path) -> Document:
    document = Document(path, path.read_text().split("\n"))
    lines, inside, index = document.lines, False, 0
    while index < len(lines):
        line = lines[index]
        if not inside:
            inside = line.strip() == "```console"
            index += 1
            continue
        if line.strip() == "```":
            inside = False
            index += 1
            continue
        if not line.startswith("$ "):
            raise ValueError(f"{path.name}:{index + 1}: a console block must start with a '$ ' command")
        start, index = index, index + 1
        while index < len(lines) and not lines[index].startswith("$ ") and lines[index].strip() != "```":
            index += 1
        output = lines[start + 1:index]
        expected = list(output)
        while expected and not expected[-1].strip():
            expected.pop()
        blank = len(output) - len(expected)
        document.commands.append(Command(line[2:], expected, blank, start, index))
    return document


def normalise(lines: list[str], today: str | None) -> list[str]:
    normal = []
    for line in lines:
        for pattern, replacement in VARYING:
            line = pattern.sub(replacement, line)
        if today:
            line = line.replace(today, "<today>")
        normal.append(line.rstrip())
    while normal and not normal[-1]:
        normal.pop()
    return normal


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line by line, a line of only '...' standing for any number of lines."""
    if not expected:
        return not actual
    if expected[0].strip() == ELLIPSIS:
        return any(matches(expected[1:], actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


# Running a document

class Session:
    """A directory holding a copy of the demo ledger and the example files, and the variables set
    so far; runs one command line after another in it."""

    def __init__(self, demo_ledger: Path, directory: Path):
        self.directory = directory
        shutil.copy(demo_ledger, directory / "ledger.db")
        if EXAMPLE_FILES.is_dir():
            for example in EXAMPLE_FILES.iterdir():
                if example.is_file():
                    shutil.copy(example, directory / example.name)
        self.env = {
            "KAM_DATABASE_URL": f"sqlite:///{directory / 'ledger.db'}",
            "KAM_USER": USER,
            "COLUMNS": COLUMNS,
        }

    def run(self, line: str) -> list[str]:
        assignment = ASSIGNMENT.match(line)
        if assignment:
            name, value = assignment.groups()
            if "date" in value:  # a time that later commands name: clear of every entry, to the second
                time.sleep(1.01 - time.time() % 1)
            self.env[name] = self._bash(f"printf %s {value}")
            return []
        if line.startswith("kam ") and not SHELL_SYNTAX.search(line):
            return self._in_process(shlex.split(line)[1:])
        return self._bash(line).split("\n")

    def _bash(self, line: str) -> str:
        env = {name: value for name, value in os.environ.items() if not name.startswith("KAM_")}
        env.update(self.env, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
        done = subprocess.run(["bash", "-c", line], cwd=self.directory, env=env, capture_output=True, text=True)
        return (done.stdout + done.stderr).rstrip("\n")

    def _in_process(self, args: list[str]) -> list[str]:
        from typer.testing import CliRunner

        from kamledger.cli import output as cli_output
        from kamledger.cli.main import app

        unset = {name: None for name in os.environ if name.startswith("KAM_") and name not in self.env}
        cli_output._out.cache_clear()  # the console's width is read once: read it with this COLUMNS
        with inside(self.directory):
            result = CliRunner().invoke(app, args, env={**unset, **self.env}, prog_name="kam")
        cli_output._out.cache_clear()
        output = result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            output += "".join(traceback.format_exception(result.exception))
        return output.rstrip("\n").split("\n")


@contextmanager
def inside(directory: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(directory)
    try:
        yield
    finally:
        os.chdir(before)


@dataclass
class Outcome:
    command: Command
    actual: list[str]
    ok: bool


def run_document(document: Document, demo_ledger: Path) -> list[Outcome]:
    today = date.today().isoformat()
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="kam-docs-") as directory:
        session = Session(demo_ledger, Path(directory))
        for command in document.commands:
            actual = session.run(command.line)
            ok = matches(normalise(command.expected, document.made_on), normalise(actual, today))
            outcomes.append(Outcome(command, actual, ok))
    return outcomes


def build_demo_ledger(directory: Path) -> Path:
    """The demo's ledger, built as scripts/demo builds it (in a process of its own)."""
    subprocess.run([sys.executable, str(ROOT / "demo" / "sample_portfolio.py"), str(directory)], check=True, capture_output=True)
    return directory / "ledger.db"


def difference(outcome: Outcome) -> str:
    actual = [line.rstrip() for line in outcome.actual]
    return "\n".join(difflib.unified_diff(outcome.command.expected, actual, "expected", "actual", lineterm=""))


# Refreshing a document

def refreshed_output(expected: list[str], actual: list[str]) -> list[str]:
    """The actual output, shortened where the expected one has '...': each run of shown lines is
    found again in the actual output (by likeness, in order) and kept from its first line to its
    last; a run at the top starts at the top, one at the bottom ends at the bottom."""
    actual = list(actual)
    while actual and not actual[-1].strip():
        actual.pop()
    if not any(line.strip() == ELLIPSIS for line in expected):
        return actual
    runs: list[list[str]] = [[]]
    gaps: list[str] = []  # the '...' lines, kept as they were written
    for line in expected:
        if line.strip() == ELLIPSIS:
            gaps.append(line)
            runs.append([])
        else:
            runs[-1].append(line)
    result: list[str] = []
    position = 0
    for number, shown in enumerate(runs):
        if number:
            result.append(gaps[number - 1])
        if not shown:
            continue
        first = position if number == 0 else likeliest(shown[0], actual, position)
        last = first
        for line in shown[1:]:
            last = likeliest(line, actual, last + 1)
        if number == len(runs) - 1:
            last = len(actual) - 1
        result.extend(actual[first:last + 1])
        position = last + 1
    return result


def likeliest(line: str, actual: list[str], start: int) -> int:
    """The index of the line from start on most like line: the same first word (a key, a number)
    first, then the most characters in common."""
    candidates = range(start, len(actual))
    if not candidates:
        return len(actual) - 1
    word = line.split()[:1]

    def likeness(index: int) -> tuple:
        return (actual[index].split()[:1] == word, difflib.SequenceMatcher(None, line, actual[index]).ratio(), -index)

    return max(candidates, key=likeness)


def refresh(document: Document, outcomes: list[Outcome]) -> str:
    today = date.today().isoformat()
    stale_day = document.made_on if document.made_on != today else None
    lines = list(document.lines)
    for outcome in reversed(outcomes):
        command = outcome.command
        keep = outcome.ok and not (stale_day and any(stale_day in line for line in command.expected))
        output = command.expected if keep else refreshed_output(command.expected, outcome.actual)
        output = [line.rstrip() for line in output]
        lines[command.start:command.end] = [f"$ {command.line}", *output, *[""] * command.blank_after]
    text = "\n".join(lines)
    mark = f"<!-- console examples: made on {today} by scripts/refresh-docs, run by tests/test_docs.py -->"
    if REFRESHED.search(text):
        return REFRESHED.sub(mark, text)
    if document.commands:
        return text.rstrip("\n") + "\n\n" + mark + "\n"
    return text


def main(arguments: list[str]) -> int:
    paths = [Path(a).resolve() for a in arguments] or documents()
    with tempfile.TemporaryDirectory(prefix="kam-demo-") as directory:
        demo_ledger = build_demo_ledger(Path(directory))
        for path in paths:
            document = parse(path)
            if not document.commands:
                continue
            started = time.perf_counter()
            outcomes = run_document(document, demo_ledger)
            text = refresh(document, outcomes)
            changed = sum(not outcome.ok for outcome in outcomes)
            if text != path.read_text():
                path.write_text(text)
            print(f"{path.relative_to(ROOT)}: {len(outcomes)} commands, {changed} outputs rewritten "
                  f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
