"""Tamper evidence: a hash chain over the whole event log, kept beside it in ``kam_chain``.

Each link covers one stored event as it lies in the database (originator id, version, topic and
state bytes — ciphertext when the ledger is encrypted — and its notification id) and the link
before it. The links of a save are written in the save's own transaction
(service/trust/chained_recorders.py); ``extend`` chains whatever a writer without them left behind.
``verify`` recomputes the chain from the raw event rows and names the first break. It lives
outside the read models, so a rebuild never touches it.

With a chain key (KAM_CHAIN_KEY, else one derived from KAM_CIPHER_KEY) each link is an HMAC, so
nobody without the key can rewrite the log and the chain together consistently. A ledger keyed
later keeps its earlier plain links: the first keyed link covers them, and no plain link may
follow a keyed one. ``verify --expect HEAD`` checks that a head written down elsewhere is still
in the chain.

A link is stored as its event's notification id and the link's hash, as 32 raw bytes: each link's
previous hash is the hash of the link before it, and its event's digest is made again from the
event when the chain is verified, so neither is kept. A chain of an earlier format (hex text with
the previous hash and the digest, before 2026-12; then raw bytes with the digest) is converted when
the ledger is opened (``Chain.__init__``); the hashes are the same, so a head written down earlier
still verifies.
"""

import hashlib
import hmac
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, Notification
from sqlalchemy import BigInteger, Column, Connection, Engine, Integer, LargeBinary, MetaData, Table, inspect, select, text
from sqlalchemy.exc import IntegrityError

from kamledger.projections.tables import insert_rows

GENESIS = "0" * 64
PAGE = 5000
PAUSE, PATIENCE = 0.005, 100  # seconds, times: how long to wait for other writers to chain theirs

