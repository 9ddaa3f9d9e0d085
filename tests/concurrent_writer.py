"""One of the account managers of test_concurrency: enters N events for the shared clients, as
fast as it can, through the ledger service. Usage: concurrent_writer.py URL WRITER N KEY..."""

import random
import sys
from functools import partial

from kamledger.domain.errors import RuleViolation
from kamledger.service.commands.entry import make_entry
from kamledger.service.bootstrap import bootstrap
from kamledger.service.infrastructure.store import resolve_store


def main(url: str, writer: int, events: int, keys: list[str]) -> None:
    rng = random.Random(writer)
    ledger = bootstrap(resolve_store(url))
    entry = make_entry("2026-06-01", f"writer-{writer}")
    for n in range(events):
        key = rng.choice(keys)
        if n % 4 == 3:
            level = rng.choice((3, 8, 9))  # a declining, a workable or an ideal score
            enter = partial(ledger.score, key, [level] * 12, f"writer {writer} entry {n}", entry)
        elif n % 2:
            enter = partial(ledger.answer_survey, key, rng.randint(1, 10), rng.randint(0, 10), f"writer {writer} entry {n}", entry)
        else:
            year, month = divmod(writer * events + n, 12)  # a month of its own, so no two entries clash
            revenue = rng.randint(0, 100_000)
            cost = rng.randint(0, 100_000) if rng.random() < 0.3 else revenue // 2
            enter = partial(ledger.record_value, key, f"{1800 + year}-{month + 1:02d}", str(revenue), str(cost), entry)
        enter_as_a_person_would(enter)
    ledger.close()


def enter_as_a_person_would(enter) -> None:
    """Told that the client kept changing under other writers (and that nothing was recorded), a
    person types the command again."""
    for _ in range(3):
        try:
            return enter()
        except RuleViolation as error:
            if "kept changing under concurrent writers" not in str(error):
                raise
            print(f"told: {error}", file=sys.stderr)
    enter()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
