Feature: Development goals
  Each key account has a development plan: goals the owner sets, each with an optional due date,
  and marks done when reached. A client's goals are numbered 1, 2, 3... and a number is never
  reused. Goals are kept in the history; they are not tier inputs, so they never change a tier.

  Background:
    Given client "acme" is registered with owner "ann"

  Scenario: Goals are numbered per client and kept with their due dates
    When "ann" adds the goal "Joint roadmap workshop" for "acme", due 2026-12-31, on 2026-09-01
    And "ann" adds the goal "Meet the new CFO" for "acme" on 2026-09-02
    Then the development plan of "acme" is:
      | id | text                   | added_on   | due        | done_on |
      | 1  | Joint roadmap workshop | 2026-09-01 | 2026-12-31 | null    |
      | 2  | Meet the new CFO       | 2026-09-02 | null       | null    |
    And the latest GoalAdded of "acme" records:
      | field       | value            |
      | goal_id     | 2                |
      | text        | Meet the new CFO |
      | recorded_by | ann              |

  Scenario: A goal is marked done, and its number is not given again
    Given "ann" added the goal "Joint roadmap workshop" for "acme" on 2026-09-01
    When "ann" marks goal 1 of "acme" done on 2026-10-15
    And "ann" adds the goal "Second site" for "acme" on 2026-10-16
    Then the development plan of "acme" is:
      | id | text                   | added_on   | due  | done_on    |
      | 1  | Joint roadmap workshop | 2026-09-01 | null | 2026-10-15 |
      | 2  | Second site            | 2026-10-16 | null | null       |

  Scenario: Other clients number their goals from 1
    Given "ann" added the goal "Joint roadmap workshop" for "acme" on 2026-09-01
    And client "globex" is registered
    When "ann" adds the goal "First steering meeting" for "globex" on 2026-09-02
    Then the development plan of "globex" is:
      | id | text                   | added_on   | due  | done_on |
      | 1  | First steering meeting | 2026-09-02 | null | null    |

  Scenario: A goal reached already cannot be done again
    Given "ann" added the goal "Joint roadmap workshop" for "acme" on 2026-09-01
    And "ann" marked goal 1 of "acme" done on 2026-10-15
    When "ann" marks goal 1 of "acme" done on 2026-10-20
    Then it is refused by the ledger's rules, saying "goal 1 of 'acme' was already done on 2026-10-15"

  Scenario: A goal that was never set cannot be done
    When "ann" marks goal 7 of "acme" done on 2026-10-20
    Then it is refused by the ledger's rules, saying "'acme' has no goal 7"

  Scenario: A goal needs words
    When "ann" adds the goal "  " for "acme" on 2026-09-01
    Then it is refused as bad input, saying "a goal is required"

  Scenario: A goal cannot be due before it is set
    When "ann" adds the goal "Joint roadmap workshop" for "acme", due 2026-08-01, on 2026-09-01
    Then it is refused as bad input, saying "a goal cannot be due (2026-08-01) before it is set (2026-09-01)"

  Scenario: Goals are not tier inputs
    Given client "acme" made a profit of 1000
    And client "acme" scored 100 of 120
    When "ann" adds the goal "Joint roadmap workshop" for "acme" on 2026-09-01
    Then "acme" is still gold because it is in the Pareto head
    And no tier change was recorded for "acme"

  Scenario: An unrated client stays unrated when a goal is set
    When "ann" adds the goal "Find the decision makers" for "acme" on 2026-09-01
    Then "acme" is unrated because nothing is known about it
    And no tier change was recorded for "acme"
