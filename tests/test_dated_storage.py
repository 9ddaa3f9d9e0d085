"""How kam_dated keeps each client's inputs by business date (projections/dated.py): one packed
text a row, and a key of client, business date and recording time."""

from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given, strategies as st
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from kamledger.domain.business_time import DatedInputs
from kamledger.domain.relationship import Relationship
from kamledger.projections.dated import DIMENSION_LEVELS, DIMENSIONS, PYRAMID_LEVELS, packed_inputs, profit_of, unpacked_inputs
from kamledger.projections.ledger_projection import catch_up
from kamledger.projections.tables import Day, Instant, dated
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store

names = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=12).filter(
    lambda text: "," not in text and "=" not in text and ":" not in text)
amounts = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False) | st.sampled_from(
    [Decimal(0), Decimal("0.00"), Decimal("1E+3"), Decimal("-0"), Decimal("12.5")])
inputs = st.builds(
    DatedInputs,
    owner=st.none() | names, pyramid_level=st.sampled_from(["supplier", *PYRAMID_LEVELS]),
    score_total=st.none() | st.integers(0, 120), values=st.integers(0, 70), profit_sum=amounts,
    decimals=st.tuples(st.integers(0, 9), st.integers(0, 9), st.integers(0, 9)),
    dimensions=st.lists(st.tuples(names | st.sampled_from(DIMENSIONS), st.sampled_from(["very high", *DIMENSION_LEVELS])), max_size=3).map(tuple),
    burdens=st.frozensets(names, max_size=2), override=st.none() | st.sampled_from(["gold", "bronze"]),
    survey=st.none() | st.tuples(st.dates(), st.integers(1, 10), st.integers(0, 10)),
    revenue_sum=amounts, cost_sum=amounts, hours_sum=amounts, open_problems=st.integers(0, 5),
    criteria=st.lists(st.tuples(names, st.sampled_from(["30", "25.5"])), max_size=3).map(tuple),
    rating=st.none() | st.tuples(st.sampled_from(["client", "survey"]), st.lists(st.tuples(names, st.integers(1, 10)), max_size=3).map(tuple)),
    stage=st.sampled_from(["client", "prospect", "former"]),
    linked=st.frozensets(names.map(lambda n: f"{n}/ours"), max_size=3), present=st.frozensets(names, max_size=3),
)


@given(inputs)
def test_packed_inputs_give_back_the_same_inputs_written_alike(original):
    text = packed_inputs(original)
    again = unpacked_inputs(text)
    assert again == original
    assert [str(value) for value in again if isinstance(value, Decimal)] == [
        str(value) for value in original if isinstance(value, Decimal)]  # written alike too
    stage, profit = profit_of(text)
    assert (stage, str(profit)) == (original.stage, str(original.profit_sum) if original.values else "None")


def test_the_words_a_row_writes_as_numbers_are_the_domain_s_own_and_keep_their_numbers():
    from kamledger.domain.pyramid import PyramidLevel
    from kamledger.domain.value import Level, ValueDimension

    # Stored rows hold these numbers: a list may only grow (or READ_MODEL_VERSION goes up with it).
    assert PYRAMID_LEVELS == ("transactional", "cooperation", "partnership", "synergy")
    assert DIMENSIONS == ("strategic", "referral", "educational", "potential")
    assert DIMENSION_LEVELS == ("low", "medium", "high")
    assert ({level.value for level in PyramidLevel}, {d.value for d in ValueDimension}, {level.value for level in Level}) == (
        set(PYRAMID_LEVELS), set(DIMENSIONS), set(DIMENSION_LEVELS))
    text = packed_inputs(DatedInputs(pyramid_level="partnership", dimensions=(("referral", "high"), ("potential", "low"))))
    assert text == "\x1f2\x1f\x1f\x1f\x1f\x1f12,30"


def test_inputs_mostly_at_their_defaults_pack_into_a_few_bytes():
    assert packed_inputs(DatedInputs()) == ""
    assert len(packed_inputs(DatedInputs(owner="owner-07", values=12, profit_sum=Decimal("150.00"),
                                         revenue_sum=Decimal("250.00"), cost_sum=Decimal("100.00"), decimals=(0, 0, 12)))) == 40


