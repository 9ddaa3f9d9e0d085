Feature: Development plans checked against the ledger
  Client focus needs a plan for each key relationship: objectives to retain or develop it, each due
  by a date. An objective with a target is not ticked by hand: the ledger checks it against what
  was recorded (a survey, a score, a move on the pyramid, profit, the tier) and names the fact that
  met it; one whose due date passes unmet is overdue. Objectives without a target are marked done.

  Background:
    Given client "acme" is registered with owner "ann"

  Scenario: A satisfaction target is met by the survey that reached it
    Given "ann" set for "acme" the develop objective "satisfaction>=8" due 2026-06-30, "happier users", on 2026-02-01
    And the coach recorded a survey for "acme": satisfaction 6, NPS 7 on 2026-03-15
    And the coach recorded a survey for "acme": satisfaction 9, NPS 9 on 2026-05-20
    Then on 2026-07-01 objective 1 of "acme" is met by the SurveyAnswered of 2026-05-20

  Scenario: A survey typed in late still meets the target on its own date
    Given "ann" set for "acme" the develop objective "satisfaction>=8" due 2026-06-30, "happier users", on 2026-02-01
    And the coach recorded a survey for "acme": satisfaction 9, NPS 9 on 2026-05-20
    And the coach recorded a survey for "acme": satisfaction 5, NPS 3 on 2026-04-02
    Then on 2026-07-01 objective 1 of "acme" is met by the SurveyAnswered of 2026-05-20

  Scenario: An objective whose due date passed unmet is overdue, and listed first
    Given "ann" set for "acme" the retain objective "survey" due 2026-03-31, "ask them twice a year", on 2026-01-10
    And "ann" set for "acme" the develop objective "pyramid>=partnership" due 2026-12-31, "joint team", on 2026-01-10
    And the coach recorded a survey for "acme": satisfaction 8, NPS 8 on 2026-04-15
    Then on 2026-05-01 objective 1 of "acme" is overdue
    And on 2026-05-01 objective 2 of "acme" is open
    And on 2026-05-01 the objectives to reach across the portfolio are, in order: "acme" 1, "acme" 2

  Scenario: A target met and later lost says so
    Given "ann" set for "acme" the retain objective "satisfaction>=8" due 2026-12-31, "keep them happy", on 2026-01-10
    And the coach recorded a survey for "acme": satisfaction 9, NPS 9 on 2026-03-01
    And the coach recorded a survey for "acme": satisfaction 5, NPS 4 on 2026-09-01
    Then on 2026-10-01 objective 1 of "acme" is lost by the SurveyAnswered of 2026-09-01

  Scenario: An objective with a target is not ticked by hand
    Given "ann" set for "acme" the develop objective "score>=100" due 2026-12-31, "a better fit", on 2026-01-10
    When "ann" marks objective 1 of "acme" done on 2026-03-01
    Then it is refused by the ledger's rules, saying "objective 1 of 'acme' has a target (score>=100): the ledger checks it, it is not marked done by hand"

  Scenario: A met objective cannot be cancelled; an open one can, with a reason
    Given "ann" set for "acme" the develop objective "pyramid>=cooperation" due 2026-12-31, "known partner", on 2026-01-10
    And "ann" set for "acme" the develop objective "score>=100" due 2026-12-31, "a better fit", on 2026-01-10
    And client "acme" was moved to cooperation on the pyramid on 2026-02-01
    When "ann" cancels objective 1 of "acme" because "no longer needed" on 2026-03-01
    Then it is refused by the ledger's rules, saying "objective 1 of 'acme' is met: a met objective stays in the plan"
    When "ann" cancels objective 2 of "acme" because "the scorecard changed" on 2026-03-01
    Then it is accepted
    And on 2026-03-02 objective 2 of "acme" is cancelled

  Scenario: Gold clients without a plan are named
    Given client "globex" is registered with owner "bob"
    And client "globex" was set to gold by hand
    Then on 2026-05-01 the gold clients without a plan are: "globex"

  Scenario Outline: Bad objectives are refused and nothing is written
    When "ann" sets for "acme" the <kind> objective "<target>" due <due>, "a note", on 2026-02-01
    Then it is refused as bad input, saying "<complaint>"
    And the history of "acme" holds 0 GoalAdded

    Examples:
      | kind    | target          | due        | complaint                                                  |
      | grow    | survey          | 2026-12-31 | unknown objective kind 'grow'                              |
      | develop | speed>=3        | 2026-12-31 | unknown target 'speed>=3'                                  |
      | develop | satisfaction>=11 | 2026-12-31 | target 'satisfaction>=11': satisfaction is 0-10           |
      | develop | survey          | 2026-01-15 | an objective cannot be due (2026-01-15) before it is set (2026-02-01) |
