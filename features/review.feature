Feature: Coaching reviews
  A coach reviews a key account over a period and keeps the review as one file to share: how the
  score moved, each tier change and the rule behind it, the pyramid moves, what the client said in
  surveys, the money per period, owner changes, notes and burdens, and what changed since the
  previous review. The portfolio review shows every client by tier and every tier change across
  them. Each review is recorded, so the next one picks up where it ended.

  Background:
    Given client "acme" is registered with owner "ann" on 2026-01-05
    And client "acme" scored 90 of 120 on 2026-02-01
    And client "acme" made a profit of 1000 on 2026-03-01

  Scenario: The review of a year shows the score chart and the tier change with its rule
    When the coach writes the review of "acme" for 2026 as HTML
    Then the review shows the score chart
    And the review shows the tier change of "acme" from silver to gold by rule gold-pareto-head
    And "acme" was reviewed for 2026-01-01 to 2026-12-31

  Scenario: A quiet period says so
    When the coach writes the review of "acme" from 2026-04-01 to 2026-06-30 as Markdown
    Then the review says "No tier changes in this period."
    And the review says "No scorings in this period."

  Scenario: The next review shows what changed since the previous one
    Given the coach reviewed "acme" from 2026-01-01 to 2026-03-31 on 2026-04-01
    And client "acme" was moved to cooperation on the pyramid on 2026-05-10
    When the coach writes the review of "acme" from 2026-04-01 to 2026-06-30 as Markdown
    Then since the previous review, the review lists "pyramid up: transactional -> cooperation"
    And since the previous review, the review does not list "scored 90/120"

  Scenario: The portfolio review counts the clients per tier and lists every tier change
    Given client "globex" is registered on 2026-01-05
    And client "globex" scored 70 of 120 on 2026-02-01
    When the coach writes the portfolio review for 2026 as HTML
    Then the review shows the chart of clients per tier
    And the review says "1 gold, 1 silver, 0 bronze, 0 unrated."
    And the review shows the tier change of "acme" from silver to gold by rule gold-pareto-head
    And the review shows the tier change of "globex" from unrated to silver by rule silver-default

  Scenario: A review period that ends before it starts is refused
    When the coach writes the review of "acme" from 2026-06-30 to 2026-01-01 as HTML
    Then it is refused as bad input, saying "cannot end (2026-01-01) before it starts (2026-06-30)"
    And no review was written
