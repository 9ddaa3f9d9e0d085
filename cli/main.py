"""kam: the command line of kamledger. It parses, calls the ledger and prints; nothing more."""

import gc
import os
import sys
from typing import Annotated

import typer

from kamledger.cli import analytics, attractiveness, batch, clients, effort, exports, goals, imports, people, plans, projections, prospects, reports, review, surveys, tiers, trust
from kamledger.cli.app import DATA, PORTFOLIO, RECORD, At, By, Key, batchable, entry, in_batch, new_app, open_ledger
from kamledger.cli.output import say, tier_changes
from kamledger.domain.errors import InvalidInput

app = new_app(
    "kamledger: record how each key-account relationship develops, and see why a client is "
    "gold, silver or bronze.",
    completion=True,
)
app.add_typer(clients.app, name="client", rich_help_panel=RECORD)
app.add_typer(plans.app, name="plan", rich_help_panel=RECORD)
app.add_typer(goals.app, name="goal", rich_help_panel=RECORD)
app.add_typer(prospects.app, name="prospect", rich_help_panel=RECORD)
reports.add_to(app)
app.add_typer(tiers.app, name="tiers", rich_help_panel=PORTFOLIO)
app.add_typer(surveys.app, name="surveys", rich_help_panel=PORTFOLIO)
analytics.add_to(app)
app.command(rich_help_panel=PORTFOLIO)(review.review)
app.command("plans", rich_help_panel=PORTFOLIO)(plans.plans)
app.command("key-clients", rich_help_panel=PORTFOLIO)(review.key_clients)
app.add_typer(prospects.pipeline_app, name="pipeline", rich_help_panel=PORTFOLIO)
trust.add_to(app)
app.command("import", rich_help_panel=DATA)(imports.import_)
app.command("export", rich_help_panel=DATA)(exports.export)
app.command(rich_help_panel=DATA)(batch.batch)
app.add_typer(projections.app, name="projections", rich_help_panel=DATA)


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="URL", help="Database URL (default: $KAM_DATABASE_URL, else a SQLite file in your data directory)."),
    ] = None,
) -> None:
    """Global options."""


Reason = Annotated[str | None, typer.Option("--reason", help="Why (required).")]
Note = Annotated[str | None, typer.Option("--note", help="What was observed (required).")]


@app.command(rich_help_panel=RECORD)
@batchable
def owner(ctx: typer.Context, key: Key, name: Annotated[str, typer.Argument(metavar="OWNER", help="The account owner.")], at: At = None, by: By = None) -> None:
    """Assign the client's account owner."""
    tier_changes(open_ledger(ctx).assign_owner(key, name, entry(at, by)))
    say(f"{key}: owner is now {name}")


