"""The key-clients page: one printable page for the whole company (the method: every employee can
name the key clients, and the relationship involves every level and department)."""

from collections.abc import Mapping, Sequence
from typing import Any

from kamledger.reports.report import Report, Section


def key_clients_page(clients: Sequence[Mapping[str, Any]], prepared: str) -> Report:
    """Each key client with its owner, pyramid level and, in one line, why it is key."""
    return Report(
        title="Our key clients",
        fields=(("Key clients", str(len(clients))), ("Prepared", prepared)),
        sections=(
            Section(
                "Who they are, who looks after them, and why they matter",
                ("Client", "Owner", "Cooperation", "Why it is key"),
                [(c["name"], c["owner"] or "no owner yet", c["pyramid_level"], c["why"]) for c in clients],
                empty="No client is gold yet.",
                lines=("Selectivity is about where we invest our time, never about how we treat anyone.",),
            ),
        ),
    )
