"""`kam` in a fresh process builds only the click object of the command it runs (cli/app.py
KamTyper.narrowed_to): the same command as in the whole tree, and the whole tree wherever the
arguments do not name one command alone."""

import pytest
import typer

from kamledger.cli.app import _command_named
from kamledger.cli.main import app

OPTIONS = {"--db": True}


def narrowed(*args: str) -> typer.Typer:
    return app.narrowed_to("kam", list(args), OPTIONS, whole_tree={"batch"})


def names(an_app: typer.Typer) -> set[str]:
    return set(typer.main.get_command(an_app).commands)


@pytest.mark.parametrize(("args", "named"), [
    (["score", "acme"], "score"),
    (["--db", "sqlite:///x.db", "score", "acme"], "score"),
    (["--db=sqlite:///x.db", "client", "add", "acme"], "client"),
    (["--help"], None),
    (["--install-completion"], None),
    ([], None),
])
def test_the_command_named_is_the_first_argument_after_kams_own_options(args, named):
    assert _command_named(args, OPTIONS) == named


def test_a_command_or_noun_is_built_alone_and_as_in_the_whole_tree(monkeypatch):
    monkeypatch.delenv("_KAM_COMPLETE", raising=False)
    whole = typer.main.get_command(app)
    context = typer.Context(whole, info_name="kam")
    for name, command in whole.commands.items():
        if name == "batch":
            continue
        alone = typer.main.get_command(narrowed(name, "--help")).commands
        assert list(alone) == [name]
        assert help_of(alone[name], name, context) == help_of(command, name, context)


def help_of(command, name: str, parent: typer.Context) -> str:
    """What `kam NAME --help` prints: the command's options and arguments, or the noun's commands."""
    return command.get_help(typer.Context(command, info_name=name, parent=parent))


@pytest.mark.parametrize("args", [["batch", "-"], ["scor", "acme"], ["--help"], []])
def test_the_whole_tree_where_no_single_command_is_named_or_batch_reads_them_all(args):
    assert narrowed(*args) is app


def test_the_shells_completion_gets_the_whole_tree(monkeypatch):
    monkeypatch.setenv("_KAM_COMPLETE", "complete_bash")
    assert narrowed("score") is app
