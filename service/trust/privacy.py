"""Private notes: per-client keys that seal free text, the ledger's encryption mark, forgetting.

Each client's notes, comments and reasons (domain/privacy.py) are sealed with that client's own
AES key before they are stored, in the events and in the timeline read model alike. The keys live
in ``kam_client_keys``, wrapped by KAM_CIPHER_KEY when the ledger is encrypted. ``forget``
destroys one client's key (crypto-shredding): its sealed texts then read "(forgotten)", while the
events themselves, and so the hash chain, stay as they were.
"""

from base64 import b64decode, b64encode
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from eventsourcing.persistence import Mapper, MapperDeserialisationError, StoredEvent
from eventsourcing.utils import Environment, TopicError
from sqlalchemy import (
    Boolean, Column, Connection, DateTime, Engine, Integer, LargeBinary, MetaData, String, Table, select, text, update,
)
from sqlalchemy.exc import IntegrityError

from kamledger.domain.errors import KamError, LedgerUnavailable, RuleViolation
from kamledger.domain.privacy import FORGOTTEN
from kamledger.domain.people import person_key_id
from kamledger.domain.relationship import PERSON_SEALED, PERSONAL_FIELDS
from kamledger.service.infrastructure.fast_paths import event_with_state

if TYPE_CHECKING:  # the cipher's library takes ~25 ms to import: only commands that seal or open text pay it
    from eventsourcing.cryptography import AESCipher

CHECK = b"kamledger"
FORGOTTEN_KEY = b""  # what the keyring remembers of a forgotten client's key

metadata = MetaData()
marks = Table(  # one row: is this ledger encrypted, and a text sealed by its key to recognise the key
    "kam_privacy", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("encrypted", Boolean, nullable=False),
    Column("check", LargeBinary),
)
client_keys = Table(
    "kam_client_keys", metadata,
    Column("client_id", String(36), primary_key=True),
    Column("key", LargeBinary),  # None once forgotten
    Column("forgotten_at", DateTime(timezone=True)),
)


class LedgerDamaged(KamError):
    """A stored event cannot be read back."""


class ClientForgotten(RuleViolation):
    def __init__(self) -> None:
        super().__init__("this client was forgotten (kam forget): no notes, comments or reasons can be recorded for it")


class PersonForgotten(RuleViolation):
    def __init__(self) -> None:
        super().__init__("this person was forgotten (kam forget --person): nothing can be recorded about them")


# What a forgotten person's events say about them besides their texts: shown as forgotten too.
ABOUT_THE_PERSON = ("level", "department", "stance", "decides")


def sealing_id(client_id: str, kind: str, fields: Mapping[str, Any]) -> str:
    """Whose key seals an event's personal texts: the person's, for the events about one person at
    the client (kam forget --person destroys it alone), else the client's."""
    person = fields.get("person")
    return person_key_id(client_id, person) if kind in PERSON_SEALED and isinstance(person, str) else client_id


def cipher_of(key: str) -> "AESCipher":
    """AES-GCM with the given key (the library's cipher on the cryptography package)."""
    from eventsourcing.cryptography import AESCipher

    return AESCipher(Environment(env={AESCipher.CIPHER_KEY: key}))


def new_key() -> str:
    from eventsourcing.cryptography import AESCipher

    return AESCipher.create_key(32)


