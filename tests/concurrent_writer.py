"""One of the account managers of test_concurrency: enters N events for the shared clients, as
fast as it can, through the ledger service. Usage: concurrent_writer.py URL WRITER N KEY..."""

import random
import sys

from kamledger.service.entry import make_entry
from kamledger.service.ledger import Ledger
from kamledger.service.store import resolve_store


def main(url: str, writer: int, events: int, keys: list[str]) -> None:
    rng = random.Random(writer)
    ledger = Ledger(resolve_store(url))
    entry = make_entry("2026-06-01", f"writer-{writer}")
    for n in range(events):
        key = rng.choice(keys)
        if n % 4 == 3:
            level = rng.choice((3, 8, 9))  # a declining, a workable or an ideal score
            ledger.score(key, [level] * 12, f"writer {writer} entry {n}", entry)
        elif n % 2:
            ledger.answer_survey(key, rng.randint(1, 10), rng.randint(0, 10), f"writer {writer} entry {n}", entry)
        else:
            year, month = divmod(writer * events + n, 12)  # a month of its own, so no two entries clash
            revenue = rng.randint(0, 100_000)
            cost = rng.randint(0, 100_000) if rng.random() < 0.3 else revenue // 2
            ledger.record_value(key, f"{1800 + year}-{month + 1:02d}", str(revenue), str(cost), entry)
    ledger.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:])
