"""The cyclic garbage collector, paused while many objects are made that live until the work ends.

The collector runs after every few hundred new objects and walks the young ones; when they all
survive (a save's events, a client's ten thousand timeline rows), it walks them again and again.
Such work leaves next to no cycles behind (hundreds per 40,000 events saved), so it runs with the
collector off, which is then turned on again if it was on.
"""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
