"""Trust: the hash chain over the event log, sealed personal texts and their keys, backups."""
