Feature: The Pareto view: the few clients that bring most of the profit
  Clients are ranked by profit contribution. The Pareto head is the fewest clients that together
  bring 80% of the total positive profit; those with a workable score or better are gold. A change
  in one client's value can move another client in or out of the head.

  Scenario: Two of ten clients bring 80% of the profit and are gold
    Given these clients made these profits and scored these totals:
      | client  | profit | score |
      | alpha   | 5000   | 90    |
      | bravo   | 3000   | 100   |
      | charlie | 500    | 110   |
      | delta   | 400    | 110   |
      | echo    | 300    | 110   |
      | foxtrot | 250    | 110   |
      | golf    | 200    | 110   |
      | hotel   | 150    | 110   |
      | india   | 100    | 110   |
      | juliet  | 100    | 110   |
    Then the gold clients are "alpha, bravo"
    And "alpha" is gold because it is in the Pareto head
    And "bravo" is gold because it is in the Pareto head
    And "charlie" is silver because nothing else applies
    And "juliet" is silver because nothing else applies
    And asked why, "alpha" ranks 1 with a cumulative share of 0.5000
    And asked why, "bravo" ranks 2 with a cumulative share of 0.8000

  Scenario: A client of the Pareto head still needs a workable score to be gold
    Given these clients made these profits and scored these totals:
      | client  | profit | score |
      | alpha   | 5000   | 70    |
      | bravo   | 3000   | 100   |
      | charlie | 2000   | 100   |
    Then the gold clients are "bravo"
    And "alpha" is silver because nothing else applies
    And "charlie" is silver because nothing else applies

  Scenario: Losses do not count towards the total the head is measured against
    Given these clients made these profits and scored these totals:
      | client  | profit | score |
      | alpha   | 800    | 100   |
      | bravo   | 200    | 100   |
    And client "charlie" made a loss of 5000
    And client "charlie" scored 100 of 120
    Then the gold clients are "alpha"
    And "bravo" is silver because nothing else applies
    And "charlie" is bronze because it does not make a profit

  Scenario: A client's growth pushes another client out of the Pareto head
    Given these clients made these profits and scored these totals:
      | client  | profit | score |
      | alpha   | 5000   | 100   |
      | bravo   | 3000   | 100   |
      | charlie | 2000   | 100   |
    When "dora" records for "charlie" revenue 20000 at a cost of 0 in 2026 on 2026-04-01
    Then the gold clients are "charlie, alpha"
    And "bravo" is silver because nothing else applies
    And one tier change was recorded for "bravo", from gold to silver
    And no tier change was recorded for "alpha"
    And asked why, "bravo" was gold before
    And asked why, "bravo" names a ValueRecorded of "charlie" on 2026-04-01 recorded by "dora" among the causes

  Scenario: A client's decline lets another client into the Pareto head
    Given these clients made these profits and scored these totals:
      | client  | profit | score |
      | alpha   | 5000   | 100   |
      | bravo   | 3000   | 100   |
      | charlie | 2000   | 100   |
    When "dora" records for "alpha" revenue 1000 at a cost of 0 in 2026 on 2026-04-01
    Then the gold clients are "bravo, charlie"
    And "alpha" is silver because nothing else applies
    And "charlie" is gold because it is in the Pareto head
    And asked why, "charlie" names a ValueRecorded of "alpha" on 2026-04-01 recorded by "dora" among the causes
