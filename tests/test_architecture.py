"""The shape of the code, checked: no import cycles (imports inside functions count), one typed
entry for the Ledger and a Bulk, every event says what it means, the garbage collector switched
only at the command line's entry point. The layers themselves are import-linter's contracts
(pyproject.toml, run by scripts/test)."""

import inspect
import re
from pathlib import Path

import grimp
from eventsourcing.domain import Aggregate

from kamledger.domain.events import EVENT_KINDS
from kamledger.domain.facts import Recorded
from kamledger.domain.portfolio import Portfolio
from kamledger.domain.relationship import PERSONAL_FIELDS, Relationship
from kamledger.service.commands import commands
from kamledger.service.commands.bulk import Bulk
from kamledger.service.commands.intake import TypedEntry
from kamledger.service.commands.ledger import Ledger

ROOT = Path(__file__).parent.parent
PACKAGES = ("kamledger.domain", "kamledger.projections", "kamledger.service", "kamledger.reports", "kamledger.cli")


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, directly or round about (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for imported in edges[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while (member := stack.pop()) != module:
                group.append(member)
            if group:
                found.append(sorted([module, *group]))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_the_finder_of_cycles_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_imports_itself_round_about():
    graph = grimp.build_graph(*PACKAGES)
    ours = {module for module in graph.modules if module.startswith("kamledger.")}
    edges = {module: graph.find_modules_directly_imported_by(module) & ours for module in ours}
    assert cycles(edges) == []


def test_the_ledger_and_a_bulk_take_the_same_typed_entry_and_borrow_nothing():
    assert issubclass(Ledger, TypedEntry) and issubclass(Bulk, TypedEntry)
    for name, member in vars(Bulk).items():
        if inspect.isfunction(member):
            assert member.__module__ == Bulk.__module__, f"Bulk.{name} is borrowed from {member.__module__}"


def test_every_typed_command_changes_something():
    for command in vars(commands).values():
        if inspect.isclass(command) and issubclass(command, (commands.ClientCommand, commands.PortfolioCommand)):
            if command not in (commands.ClientCommand, commands.PortfolioCommand):
                assert "change" in vars(command), f"{command.__name__} does not say what it changes"


def test_every_event_says_what_it_means():
    stored = {
        name for aggregate in (Relationship, Portfolio) for name, kind in vars(aggregate).items()
        if isinstance(kind, type) and issubclass(kind, Aggregate.Event) and name not in ("Event", "Created", "Opened")
    }  # (the bases, and the portfolio's opening, which no view shows)
    assert stored - set(EVENT_KINDS) == set()
    assert PERSONAL_FIELDS["Scored"] == ("note",)
    assert all(issubclass(EVENT_KINDS[name], Recorded) for name in PERSONAL_FIELDS)


def test_only_the_command_line_switches_the_garbage_collector():
    """At its entry point (cli/main.py: off while it starts) and where it opens the ledger (cli/app.py)."""
    switching = re.compile(r"\bgc\.(disable|enable|freeze|unfreeze|collect|set_threshold)\(")
    found = sorted(
        str(path.relative_to(ROOT))
        for folder in ("domain", "projections", "service", "reports", "cli")
        for path in (ROOT / folder).rglob("*.py")
        if switching.search(path.read_text())
    )
    assert found == ["cli/app.py", "cli/main.py"]
