"""The composition root: the one place where a ledger is put together.

The event store (the eventsourcing application, from the store's URL), the read models beside it,
the keyring that seals personal texts, the hash chain over the log and the record of settled
tiers: made here, in this order, and handed to the Ledger. Two processes creating a new ledger at
once may collide; the one refused tries again. A store that cannot be opened
(a file that is not a database, a server gone) is one line (service/infrastructure/faults.py).
"""

from typing import Any

from kamledger.domain.errors import LedgerUnavailable
from kamledger.domain.scorecard import Questionnaire
from kamledger.domain.tier_policy import TierPolicy
from kamledger.projections.log_index import positions_in_log
from kamledger.projections.read_models import ReadModels, read_models_engine
from kamledger.service.commands.ledger import Ledger
from kamledger.service.commands.retries import ATTEMPTS, attempts
from kamledger.service.commands.settling import Settling
from kamledger.service.infrastructure.faults import ledger_fault
from kamledger.service.infrastructure.store import Store
from kamledger.service.trust.chain import Chain
from kamledger.service.trust.privacy import Keyring


def bootstrap(store: Store, questionnaire: Questionnaire | None = None, policy: TierPolicy | None = None) -> Ledger:
    """The ledger in the store, wired and ready (the questionnaire and policy are read when
    first needed unless given)."""
    for attempt in attempts():
        try:
            return _wired(store, questionnaire, policy)
        except Exception as error:
            if attempt + 1 < ATTEMPTS and _met_concurrent_creation(error):
                continue
            fault = ledger_fault(error)
            if fault is None:
                raise
            where = store.url.render_as_string(hide_password=True)
            raise LedgerUnavailable(f"cannot open the ledger at {where}: {fault}") from None
    raise AssertionError("unreachable: the last attempt returns or raises")


def _wired(store: Store, questionnaire: Questionnaire | None, policy: TierPolicy | None) -> Ledger:
    ledger = Ledger(store, questionnaire, policy)  # the event store: recorder, mapper, repository
    engine = read_models_engine(store.url, _connect_args(store))
    keyring = Keyring(engine, store.master_cipher)
    keyring.open(has_events=bool(ledger.recorder.max_notification_id()))
    if hasattr(ledger.recorder, "chain_saves"):  # the native stores chain in the save's transaction
        ledger.recorder.chain_saves(store.chain_key)
    return ledger.wire(
        keyring=keyring,
        read_models=ReadModels(engine, keyring, positions_in_log(ledger.recorder)),
        chain=Chain(ledger.recorder, engine, store.chain_key),
        settling=Settling(ledger, engine),
    )


def _connect_args(store: Store) -> dict[str, Any]:
    if store.is_sqlite:
        return {"timeout": store.lock_timeout}
    return {"connect_timeout": store.connect_timeout}


def _met_concurrent_creation(error: Exception) -> bool:
    """Two processes creating the same tables at the same moment: each looks for a table, finds
    none and creates it, and the second is refused ('table ... already exists' on SQLite, 'relation
    ... already exists' on PostgreSQL, which may also say 'tuple concurrently updated' or name a
    duplicate row in pg_type). The one refused may simply try again: it then finds them."""
    return any(sign in str(error) for sign in ("already exists", "concurrently updated", "pg_type"))