class Keyring:
    """The clients' keys, read once per process and created on a client's first sealed text."""

    def __init__(self, engine: Engine, master: "AESCipher | None"):
        self.engine, self.master = engine, master
        self._keys: dict[str, bytes | None] = {}  # as stored, wrapped; None once forgotten
        self._ciphers: dict[str, "AESCipher"] = {}

    def open(self, has_events: bool) -> None:
        """Check the ledger's mark against KAM_CIPHER_KEY (marking a new ledger)."""
        metadata.create_all(self.engine, checkfirst=True)
        with self.engine.begin() as connection:
            mark = connection.execute(select(marks)).first()
            if mark is None:
                if has_events and self.master:
                    raise LedgerUnavailable("this ledger was started without encryption: unset KAM_CIPHER_KEY")
                check = self.master.encrypt(CHECK) if self.master else None
                try:
                    with connection.begin_nested():
                        connection.execute(marks.insert().values(id=1, encrypted=bool(self.master), check=check))
                except IntegrityError:  # another process marked it first
                    pass
                mark = connection.execute(select(marks)).one()
        if mark.encrypted and not self.master:
            raise LedgerUnavailable("this ledger is encrypted: set KAM_CIPHER_KEY to its key")
        if not mark.encrypted and self.master:
            raise LedgerUnavailable("this ledger is not encrypted: unset KAM_CIPHER_KEY")
        if self.master and not self._opens(mark.check):
            raise LedgerUnavailable("KAM_CIPHER_KEY is not the key of this ledger")

    def _opens(self, check: bytes) -> bool:
        try:
            return self.master.decrypt(check) == CHECK
        except ValueError:
            return False

    def seal(self, client_id: str, value: str, key_id: str | None = None) -> dict[str, str]:
        """The text sealed with the key of key_id (the client's unless a person's: sealing_id)."""
        if key_id is not None and key_id != client_id and self.is_forgotten(client_id):
            raise ClientForgotten()  # a forgotten client's people are forgotten with it
        cipher = self._cipher(key_id or client_id, create=True)
        if cipher is None:
            raise ClientForgotten() if key_id in (None, client_id) else PersonForgotten()
        return {"sealed": b64encode(cipher.encrypt(value.encode())).decode()}

    def unseal(self, client_id: str, value: Any) -> Any:
        if not (isinstance(value, dict) and set(value) == {"sealed"}):
            return value  # written before sealing, or not a text
        cipher = self._cipher(client_id, create=False)
        return FORGOTTEN if cipher is None else cipher.decrypt(b64decode(value["sealed"])).decode()

    def seal_fields(self, client_id: str, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
        key_id = sealing_id(client_id, kind, fields)
        return _changed(fields, kind, str, lambda text: self.seal(client_id, text, key_id))

    def unseal_fields(self, client_id: str, kind: str, fields: dict[str, Any]) -> dict[str, Any]:
        """The fields with their personal texts opened; a forgotten person's events name no one."""
        key_id = sealing_id(client_id, kind, fields)
        if key_id != client_id and (self.is_forgotten(key_id) or self.is_forgotten(client_id)):
            gone = [name for name in (*PERSONAL_FIELDS.get(kind, ()), *ABOUT_THE_PERSON) if fields.get(name) is not None]
            return {**fields, "person": FORGOTTEN, **{name: FORGOTTEN for name in gone}}
        return _changed(fields, kind, dict, lambda sealed: self.unseal(key_id, sealed))

    def is_forgotten(self, client_id: str) -> bool:
        return self._stored_key(client_id) is FORGOTTEN_KEY

    def destroy(self, client_id: str, *more: str) -> None:
        """Crypto-shredding: the keys (a client's, its people's) are overwritten in place
        (secure_delete) and the file compacted."""
        with self.engine.connect() as connection, _deleted_bytes_overwritten(connection):
            forgotten = {"key": None, "forgotten_at": datetime.now(UTC)}
            for key_id in (client_id, *more):
                done = connection.execute(update(client_keys).where(client_keys.c.client_id == key_id).values(**forgotten))
                if done.rowcount == 0:
                    connection.execute(client_keys.insert().values(client_id=key_id, **forgotten))
            connection.commit()
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            if self.engine.dialect.name == "sqlite":
                connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
            elif self.engine.dialect.name == "postgresql":
                connection.execute(text("VACUUM FULL kam_client_keys"))
        for key_id in (client_id, *more):
            self._keys[key_id] = FORGOTTEN_KEY
            self._ciphers.pop(key_id, None)

    def make_keys(self, client_ids: set[str]) -> None:
        """Keys for those of the clients that have none yet, read and made together: a bulk save
        seals the texts of many new clients, and one transaction each cost more than the save."""
        if unread := [client_id for client_id in client_ids if client_id not in self._keys]:
            self._read(unread)
        made = {client_id: self._wrapped(new_key().encode()) for client_id in client_ids if self._keys[client_id] is None}
        if made:
            try:
                with self.engine.begin() as connection:
                    connection.execute(client_keys.insert(), [{"client_id": c, "key": key} for c, key in made.items()])
            except IntegrityError:  # another process made one of them first: read them again when needed
                for client_id in made:
                    del self._keys[client_id]
                return
            self._keys.update(made)

    def read_keys(self, client_ids: set[str]) -> None:
        """Read the keys of many clients at once, before their texts are opened (a portfolio's
        worth of texts opened one key read each took longer than the rest of a review)."""
        unread = sorted(client_id for client_id in client_ids if client_id not in self._keys)
        for first in range(0, len(unread), 500):
            self._read(unread[first:first + 500])

    def _wrapped(self, key: bytes) -> bytes:
        return self.master.encrypt(key) if self.master else key

    def _stored_key(self, client_id: str) -> bytes | None:
        """The client's key as stored (None if it has none yet, FORGOTTEN_KEY once forgotten), read
        once: a command touches few of a portfolio's thousands of clients."""
        if client_id not in self._keys:
            self._read([client_id])
        return self._keys[client_id]

    def _read(self, client_ids: list[str]) -> None:
        """The clients' keys as stored, into the keyring."""
        with self.engine.connect() as connection:
            query = select(client_keys.c.client_id, client_keys.c.key).where(client_keys.c.client_id.in_(client_ids))
            stored = dict(connection.execute(query).tuples().all())
        self._keys.update({c: None if c not in stored else FORGOTTEN_KEY if stored[c] is None else stored[c] for c in client_ids})

    def _cipher(self, client_id: str, create: bool) -> "AESCipher | None":
        if create and self._stored_key(client_id) is None:
            self.make_keys({client_id})
        stored = self._stored_key(client_id)
        if stored is None or stored is FORGOTTEN_KEY:
            return None
        if client_id not in self._ciphers:
            self._ciphers[client_id] = cipher_of((self.master.decrypt(stored) if self.master else stored).decode())
        return self._ciphers[client_id]


@contextmanager
def _deleted_bytes_overwritten(connection: Connection) -> Iterator[None]:
    """SQLite keeps deleted bytes in free space unless told to overwrite them: on while a key is
    destroyed, whatever the build's default (the read models' engine turns it off)."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        yield
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA secure_delete = OFF")


def nobody_named(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A forgotten client's event as it may be shown: its texts stay sealed, its people unnamed."""
    return {**fields, "person": FORGOTTEN} if kind in PERSON_SEALED and "person" in fields else fields


def event_sealing_id(event: Any) -> str:
    """Whose key seals the event's personal texts (sealing_id)."""
    return sealing_id(str(event.originator_id), type(event).__name__, vars(event))


def has_personal_text(event: Any) -> bool:
    """Whether the event carries a personal text to seal."""
    return any(isinstance(getattr(event, name, None), str) for name in PERSONAL_FIELDS.get(type(event).__name__, ()))


def _changed(fields: dict[str, Any], kind: str, of_type: type, change: Any) -> dict[str, Any]:
    """The fields with each personal one of the given type changed (texts sealed, or sealed ones
    opened); the fields themselves when there is none (most events), without copying them."""
    names = [name for name in PERSONAL_FIELDS.get(kind, ()) if isinstance(fields.get(name), of_type)]
    return {**fields, **{name: change(fields[name]) for name in names}} if names else fields


class SealingMapper(Mapper):
    """The library's mapper, sealing a client's personal texts on the way in; an unreadable stored
    event becomes one clear error. Events read back keep their texts sealed (no aggregate needs
    them, and opening costs time): the timeline opens them when they are shown."""

    keyring: Keyring | None = None

    def to_stored_event(self, domain_event: Any) -> StoredEvent:
        kind = type(domain_event).__name__
        if self.keyring and kind in PERSONAL_FIELDS and type(domain_event).__qualname__.startswith("Relationship."):
            # (the events about one person are sealed with that person's key: seal_fields, sealing_id)
            state = self.keyring.seal_fields(str(domain_event.originator_id), kind, dict(vars(domain_event)))
            domain_event = event_with_state(domain_event, state)
        return super().to_stored_event(domain_event)

    def to_domain_event(self, stored_event: StoredEvent) -> Any:
        try:
            domain_event = super().to_domain_event(stored_event)
        except (MapperDeserialisationError, TopicError) as error:
            raise LedgerDamaged(
                f"event {stored_event.originator_version} of {stored_event.originator_id} cannot be read "
                f"({type(error).__name__}): is KAM_CIPHER_KEY right? 'kam verify' checks the log"
            ) from None
        return domain_event
