"""Tier policy v1: every rule shown firing, in order, and only real changes recorded."""

from pytest_bdd import scenarios

scenarios("tiers.feature")
