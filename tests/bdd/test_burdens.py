"""Burden signals: noted, they make a client bronze; resolved, the policy decides again."""

from pytest_bdd import scenarios

scenarios("burdens.feature")
