"""Random CSV files through `kam import`: every outcome is success, or an error headline (then one
line per bad row) with a non-zero exit, never a traceback; a refused import changes nothing."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamledger.service.data.csv_import import LAYOUTS

KNOWN = ["acme", "globex"]
DATES = ["2026-03-01", "2025-12-31", "2026-02-30", "2999-01-01", "yesterday", ""]
PERIODS = ["2026-Q1", "2026-Q2", "2026", "2026-H2", "2026-07", "2026-Q5", "Q1"]
NUMBERS = ["0", "1", "5", "9", "10", "11", "-1", "8.5", "100000", "12.345", "1e3", "NaN"]

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
cell = st.one_of(st.sampled_from(KNOWN + ["nobody", "Bad Key"]), st.sampled_from(DATES + PERIODS + NUMBERS), text)


@st.composite
def csv_files(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(LAYOUTS)))
    layout = LAYOUTS[kind]
    columns = list(layout.required + layout.optional)
    columns = draw(st.lists(st.sampled_from(columns + ["extra"]), min_size=1, max_size=len(columns) + 1, unique=True))
    if draw(st.booleans()):  # most files have what their kind needs
        columns = list(dict.fromkeys(layout.required + tuple(columns)))
    rows = draw(st.lists(st.lists(cell, min_size=len(columns) - 1, max_size=len(columns) + 1), max_size=6))
    out = io.StringIO()
    csv.writer(out).writerows([columns, *rows])
    data = out.getvalue().encode("utf-8")
    if draw(st.integers(0, 9)) == 0:  # now and then, bytes that are not a well-formed file at all
        data = draw(st.binary(max_size=40)) + data[draw(st.integers(0, len(data))):]
    return kind, data


@pytest.fixture
def ledger(kam_sqlite):
    """acme and globex registered; kept across the examples of one test (imports that succeed add up)."""
    for key in KNOWN:
        kam_sqlite.ok("client", "add", key, "--name", key.title(), "--at", "2025-01-02")
    return kam_sqlite


def what_is_recorded(kam) -> tuple:
    events = kam.ok("export", "events", "--format", "jsonl").splitlines()
    return len(events), kam.json("standings"), [kam.json("history", key) for key in KNOWN]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=csv_files())
def test_a_random_csv_file_is_imported_or_refused_in_one_error_without_changing_anything(ledger, tmp_path, file):
    kind, data = file
    path = tmp_path / "random.csv"
    path.write_bytes(data)
    before = what_is_recorded(ledger)
    result = ledger("import", kind, str(path))
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        return
    assert result.exit_code in (1, 2), result.stderr
    headline, *lines = result.stderr.splitlines()
    assert headline.startswith("kam: error: ")
    assert all(line.startswith("  line ") for line in lines), result.stderr
    assert what_is_recorded(ledger) == before
