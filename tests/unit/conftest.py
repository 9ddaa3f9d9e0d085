"""Builders for domain tests: relationships and their events, with no database."""

from datetime import date

import pytest
from eventsourcing.application import Application

from kamledger.domain.relationship import Relationship
from kamledger.domain.scorecard import Questionnaire
from kamledger.service.infrastructure.transcodings import DateAsISO

BY = "coach"
REGISTERED_ON = date(2025, 1, 6)


class ReplayApplication(Application):
    """The library's application on its default in-memory (POPO) store, with our transcodings."""

    def register_transcodings(self, transcoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())


@pytest.fixture
def questionnaire() -> Questionnaire:
    return Questionnaire("v1", tuple(f"Question {n}?" for n in range(1, 13)))


@pytest.fixture
def acme() -> Relationship:
    return Relationship.register("acme", "Acme GmbH", "ann", REGISTERED_ON, BY)


@pytest.fixture
def replayed():
    """Saves a relationship's pending events in an in-memory store and loads it back."""
    application = ReplayApplication()

    def replay(relationship: Relationship) -> Relationship:
        application.save(relationship)
        return application.repository.get(relationship.id)

    yield replay
    application.close()
