"""kam verify | backup | restore | keygen | forget: a ledger one can trust."""

from typing import Annotated

import typer

from kamledger.cli.app import TRUST, At, By, Json, Key, entry, open_ledger
from kamledger.cli.output import print_json, say
from kamledger.domain.errors import InvalidInput

File = Annotated[str, typer.Argument(metavar="FILE", help="The backup file.")]


def add_to(app: typer.Typer) -> None:
    app.command(rich_help_panel=TRUST)(verify)
    app.command(rich_help_panel=TRUST)(backup)
    app.command(rich_help_panel=TRUST)(restore)
    app.command(rich_help_panel=TRUST)(keygen)
    app.command(rich_help_panel=TRUST)(forget)


def verify(
    ctx: typer.Context,
    expect: Annotated[str | None, typer.Option("--expect", metavar="HEAD", help="A head printed by an earlier kam verify and kept elsewhere: exit 1 unless the chain still passes through it.")] = None,
    json: Json = False,
) -> None:
    """Check the hash chain over the event log; exit 1 at the first edited, missing, inserted or reordered event.

    With KAM_CHAIN_KEY (or KAM_CIPHER_KEY) the links are keyed, and the newest must be."""
    if expect is not None and not _is_head(expect):
        raise InvalidInput(f"--expect takes a head as kam verify prints it (64 hex digits), not '{expect}'")
    verdict = open_ledger(ctx, finish=False).chain.verify(expect.lower() if expect else None)
    if json:
        print_json(verdict.to_dict())
    elif verdict.intact:
        tail = f"; {verdict.unchained} newest not chained yet (the next command chains them)" if verdict.unchained else ""
        keyed = f" ({verdict.keyed} keyed)" if verdict.keyed else ""
        say(f"ledger intact: {verdict.chained} events chained{keyed}{tail}")
        if verdict.expected_at is not None:
            say(f"expected head found at event {verdict.expected_at}")
        if verdict.head:
            say(f"head {verdict.head}")
    else:
        broken = verdict.broken
        say(f"ledger BROKEN at event {broken.notification_id} ({broken.kind}): {broken.detail}")
    if not verdict.intact:
        raise typer.Exit(1)


def _is_head(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text.lower())


def backup(ctx: typer.Context, file: File) -> None:
    """Copy the whole ledger into a new FILE, consistently, while others may be writing."""
    from kamledger.service.trust.backup import backup as back_up

    back_up(_store(ctx), file)
    say(f"ledger backed up to {file}")


def restore(
    ctx: typer.Context,
    file: File,
    force: Annotated[bool, typer.Option("--force", help="Replace a ledger that already holds events.")] = False,
) -> None:
    """Restore a backup into an empty ledger (or, with --force, in place of this one) and verify it."""
    from kamledger.service.trust.backup import restore as restore_from

    verdict = restore_from(_store(ctx), file, force)
    say(f"ledger restored from {file}: {verdict.events} events")
    if not verdict.intact:
        broken = verdict.broken
        say(f"ledger BROKEN at event {broken.notification_id} ({broken.kind}): {broken.detail}")
        raise typer.Exit(1)
    say(f"chain intact, head {verdict.head}")


def _store(ctx: typer.Context):
    from kamledger.service.infrastructure.store import resolve_store

    return resolve_store(ctx.find_root().params.get("db"))


def keygen() -> None:
    """Print a new random key for KAM_CIPHER_KEY (keep it safe: without it an encrypted ledger cannot be read)."""
    from kamledger.service.trust.privacy import new_key

    say(new_key())


def forget(
    ctx: typer.Context,
    key: Key,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the client's notes are forgotten (required; kept readable).")] = None,
    person: Annotated[str | None, typer.Option("--person", metavar="PERSON", help="Forget one person at the client alone: their name, role and notes, and their place on the map.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Make a former client's notes, comments and reasons unreadable for good (its key is destroyed);
    tiers, scores, values and the chain stay. With --person, one person at the client alone."""
    if person is not None:
        open_ledger(ctx).forget_person(key, person, reason, entry(at, by))
        say(f"{key}: person {person.strip()} forgotten")
        return
    open_ledger(ctx).forget(key, reason, entry(at, by))
    say(f"{key}: personal notes forgotten")
