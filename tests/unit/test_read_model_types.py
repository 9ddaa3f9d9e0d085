"""The read models' own column types give SQLite, through insert_rows, what SQLAlchemy's own bind
processing gives it; and their JSON reads back as the standard library's would."""

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import given, strategies as st
from sqlalchemy.dialects import sqlite

from kamledger.projections.tables import EVENT_KINDS, Day, EventKind, Instant, PackedJSON, _to_driver, json_text, metadata

DIALECT = sqlite.dialect()


def library_and_ours(type_):
    """The library's bind processor of the type on SQLite, and the one insert_rows uses."""
    impl = type_.dialect_impl(DIALECT)
    return impl.bind_processor(DIALECT), _to_driver(impl, DIALECT)


def as_stored(value):
    return bytes(value) if isinstance(value, memoryview) else value


def test_every_read_model_column_of_our_own_types_takes_the_short_way_on_sqlite():
    ours = [column for table in metadata.tables.values() for column in table.c
            if isinstance(column.type, PackedJSON | Day | Instant | EventKind)]
    assert len(ours) >= 10  # the timeline's, the dated rows', the standings' JSON, the tier moves' days
    for column in ours:
        library, short = library_and_ours(column.type)
        assert library is not None and short is not library, column


@given(st.one_of(st.none(), st.dates()))
def test_a_day_is_given_to_sqlite_as_the_library_gives_it(day):
    library, ours = library_and_ours(Day())
    assert ours(day) == library(day)


moments = st.datetimes(min_value=datetime(1900, 1, 1), timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=2))]))


@given(st.one_of(st.none(), moments))
def test_a_moment_is_given_to_sqlite_as_the_library_gives_it(moment):
    library, ours = library_and_ours(Instant())
    assert ours(moment) == library(moment)


@given(st.one_of(st.none(), st.sampled_from(EVENT_KINDS), st.text(max_size=20)))
def test_an_event_kind_is_given_to_sqlite_as_the_library_gives_it(kind):
    library, ours = library_and_ours(EventKind())
    assert ours(kind) == library(kind)


plain = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**15, 10**15), st.text(), st.dates(),
              st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-10**12, max_value=10**12)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


@given(st.one_of(st.none(), st.lists(plain, max_size=6), st.dictionaries(st.text(max_size=8), plain, max_size=6)),
       st.sampled_from([0, 64]))  # a list or an object, as every JSON column holds
def test_json_is_given_to_sqlite_as_the_library_gives_it_and_reads_back_as_the_standard_librarys(value, smallest):
    library, ours = library_and_ours(PackedJSON(smallest=smallest))
    assert as_stored(ours(value)) == as_stored(library(value))
    if value is not None:
        standard = json.dumps(value, default=lambda v: v.isoformat() if isinstance(v, date) else str(v))
        assert PackedJSON().process_result_value(ours(value), DIALECT) == json.loads(standard)


def test_json_writes_dates_moments_and_money_as_text_and_keys_that_are_numbers_as_text():
    assert json_text({"on": date(2024, 3, 1), "at": datetime(2024, 3, 1, 9, 30, 0, 5, tzinfo=UTC), "amount": Decimal("1200.50"), 3: ()}) == (
        '{"on":"2024-03-01","at":"2024-03-01T09:30:00.000005+00:00","amount":"1200.50","3":[]}')
