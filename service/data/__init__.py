"""Data in and out: CSV imports and the event log's export and import."""