chain = Table(
    "kam_chain",
    MetaData(),
    # INTEGER on SQLite makes it the table's row id rather than a second index to keep
    Column("notification_id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("hash", LargeBinary(32), nullable=False),  # of the previous link's hash, the notification id and the event's digest
)


def digest(event: Notification) -> str:
    """SHA-256 of the stored record, each part length-prefixed so no two records hash alike."""
    state = event.state.encode() if isinstance(event.state, str) else bytes(event.state)  # a hand edit may store text
    parts = (str(event.originator_id).encode(), str(event.originator_version).encode(), event.topic.encode(), state)
    sha = hashlib.sha256()
    for part in parts:
        sha.update(len(part).to_bytes(8, "big"))
        sha.update(part)
    return sha.hexdigest()


def _next_in_log(saved: Sequence[Notification], next_id: int) -> bool:
    """The saved events are the log's next ones: one run of ids, from the first after the head."""
    ids = [event.id for event in saved]
    return bool(ids) and ids[0] == next_id and ids == list(range(next_id, next_id + len(ids)))


def link(previous_hash: str, notification_id: int, event_digest: str, key: bytes | None = None) -> str:
    """The hash of a link: SHA-256, or HMAC-SHA-256 under the chain key."""
    message = f"{previous_hash}:{notification_id}:{event_digest}".encode()
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def link_rows(previous: str, events: Sequence[Notification], key: bytes | None,
              digests: dict[int, str] | None = None) -> list[dict[str, Any]]:
    """The chain rows of events that follow the link whose hash is ``previous``."""
    rows = []
    for event in events:
        event_digest = (digests or {}).get(event.id) or digest(event)
        current = link(previous, event.id, event_digest, key)
        rows.append({"notification_id": event.id, "hash": bytes.fromhex(current)})
        previous = current
    return rows


def upgrade(connection: Connection) -> bool:
    """Convert a chain of an earlier format to the present one, in the connection's transaction:
    the first (hex text, each link with its previous hash and digest) or the second (raw bytes, each
    link with its digest); False when there is nothing to convert."""
    columns = {column["name"] for column in inspect(connection).get_columns(chain.name)}
    if "previous_hash" not in columns:
        if "digest" not in columns:
            return False
        connection.execute(text(f"ALTER TABLE {chain.name} DROP COLUMN digest"))
        return True
    connection.execute(text(f"ALTER TABLE {chain.name} RENAME TO {chain.name}_hex"))
    if connection.dialect.name == "postgresql":  # its primary key's index keeps the old name: free it
        connection.execute(text(f"ALTER INDEX IF EXISTS {chain.name}_pkey RENAME TO {chain.name}_hex_pkey"))
    chain.create(connection)
    old = text(f"SELECT notification_id, hash FROM {chain.name}_hex WHERE notification_id > :after "
               f"ORDER BY notification_id LIMIT {PAGE * 10}")
    after = -1
    while page := connection.execute(old, {"after": after}).all():
        insert_rows(connection, chain, [{"notification_id": i, "hash": bytes.fromhex(h)} for i, h in page])
        after = page[-1][0]
    connection.execute(text(f"DROP TABLE {chain.name}_hex"))
    return True


@dataclass(frozen=True)
class Break:
    """The first place where the log and its chain disagree."""

    notification_id: int
    kind: str  # edited, missing, inserted, reordered, chain-edited
    detail: str


@dataclass(frozen=True)
class ChainVerdict:
    events: int
    chained: int
    head: str | None
    unchained: int  # newest events not chained yet (a command chains them)
    broken: Break | None
    keyed: int = 0  # links that are HMACs under the chain key (verified with the key only)
    expected_at: int | None = None  # the event whose link is the expected head, when one was given

    @property
    def intact(self) -> bool:
        return self.broken is None

    def to_dict(self) -> dict[str, Any]:
        broken = self.broken and {"notification_id": self.broken.notification_id, "kind": self.broken.kind,
                                  "detail": self.broken.detail}
        return {"intact": self.intact, "events": self.events, "chained": self.chained, "head": self.head,
                "unchained": self.unchained, "keyed": self.keyed, "expected_at": self.expected_at, "broken": broken}


class Chain:
    def __init__(self, recorder: ApplicationRecorder, engine: Engine, key: bytes | None = None):
        self.recorder = recorder
        self.engine = engine
        self.key = key
        with engine.begin() as connection:
            if inspect(connection).has_table(chain.name):
                upgrade(connection)
            else:
                chain.create(connection, checkfirst=True)

    def head(self) -> tuple[int | None, str]:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(chain.c.notification_id, chain.c.hash).order_by(chain.c.notification_id.desc()).limit(1)
            ).first()
        return (row.notification_id, row.hash.hex()) if row else (None, GENESIS)

    def extend(self, saved: Sequence[Notification] = ()) -> int:
        """Chain every event after the head; returns how many. The events just saved are chained
        as the save returned them when they are the next ones in the log (not read back); anything
        else is read from the log. Safe beside other writers: the first link of a batch is the
        previous head's successor, so two processes collide on it.

        When other writers' events come first, it waits for them to chain theirs, half a second at
        most (then it chains them itself, as it must after a writer that crashed): two bulk writers
        that each chained both their own and the other's events spent a third of their time on it."""
        added = waits = 0
        digests = {event.id: digest(event) for event in saved}  # made before any wait, beside the other writer
        while True:
            position, previous = self.head()
            following = self.recorder.select_notifications(start=position, limit=1, inclusive_of_start=False)
            if not following:
                return added
            if _next_in_log(saved, following[0].id):
                events, saved = list(saved), ()
            elif saved and following[0].id < saved[0].id and waits < PATIENCE:
                waits += 1
                time.sleep(PAUSE)
                continue
            else:
                events = self.recorder.select_notifications(start=position, limit=PAGE, inclusive_of_start=False)
            rows = link_rows(previous, events, self.key, digests)
            try:
                with self.engine.begin() as connection:
                    insert_rows(connection, chain, rows)
            except IntegrityError:
                continue  # another process chained them first: read the head again
            added += len(rows)

    def verify(self, expected: str | None = None) -> ChainVerdict:
        """Walk the raw event rows beside the chain; stop at the first break. With the chain key,
        plain links may only come before the first keyed one, and the newest must be keyed; an
        expected head must be the hash of one of the links."""
        events, links = self._events(), self._links()
        event, row = next(events, None), next(links, None)
        previous, counted, chained, keyed, expected_at = GENESIS, 0, 0, 0, None
        newest_keyed, last_id = False, 0
        while row is not None:
            if event is None or event.id > row.notification_id:
                return self._verdict(counted, chained, Break(row.notification_id, "missing",
                                     f"event {row.notification_id} was chained but is no longer in the log"))
            if event.id < row.notification_id:
                return self._verdict(counted, chained, Break(event.id, "inserted",
                                     f"event {event.id} is in the log but was never chained"))
            found = digest(event)
            following = next(events, None)
            signed = self.key is not None and row.hash == link(previous, row.notification_id, found, self.key)
            plain = not signed and not keyed and row.hash == link(previous, row.notification_id, found)
            if not (signed or plain):
                following_row = next(links, None)
                return self._verdict(counted, chained, self._mismatch(previous, row, found, following, following_row, keyed > 0))
            keyed, newest_keyed = keyed + signed, signed
            if row.hash == expected:
                expected_at = row.notification_id
            previous, counted, chained, last_id = row.hash, counted + 1, chained + 1, row.notification_id
            event, row = following, next(links, None)
        unchained = 0
        while event is not None:
            unchained, event = unchained + 1, next(events, None)
        head = None if chained == 0 else previous
        broken = None
        if self.key is not None and chained and not newest_keyed:
            broken = Break(last_id, "unkeyed", f"the newest link (event {last_id}) is not keyed with this chain key: "
                           "the chain was rewritten without the key, or no command has run since the key was set")
        elif expected is not None and expected_at is None:
            broken = Break(last_id, "unexpected-head",
                           f"the expected head {expected} is not in the chain: the log and its chain were rewritten")
        return ChainVerdict(counted + unchained, chained, head, unchained, broken, keyed, expected_at)

    def _fits(self, previous: str, row: "Link", event_digest: str, keyed: bool) -> bool:
        """The link's hash follows from the one before and that digest (keyed, or plain where allowed)."""
        if self.key is not None and row.hash == link(previous, row.notification_id, event_digest, self.key):
            return True
        return not keyed and row.hash == link(previous, row.notification_id, event_digest)

    def _mismatch(self, previous: str, row: "Link", found: str, following: Notification | None,
                  following_row: "Link | None", keyed: bool) -> Break:
        """Tell an edit of the event from rows moved about and from an edit of the chain itself: whose
        content lies here, does the chain hold together past it?"""
        notification_id = row.notification_id
        if keyed and row.hash == link(previous, notification_id, found):  # the event is as chained, by a plain link
            return Break(notification_id, "chain-edited", f"the chain's own link at event {notification_id} is plain after keyed ones")
        elsewhere = self._chained_with(found)
        if elsewhere is not None and elsewhere != notification_id:
            return Break(notification_id, "reordered", f"event {notification_id} holds what was chained as event {elsewhere}")
        if following is not None and self._fits(previous, row, digest(following), keyed):
            return Break(notification_id, "inserted", f"event {notification_id} was never chained; what was chained there follows it")
        next_holds = (following is not None and following_row is not None and following_row.notification_id == following.id
                      and self._fits(row.hash, following_row, digest(following), keyed))
        if following_row is not None and not next_holds:
            hint = " (or it is keyed: verify with its key, KAM_CHAIN_KEY or KAM_CIPHER_KEY)" if self.key is None else ""
            return Break(notification_id, "chain-edited",
                         f"the chain's own link at event {notification_id} does not follow from the one before{hint}")
        return Break(notification_id, "edited", f"event {notification_id} differs from what was chained")

    def _verdict(self, counted: int, chained: int, broken: Break) -> ChainVerdict:
        return ChainVerdict(counted, chained, None, 0, broken)

    def _events(self) -> Iterator[Notification]:
        start = None
        while page := self.recorder.select_notifications(start=start, limit=PAGE, inclusive_of_start=False):
            yield from page
            start = page[-1].id

    def _links(self) -> Iterator["Link"]:
        start = -1
        while True:
            with self.engine.connect() as connection:
                page = connection.execute(
                    select(chain).where(chain.c.notification_id > start).order_by(chain.c.notification_id).limit(PAGE)
                ).all()
            if not page:
                return
            for notification_id, hash_ in page:  # as hex text, as the links are computed
                yield Link(notification_id, bytes(hash_).hex())
            start = page[-1].notification_id

    def _chained_with(self, event_digest: str) -> int | None:
        """The event whose link that digest fits, if any: a walk through the whole chain (only once
        the chain is found broken)."""
        previous = GENESIS
        for row in self._links():
            if self._fits(previous, row, event_digest, keyed=False):
                return row.notification_id
            previous = row.hash
        return None


@dataclass(frozen=True)
class Link:
    notification_id: int
    hash: str
