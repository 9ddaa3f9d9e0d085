"""How a change that meets a concurrent writer is tried again."""

import random
import time
from collections.abc import Iterator

ATTEMPTS = 8  # a save that meets a concurrent change is reloaded and re-applied this often
FIRST_PAUSE_SECONDS = 0.005  # before a retry, a random pause up to this, doubling with each retry


def attempts() -> Iterator[int]:
    """Tries at a change that may meet concurrent writers; random pauses spread colliding writers."""
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(random.uniform(0, FIRST_PAUSE_SECONDS * 2**attempt))
        yield attempt
