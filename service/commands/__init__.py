"""The write side: the typed commands, the application service that handles them one at a time or
in a unit of work (bulk), and what keeps tiers current after every change (settling)."""
