"""Coaching reviews: the file a coach writes for a period, for one client or the whole portfolio."""

import html
import re
from pathlib import Path

import pytest
from pytest_bdd import given, scenarios, then, when

from kamledger.reports.report import Section

from .commands import entry_args
from .portfolio import step_text

scenarios("review.feature")

SUFFIXES = {"HTML": ".html", "Markdown": ".md"}


class Reviews:
    """The review files a scenario writes, in order, in a folder of their own."""

    def __init__(self, folder: Path):
        folder.mkdir()
        self.folder, self.written = folder, []

    def next_file(self, kind: str) -> Path:
        path = self.folder / f"review-{len(self.written) + 1}{SUFFIXES[kind]}"
        self.written.append(path)
        return path

    def latest(self) -> str:
        return self.written[-1].read_text(encoding="utf-8")

    def section(self, title: str) -> str:
        text = self.latest()
        if self.written[-1].suffix == ".html":
            return text.split(f'<section id="{Section(title).anchor}">')[1].split("</section>")[0]
        return text.split(f"\n## {title}\n")[1].split("\n## ")[0]

    def rows(self, title: str) -> list[list[str]]:
        """The cells of each row of a section's table, as text."""
        part = self.section(title)
        if self.written[-1].suffix == ".html":
            return [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
                    for row in re.findall(r"<tr>(.*?)</tr>", part, re.S)]
        lines = [line for line in part.splitlines() if line.startswith("| ")]
        return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[1:]]


@pytest.fixture
def reviews(tmp_path) -> Reviews:
    return Reviews(tmp_path / "reviews")


def period_args(period: str) -> list[str]:
    """'for 2026' or 'from 2026-04-01 to 2026-06-30', as kam review's options."""
    if match := re.fullmatch(r"for (\d{4})", period):
        return ["--from", f"{match[1]}-01-01", "--to", f"{match[1]}-12-31"]
    start, end = re.fullmatch(r"from (\S+) to (\S+)", period).groups()
    return ["--from", start, "--to", end]


@given(step_text('{who} reviewed "{key}" from {start} to {end}', dated=True))
def reviewed(portfolio, reviews, key, start, end, day=None, by=None):
    out = reviews.next_file("Markdown")
    portfolio.record("review", key, "--from", start, "--to", end, "--out", str(out), *entry_args(day, by))


@when(step_text('{who} writes the review of "{key}" {period*} as {kind}', dated=True), target_fixture="attempt")
def writes_the_review(portfolio, reviews, key, period, kind, day=None, by=None):
    out = reviews.next_file(kind)
    return portfolio.attempt("review", key, *period_args(period), "--out", str(out), *entry_args(day, by))


@when(step_text('{who} writes the portfolio review {period*} as {kind}', dated=True), target_fixture="attempt")
def writes_the_portfolio_review(portfolio, reviews, period, kind, day=None, by=None):
    out = reviews.next_file(kind)
    return portfolio.attempt("review", "--all", *period_args(period), "--out", str(out), *entry_args(day, by))


@then("the review shows the score chart")
def shows_the_score_chart(reviews):
    assert_chart(reviews.section("Score over time"), "Scorecard total over time")


@then("the review shows the chart of clients per tier")
def shows_the_tier_chart(reviews):
    assert_chart(reviews.section("Standings by tier"), "Clients per tier")


def assert_chart(part: str, title: str) -> None:
    assert f'<figure class="chart" aria-label="{title}"><svg' in part or f"![{title}](data:image/svg+xml;base64," in part


@then(step_text('the review shows the tier change of "{key}" from {from_tier} to {to_tier} by rule {rule}'))
def shows_the_tier_change(reviews, key, from_tier, to_tier, rule):
    about_the_client = f"({key})</h1>" in reviews.latest() or f"({key})\n" in reviews.latest()
    wanted = [from_tier, to_tier, rule]
    assert any(
        (about_the_client or key in cells) and any(cells[n:n + 3] == wanted for n in range(len(cells)))
        for cells in reviews.rows("Tier changes")
    ), reviews.rows("Tier changes")


@then(step_text('the review says "{text}"'))
def says(reviews, text):
    assert text in reviews.latest() or html.escape(text) in reviews.latest()


@then(step_text('since the previous review, the review lists "{text}"'))
def lists_since_the_previous_review(reviews, text):
    assert text in html.unescape(reviews.section("Since the previous review"))


@then(step_text('since the previous review, the review does not list "{text}"'))
def does_not_list_since_the_previous_review(reviews, text):
    assert text not in html.unescape(reviews.section("Since the previous review"))


@then(step_text('"{key}" was reviewed for {start} to {end}'))
def was_reviewed(portfolio, key, start, end):
    reviewed = portfolio.events(key, "Reviewed")[-1]
    assert (reviewed["period_from"], reviewed["period_to"]) == (start, end)


@then("no review was written")
def no_review_written(reviews):
    assert list(reviews.folder.iterdir()) == []
