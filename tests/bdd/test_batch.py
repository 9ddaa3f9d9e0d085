"""kam batch: many commands in one process, all or nothing, bad lines named."""

from pytest_bdd import parsers, scenarios, when

scenarios("batch.feature")


@when(parsers.parse("the coach runs the batch:"), target_fixture="attempt")
def runs_the_batch(portfolio, tmp_path, docstring):
    path = tmp_path / "commands.txt"
    path.write_text(docstring + "\n", encoding="utf-8")
    return portfolio.attempt("batch", str(path))
