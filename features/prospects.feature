Feature: Prospects, and the way in and out of the portfolio
  The scorecard is a test a prospective client goes through before the first deal: 100 or more of
  120, go for it; below 60, better decline. A prospect is not a client: it stays out of the
  standings, the tiers, the Pareto view, the matrix, the surveys due and the owners' counts until
  it is won. A client that leaves is a former client, out of the portfolio until it is won back.

  Scenario: A prospect scored 57 is recommended for decline and stays out of the standings
    Given client "alpha" is registered with owner "ann"
    And client "alpha" made a profit of 1000
    And prospect "zeta" is added with owner "ann" and an estimated profit of 50000
    When the coach scores "zeta" 57 of 120 on 2026-02-01
    Then it is accepted
    And the scorecard recommends to decline "zeta"
    And "zeta" is not in the standings
    And "zeta" is in no portfolio view: Pareto, matrix, surveys due or the owners' counts
    And the pipeline shows "zeta" open, scored 57 in the decline band, recommended "decline"

  Scenario: A prospect pursued against the scorecard needs a reason, and is marked as such
    Given prospect "zeta" is added
    And prospect "zeta" scored 57 of 120
    When the coach decides to pursue "zeta" without a reason
    Then it is refused by the ledger's rules, saying "against the scorecard"
    When the coach decides to pursue "zeta" because "their new CEO wants to work with us"
    Then it is accepted
    And the pipeline shows "zeta" pursued against the scorecard
    And the funnel counts 1 decision against the scorecard

  Scenario: An ideal prospect that is won becomes gold once its profit is in the Pareto head
    Given client "alpha" made a profit of 3000 on 2026-01-10
    And client "alpha" scored 100 of 120 on 2026-01-10
    And prospect "zeta" is added on 2026-01-05
    And prospect "zeta" scored 105 of 120 on 2026-01-20
    When the coach records that prospect "zeta" was won on 2026-03-01
    Then "zeta" is silver because nothing else applies
    And "zeta" keeps its score of 105 from before it was won
    When "dora" records for "zeta" revenue 20000 at a cost of 0 in 2026 on 2026-04-01
    Then "zeta" is gold because it is in the Pareto head
    And on 2026-02-15 "zeta" was not in the standings
    And on 2026-04-15 "zeta" was gold

  Scenario: A client lost to a competitor and won back a year later
    Given client "alpha" made a profit of 5000 on 2025-01-10
    And client "alpha" scored 100 of 120 on 2025-01-10
    And client "bravo" made a profit of 1000 on 2025-01-10
    And client "bravo" scored 100 of 120 on 2025-01-10
    When the coach records that client "alpha" was lost because "went to a competitor" on 2025-11-03
    Then it is accepted
    And "alpha" is not in the standings
    And "bravo" is gold because it is in the Pareto head
    And the former clients to win back are "alpha", last gold, because "went to a competitor"
    And on 2025-06-01 "alpha" was gold
    And on 2026-06-01 "alpha" was not in the standings
    When the coach records that client "alpha" was won back because "their new buyer knows us" on 2026-11-02
    Then "alpha" is gold because it is in the Pareto head
    And "bravo" is silver because nothing else applies
    And on 2026-06-01 "alpha" was not in the standings

  Scenario: The funnel shows the win rate per score band
    Given these prospects were scored and ended so:
      | prospect | score | outcome |
      | p1       | 105   | won     |
      | p2       | 110   | won     |
      | p3       | 102   | lost    |
      | p4       | 85    | won     |
      | p5       | 90    | lost    |
      | p6       | 55    | lost    |
      | p7       | 50    | open    |
    Then the funnel counts 7 prospects, 7 scored, 3 won and 3 lost
    And the win rate per score band is:
      | band     | prospects | won | lost | win rate |
      | ideal    | 3         | 2   | 1    | 0.6667   |
      | workable | 2         | 1   | 1    | 0.5000   |
      | at-risk  | 0         | 0   | 0    | -        |
      | decline  | 2         | 0   | 1    | 0.0000   |
      | unscored | 0         | 0   | 0    | -        |

  Scenario: Winning a prospect the scorecard said to decline needs a reason
    Given prospect "zeta" is added
    And prospect "zeta" scored 50 of 120
    When the coach records that prospect "zeta" was won
    Then it is refused by the ledger's rules, saying "give --reason"

  Scenario: Deciding about a client is refused
    Given client "alpha" is registered
    When the coach decides to pursue "alpha" because "why not"
    Then it is refused by the ledger's rules, saying "not a prospect"

  Scenario: A lost prospect cannot be won
    Given prospect "zeta" is added
    And prospect "zeta" was lost because "chose a cheaper agency"
    When the coach records that prospect "zeta" was won
    Then it is refused by the ledger's rules, saying "was lost"

  Scenario: A prospect lost without a reason is refused
    Given prospect "zeta" is added
    When the coach records that prospect "zeta" was lost without a reason
    Then it is refused as bad input, saying "reason"

  Scenario: A chance outside 0-100 is refused
    When the coach adds prospect "zeta" with a chance of 120
    Then it is refused as bad input, saying "0 to 100"

  Scenario: A prospect cannot be added under a client's key
    Given client "alpha" is registered
    When the coach adds prospect "alpha" with a chance of 50
    Then it is refused by the ledger's rules, saying "already registered"

  Scenario: A prospect has no value before it is won
    Given prospect "zeta" is added
    When the coach records for "zeta" revenue 1000 at a cost of 0 in 2026
    Then it is refused by the ledger's rules, saying "is a prospect"
