"""Tiers set by hand: with a reason, winning over the policy until cleared."""

from pytest_bdd import scenarios

scenarios("overrides.feature")
