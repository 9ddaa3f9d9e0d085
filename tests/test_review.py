"""Coaching reviews: the report's data from history items (no database), and `kam review` end to end."""

from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pytest

from kamledger.domain.errors import InvalidInput
from kamledger.reports.portfolio import survey_section
from kamledger.reports.render import checked_output, to_html, to_markdown
from kamledger.reports.report import ReviewPeriod
from kamledger.reports.review import client_review

YEAR_2026 = ReviewPeriod(date(2026, 1, 1), date(2026, 12, 31))
MEANINGS = {("v1", "silver-default"): "Everything else that has inputs.", ("v1", "manual-override"): "A person set the tier by hand."}
QUESTIONS = tuple(f"Question {n}?" for n in range(1, 13))
NINES = "9,9,9,9,9,9,9,9,9,9,9,9"


class History(list):
    """A client's history items as the ledger gives them, each recorded a minute after the last."""

    def add(self, kind: str, day: str, **fields) -> "History":
        recorded_at = datetime(2026, 11, 1, tzinfo=timezone.utc) + timedelta(minutes=len(self))
        self.append({"type": kind, "version": len(self) + 1, "occurred_on": day, "recorded_at": recorded_at.isoformat(),
                     "recorded_by": "coach", **fields})
        return self


def acme() -> History:
    return History().add("Registered", "2025-11-03", key="acme", name="Acme GmbH", owner="ann")


