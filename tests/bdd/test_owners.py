"""Account owners: given at registration, handed over later, kept in the history."""

from pytest_bdd import scenarios

scenarios("owners.feature")