def test_a_row_superseded_at_the_moment_it_was_recorded_is_replaced_not_kept_twice(database_url):
    """Two events of one save with the same recording time, projected in two batches: the second
    changes the row the first stored, at the same moment (the row's key): the row is replaced."""
    ledger = bootstrap(resolve_store(database_url))
    try:
        relationship = Relationship.register("acme", "Acme", "ann", date(2025, 5, 2), "coach")
        relationship.assign_owner("bea", date(2025, 5, 2), "coach")
        first, second = relationship.pending_events
        object.__setattr__(second, "timestamp", first.timestamp)
        ledger.save(relationship)
        with ledger.read_models.engine.begin() as connection:
            connection.execute(dated.delete())
        catch_up(ledger, ledger.read_models, batch_size=1)
        with ledger.read_models.engine.connect() as connection:
            rows = connection.execute(select(dated.c.valid_from, dated.c.known_to, dated.c.inputs)).all()
        assert [(day, known_to, unpacked_inputs(text).owner) for day, known_to, text in rows] == [(date(2025, 5, 2), None, "bea")]
    finally:
        ledger.close()


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)), st.dates())
def test_moments_and_dates_kept_as_numbers_on_sqlite_come_back_exactly(moment, day):
    dialect = sqlite.dialect()
    assert Instant().process_result_value(Instant().process_bind_param(moment, dialect), dialect) == moment
    assert Day().process_result_value(Day().process_bind_param(day, dialect), dialect) == day


def test_a_day_another_writer_has_added_is_left_out_not_refused(database_url):
    """Two processes of a rebuild may each find a new business date with a value and add it to
    kam_profit_days: the one that comes second leaves the day out (in the statement itself, ON
    CONFLICT DO NOTHING, so it holds however the two interleave) and adds its other days."""
    from sqlalchemy import select

    from kamledger.projections.tables import insert_unless_there, profit_days

    ledger = bootstrap(resolve_store(database_url))
    try:
        engine = ledger.read_models.engine
        with engine.connect() as first, engine.connect() as second:
            first.begin()
            insert_unless_there(first, profit_days, [{"day": date(2025, 5, 2)}])
            first.commit()
            second.begin()
            insert_unless_there(second, profit_days, [{"day": date(2025, 5, 2)}, {"day": date(2025, 5, 3)}])
            second.commit()
        with engine.connect() as connection:
            assert connection.execute(select(profit_days.c.day).order_by(profit_days.c.day)).scalars().all() == [
                date(2025, 5, 2), date(2025, 5, 3)]
    finally:
        ledger.close()


def test_moves_walked_while_a_fact_came_in_are_not_kept(database_url):
    """A read walks the tier moves from the first stale date and keeps them only if no change came
    in since it read the state: a fact entered meanwhile (another process's command) leaves the
    moves stale from its date, and the next read walks again."""
    from kamledger.service.commands.entry import make_entry

    ledger = bootstrap(resolve_store(database_url))
    try:
        ledger.register_client("acme", "Acme", "ann", make_entry("2025-05-02", "ann"))
        dated_reads = ledger.read_models.dated
        stale_from, changes = dated_reads.moves_state()
        assert stale_from == date.min  # nothing walked yet
        ledger.record_value("acme", "2025", "900", "100", make_entry("2025-06-01", "ann"))
        ledger.catch_up()
        assert dated_reads.keep_moves(date(2025, 5, 2), date(2025, 12, 31), [], None, changes) is False
        assert dated_reads.moves_state()[0] == date.min
        assert [move["to_tier"] for move in ledger.tier_moves(None, date(2025, 12, 31))] == ["silver"]
        assert dated_reads.moves_state()[0] is None  # kept
        ledger.record_value("acme", "2024", "100", "900", make_entry("2025-05-20", "ann"))
        ledger.catch_up()
        assert dated_reads.moves_state()[0] == date(2025, 5, 20)  # back-dated: stale from its date
    finally:
        ledger.close()