@app.command(rich_help_panel=RECORD)
@batchable
def score(
    ctx: typer.Context,
    key: Key,
    answers: Annotated[str | None, typer.Option("--answers", metavar="N,N,...", help="The 12 answers, each 1-10, in question order. Without it, on a terminal, each question is asked in turn.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="Optional note on this scoring.")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Score the client on the attractiveness scorecard (12 questions, total out of 120)."""
    from kamledger.domain.scorecard import MAX_TOTAL, band_for, parse_answers

    ledger = open_ledger(ctx)
    the_entry = entry(at, by)
    if answers is not None:
        given = parse_answers(answers)
    elif sys.stdin.isatty():
        given = _ask_questions(ledger.questionnaire.questions)
    else:
        raise InvalidInput("give --answers with 12 numbers from 1 to 10 (or run on a terminal to be asked)")
    changes = ledger.score(key, given, note, the_entry)
    total = sum(given)
    say(f"{key}: scored {total}/{MAX_TOTAL} ({band_for(total).value})")
    tier_changes(changes)
    if in_batch.get():  # a batch runs quietly: nothing to advise
        return
    from kamledger.service.queries.pipeline import Pipeline

    if advice := Pipeline(ledger).advice(key):
        say(f"  recommended: {advice['recommendation']} (a prospect in the {advice['band']} band)")


def _ask_questions(questions: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(_ask(f"{number:>2}. {question} (1-10)") for number, question in enumerate(questions, start=1))


def _ask(question: str) -> int:
    while True:
        answer = typer.prompt(question, type=int)
        if 1 <= answer <= 10:
            return answer
        typer.echo("Please answer with a whole number from 1 to 10.")


@app.command(rich_help_panel=RECORD)
@batchable
def survey(
    ctx: typer.Context,
    key: Key,
    satisfaction: Annotated[int, typer.Option("--satisfaction", help="Overall satisfaction, 1-10.")],
    nps: Annotated[int, typer.Option("--nps", help="How likely they are to recommend us, 0-10.")],
    comment: Annotated[str | None, typer.Option("--comment", help="Their comment, if any.")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="How they answered: email, phone, meeting or web (default: unknown).")] = None,
    at: At = None,
    by: By = None,
) -> None:
    """Record the client's answers to a satisfaction survey."""
    changes = open_ledger(ctx).answer_survey(key, satisfaction, nps, comment, entry(at, by), channel)
    say(f"{key}: survey recorded (satisfaction {satisfaction}/10, NPS answer {nps})")
    tier_changes(changes)


@app.command(rich_help_panel=RECORD)
@batchable
def pyramid(
    ctx: typer.Context,
    key: Key,
    level: Annotated[str, typer.Argument(metavar="LEVEL", help="transactional, cooperation, partnership or synergy.")],
    reason: Reason = None,
    at: At = None,
    by: By = None,
) -> None:
    """Move the client up or down the cooperation pyramid, with a reason."""
    changes = open_ledger(ctx).change_pyramid_level(key, level, reason, entry(at, by))
    say(f"{key}: pyramid level is now {level.lower()}")
    tier_changes(changes)


@app.command(rich_help_panel=RECORD)
@batchable
def value(
    ctx: typer.Context,
    key: Key,
    revenue: Annotated[str, typer.Option("--revenue", help="Revenue in the period, e.g. 125000.00.")],
    cost: Annotated[str, typer.Option("--cost", help="Cost to serve in the period.")],
    period: Annotated[str, typer.Option("--period", help="2026, 2026-H1, 2026-Q1 or 2026-03. Recording a period again corrects it.")],
    at: At = None,
    by: By = None,
) -> None:
    """Record revenue and cost to serve for a period (profit contribution = revenue - cost)."""
    changes = open_ledger(ctx).record_value(key, period, revenue, cost, entry(at, by))
    say(f"{key}: value recorded for {period.upper()}")
    tier_changes(changes)


@app.command(rich_help_panel=RECORD)
@batchable
def note(
    ctx: typer.Context,
    key: Key,
    dimension: Annotated[str, typer.Argument(metavar="DIMENSION", help="strategic, referral, educational or potential.")],
    level: Annotated[str, typer.Option("--level", help="low, medium or high.")],
    text: Note = None,
    at: At = None,
    by: By = None,
) -> None:
    """Note a value dimension beyond money: strategic, referral, educational or potential."""
    changes = open_ledger(ctx).note_value_dimension(key, dimension, level, text, entry(at, by))
    say(f"{key}: {dimension.lower()} value noted as {level.lower()}")
    tier_changes(changes)


@app.command(rich_help_panel=RECORD)
@batchable
def feedback(
    ctx: typer.Context,
    key: Key,
    kind: Annotated[str | None, typer.Option("--kind", metavar="complaint|wish|praise", help="What the client said.")] = None,
    resolved: Annotated[int | None, typer.Option("--resolved", metavar="N", help="Feedback N was dealt with.")] = None,
    text: Note = None,
    at: At = None,
    by: By = None,
) -> None:
    """What a client said outside a survey (a complaint, a wish, praise), or --resolved N."""
    if (kind is None) == (resolved is None):
        raise InvalidInput("give either --kind or --resolved N")
    ledger = open_ledger(ctx)
    if resolved is not None:
        was = ledger.resolve_feedback(key, resolved, text or "", entry(at, by))
        say(f"{key}: {was} {resolved} resolved")
        return
    number = ledger.give_feedback(key, kind, text or "", entry(at, by))
    say(f"{key}: {kind.strip().lower()} {number} recorded")


@app.command(rich_help_panel=RECORD)
@batchable
def burden(
    ctx: typer.Context,
    key: Key,
    signal: Annotated[str, typer.Argument(metavar="SIGNAL", help="cost-to-serve, low-profit or harm-to-team.")],
    text: Note = None,
    resolved: Annotated[bool, typer.Option("--resolved", help="The burden signal no longer holds.")] = False,
    at: At = None,
    by: By = None,
) -> None:
    """Note a burden signal (or, with --resolved, that it no longer holds)."""
    ledger = open_ledger(ctx)
    if resolved:
        changes = ledger.resolve_burden(key, signal, text, entry(at, by))
        say(f"{key}: {signal.lower()} burden resolved")
    else:
        changes = ledger.note_burden(key, signal, text, entry(at, by))
        say(f"{key}: {signal.lower()} burden noted")
    tier_changes(changes)


@app.command(rich_help_panel=RECORD)
@batchable
def tier(
    ctx: typer.Context,
    key: Key,
    chosen: Annotated[str | None, typer.Argument(metavar="[TIER]", help="gold, silver or bronze.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the manual override; the policy decides again.")] = False,
    reason: Reason = None,
    at: At = None,
    by: By = None,
) -> None:
    """Set a client's tier by hand (a manual override, with a reason), or --clear it."""
    ledger = open_ledger(ctx)
    if clear == (chosen is not None):
        raise InvalidInput("give either a TIER or --clear")
    if clear:
        changes = ledger.clear_tier_override(key, reason, entry(at, by))
        say(f"{key}: tier override cleared")
    else:
        changes = ledger.override_tier(key, chosen, reason, entry(at, by))
        say(f"{key}: tier set by hand to {chosen.lower()}")
    tier_changes(changes)


attractiveness.add_to(app)  # after the recording commands above, in `kam --help`
effort.add_to(app)
people.add_to(app)


def run() -> None:
    """The `kam` program. Once the command has printed and closed the ledger, the process ends
    at once: tearing down the imported libraries took longer than a small command itself.
    The cyclic garbage collector waits until the ledger is open (see open_ledger): start-up
    allocates much and frees little, and collecting during it cost more than the command."""
    gc.disable()
    try:
        app.narrowed_to("kam", sys.argv[1:], {"--db": True}, whole_tree={"batch"})(prog_name="kam")
        status = 0
    except SystemExit as exit:
        status = exit.code
    if not isinstance(status, int):  # None, or a message to end with
        if status is not None:
            print(status, file=sys.stderr)
        status = 0 if status is None else 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: what was lost cannot be said anywhere
        status = status or 1
    os._exit(status)
