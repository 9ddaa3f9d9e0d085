"""Single-threaded: a key account that hangs by one thread, one person at the client or one of ours.

The rule has its own module because both the relationship map (domain/people.py) and the dated tier
inputs (domain/business_time.py, for the tier policy's ``single_threaded`` condition) read it.
"""

from collections.abc import Iterable


def is_single_threaded(threads: Iterable[tuple[str, str]]) -> bool:
    """Everything runs through one person at the client or one person of ours: the live links
    (person, ours) touch only one of either. A client with no link at all is unmapped, not single-threaded."""
    pairs = set(threads)
    return bool(pairs) and (len({p for p, _ in pairs}) == 1 or len({o for _, o in pairs}) == 1)
