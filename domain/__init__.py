"""The kamledger domain: relationships, their events, value objects and the tier policy.

Plain Python and the eventsourcing library only: no I/O, no database, no command line.
"""
