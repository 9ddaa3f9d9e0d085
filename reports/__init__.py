"""Coaching review reports: the data of a period, its charts, and the Markdown or HTML file."""
