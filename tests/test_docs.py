"""Every console example in README.md and docs/ prints what it says, run against the demo ledger
(tests/doc_examples.py says how). After a change to what kam prints: scripts/refresh-docs."""

import pytest

from tests.doc_examples import ROOT, build_demo_ledger, difference, documents, parse, run_document


@pytest.fixture(scope="session")
def demo_ledger(tmp_path_factory):
    return build_demo_ledger(tmp_path_factory.mktemp("demo"))


@pytest.mark.parametrize("path", documents(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_console_example_prints_what_the_document_says(path, demo_ledger):
    document = parse(path)
    assert document.made_on or not document.commands, f"{path.name} has no line saying when its examples were made: scripts/refresh-docs"
    failed = [outcome for outcome in run_document(document, demo_ledger) if not outcome.ok]
    assert not failed, "\n\n".join(
        f"{path.name}:{outcome.command.start + 1}: $ {outcome.command.line}\n{difference(outcome)}" for outcome in failed
    ) + "\n\n(if the new output is right: scripts/refresh-docs)"