def scored(history: History, day: str, total: int) -> History:
    answers = [total // 12] * 12
    return history.add("Scored", day, questionnaire_version="v1", answers=answers, total=sum(answers), band="workable", note=None)


def review_of(history: History, period: ReviewPeriod = YEAR_2026):
    why = {"tier": "silver", "rule": "silver-default", "policy_version": "v1", "changed_on": "2026-02-01", "tier_changes": [{}]}
    return client_review(history, why, QUESTIONS, MEANINGS, period, "2026-11-23 by coach")


def test_a_review_holds_only_what_happened_in_its_period_both_ends_included():
    history = acme()
    for day, total in [("2025-12-31", 60), ("2026-01-01", 84), ("2026-12-31", 96), ("2027-01-01", 108)]:
        scored(history, day, total)
    assert review_of(history).section("Score over time").column("Total") == ["84/120", "96/120"]


def test_a_review_without_a_start_covers_everything_up_to_its_end():
    history = scored(scored(acme(), "2025-12-31", 60), "2026-05-01", 84)
    report = review_of(history, ReviewPeriod(None, date(2026, 3, 31)))
    assert report.section("Score over time").column("Date") == ["2025-12-31"]
    assert dict(report.fields)["Period"] == "the start to 2026-03-31"


def test_an_empty_period_says_so_in_every_section():
    report = review_of(acme(), ReviewPeriod(date(2026, 1, 1), date(2026, 1, 31)))
    assert report.section("Tier changes").rows == []
    assert report.section("Tier changes").empty == "No tier changes in this period."
    assert report.section("Score over time").charts == ()
    assert "No pyramid moves in this period." in to_markdown(report)
    assert '<p class="empty">No surveys in this period.</p>' in to_html(report)


def test_a_tier_change_shows_its_rule_meaning_and_the_reason_given_by_hand():
    history = acme().add("TierOverridden", "2026-02-01", tier="gold", reason="Flagship reference")
    history.add("TierChanged", "2026-02-01", from_tier="silver", to_tier="gold", rule="manual-override", policy_version="v1",
                inputs={}, causes=[{"client": "acme", "version": 2, "type": "TierOverridden"}])
    section = review_of(history).section("Tier changes")
    assert section.rows == [("2026-02-01", "silver", "gold", "manual-override",
                             "A person set the tier by hand. Reason given: Flagship reference", "v1", "coach")]


def test_value_per_period_counts_a_period_recorded_again_once_and_sums_the_profit():
    history = acme()
    history.add("ValueRecorded", "2026-04-01", period="2026-Q1", revenue="1000", cost_to_serve="400")
    history.add("ValueRecorded", "2026-04-09", period="2026-Q1", revenue="1100", cost_to_serve="400")
    history.add("ValueRecorded", "2026-07-01", period="2026-Q2", revenue="500.50", cost_to_serve="600")
    assert review_of(history).section("Value per period").rows == [
        ("2026-Q1", "1100", "400", "700", "2026-04-09"),
        ("2026-Q2", "500.50", "600", "-99.50", "2026-07-01"),
        ("Total", "1600.50", "1000", "600.50", ""),
    ]


def test_without_a_previous_review_everything_up_to_the_period_end_has_changed():
    history = scored(scored(acme(), "2026-03-01", 84), "2027-02-01", 96)
    since = review_of(history).section("Since the previous review")
    assert since.column("Date") == ["2025-11-03", "2026-03-01"]
    assert since.lines == ("No previous review: everything up to 2026-12-31.",)


def test_since_the_previous_review_lists_what_happened_after_its_period_or_was_recorded_after_it():
    history = scored(acme(), "2026-03-01", 84)
    history.add("Reviewed", "2026-04-02", period_from="2026-01-01", period_to="2026-03-31")
    scored(history, "2026-05-01", 96)
    history.add("SurveyAnswered", "2026-03-15", satisfaction=8, nps=9, comment="entered late")
    since = review_of(history).section("Since the previous review")
    assert since.column("What") == ["scored 96/120 (workable, questionnaire v1)", "survey: satisfaction 8/10, NPS answer 9: entered late"]
    assert since.lines[0].startswith("The previous review covered 2026-01-01 to 2026-03-31 (recorded on 2026-04-02 by coach)")


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(InvalidInput, match=r"cannot end \(2026-01-01\) before it starts \(2026-06-30\)"):
        ReviewPeriod.between(date(2026, 6, 30), date(2026, 1, 1))
    assert ReviewPeriod.between(None, date(2026, 11, 23)) == ReviewPeriod(None, date(2026, 11, 23))


def test_the_portfolio_survey_summary_counts_promoters_minus_detractors():
    answers = Counter([(9, 10), (8, 9), (7, 8), (4, 3)])
    assert survey_section(answers).rows == [(4, "7.0/10", 2, 1, 1, "+25")]
    assert survey_section(Counter({(9, 10): 3, (4, 3): 1})).rows == [(4, "7.8/10", 3, 0, 1, "+50")]
    assert survey_section(Counter()).empty == "No surveys in this period."


def test_user_text_is_escaped_in_html_and_markdown():
    history = acme().add("SurveyAnswered", "2026-03-15", satisfaction=8, nps=9, comment="<script>alert(1)</script> | ok")
    report = review_of(history)
    assert "<script>" not in to_html(report) and "&lt;script&gt;" in to_html(report)
    assert "<script>" not in to_markdown(report) and "\\| ok" in to_markdown(report)


def test_a_report_file_must_be_markdown_or_html():
    assert checked_output("review.HTML").suffix == ".HTML"
    with pytest.raises(InvalidInput, match="must end in .md or .html"):
        checked_output("review.pdf")


# kam review, end to end on SQLite

def prepare(kam) -> None:
    """acme: scored in February (silver), valued in March (gold), moved up the pyramid, surveyed."""
    kam.ok("client", "add", "acme", "--name", "Acme <GmbH>", "--owner", "ann", "--at", "2026-01-05")
    kam.ok("score", "acme", "--answers", NINES, "--at", "2026-02-01")
    kam.ok("value", "acme", "--period", "2026-Q1", "--revenue", "5000", "--cost", "2000", "--at", "2026-03-01")
    kam.ok("pyramid", "acme", "cooperation", "--reason", "Monthly steering agreed", "--at", "2026-03-10")
    kam.ok("survey", "acme", "--satisfaction", "9", "--nps", "10", "--comment", "Fast & candid", "--at", "2026-03-20")


def test_kam_review_writes_an_html_review_and_records_it(kam_sqlite, tmp_path):
    prepare(kam_sqlite)
    out = tmp_path / "acme.html"
    said = kam_sqlite.ok("review", "acme", "--from", "2026-01-01", "--to", "2026-06-30", "--out", str(out), "--at", "2026-07-01")
    assert said.strip() == f"review of acme written to {out}"
    page = out.read_text()
    assert "<svg" in page and "Acme &lt;GmbH&gt;" in page and "Fast &amp; candid" in page
    tier_changes = page.split('<section id="tier-changes">')[1].split("</section>")[0]
    assert "silver-default" in tier_changes and "gold-pareto-head" in tier_changes
    reviewed = kam_sqlite.json("history", "acme")[-1]
    assert (reviewed["type"], reviewed["period_from"], reviewed["period_to"], reviewed["occurred_on"]) == (
        "Reviewed", "2026-01-01", "2026-06-30", "2026-07-01")


def test_a_second_review_in_markdown_shows_what_changed_since_the_first(kam_sqlite, tmp_path):
    prepare(kam_sqlite)
    kam_sqlite.ok("review", "acme", "--to", "2026-02-28", "--out", str(tmp_path / "first.md"), "--at", "2026-03-01")
    first = (tmp_path / "first.md").read_text()
    assert "No previous review" in first and "data:image/svg+xml;base64," in first
    kam_sqlite.ok("review", "acme", "--from", "2026-03-01", "--to", "2026-03-31", "--out", str(tmp_path / "second.md"))
    since = (tmp_path / "second.md").read_text().split("## Since the previous review")[1]
    assert "The previous review covered the start to 2026-02-28" in since
    assert "pyramid up: transactional -> cooperation: Monthly steering agreed" in since
    assert "scored 108/120" not in since


def test_kam_review_all_writes_the_portfolio_review(kam_sqlite, tmp_path):
    prepare(kam_sqlite)
    kam_sqlite.ok("client", "add", "globex", "--name", "Globex", "--at", "2026-01-05")
    out = tmp_path / "portfolio.md"
    said = kam_sqlite.ok("review", "--all", "--from", "2026-01-01", "--out", str(out), "--at", "2026-07-01")
    assert said.strip() == f"review of the portfolio written to {out}"
    text = out.read_text()
    assert "1 gold, 0 silver, 0 bronze, 1 unrated." in text
    assert "| 2026-03-01 | acme | silver | gold | gold-pareto-head |" in text
    assert "| 1 | 9.0/10 | 1 | 0 | 0 | +100 |" in text
    kam_sqlite.ok("review", "--all", "--out", str(out))
    assert "The previous review covered 2026-01-01 to 2026-07-01" in out.read_text()


@pytest.mark.parametrize("args, complaint", [
    (("acme", "--all", "--out", "r.md"), "give either a client KEY or --all"),
    (("--out", "r.md"), "give either a client KEY or --all"),
    (("acme", "--out", "r.pdf"), "must end in .md or .html"),
    (("acme", "--from", "2026-06-30", "--to", "2026-01-01", "--out", "r.md"), "cannot end (2026-01-01) before it starts"),
    (("acme", "--from", "June", "--out", "r.md"), "--from 'June' is not a date"),
    (("acme", "--out", "no/such/folder/r.md"), "cannot write no/such/folder/r.md"),
    (("nobody", "--out", "r.md"), "no client with key 'nobody'"),
])
def test_kam_review_refuses_bad_input_in_one_line_and_records_nothing(kam_sqlite, tmp_path, monkeypatch, args, complaint):
    kam_sqlite.ok("client", "add", "acme", "--name", "Acme")
    monkeypatch.chdir(tmp_path)
    result = kam_sqlite("review", *args)
    assert result.exit_code in (1, 2) and result.stderr.startswith("kam: error: ") and complaint in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert [item["type"] for item in kam_sqlite.json("history", "acme")] == ["Registered"]
    assert not (tmp_path / "r.md").exists()
