Feature: Setting a tier by hand
  A coach may overrule the policy and set a client's tier by hand, always with a reason. The tier
  set by hand wins over every rule until it is cleared, again with a reason; then the policy
  decides again.

  Scenario: A tier set by hand wins over the policy
    Given client "acme" made a loss of 500
    When "dora" sets "acme" to gold by hand because "flagship reference customer" on 2026-03-01
    Then "acme" is gold because it was set by hand
    And one tier change was recorded for "acme", from bronze to gold
    And the latest TierOverridden of "acme" records:
      | field       | value                       |
      | tier        | gold                        |
      | reason      | flagship reference customer |
      | occurred_on | 2026-03-01                  |
      | recorded_by | dora                        |

  Scenario: A tier set by hand on a client nothing is known about
    Given client "acme" is registered
    When the coach sets "acme" to silver by hand because "new logo, promising first talks"
    Then "acme" is silver because it was set by hand

  Scenario: Setting a tier by hand needs a reason
    Given client "acme" made a loss of 500
    When the coach sets "acme" to gold by hand without a reason
    Then it is refused as bad input, saying "a reason for the override is required"
    And "acme" is still bronze because it does not make a profit

  Scenario: A later tier set by hand replaces the earlier one
    Given client "acme" was set to gold by hand
    When the coach sets "acme" to bronze by hand because "stopped paying on time"
    Then "acme" is bronze because it was set by hand

  Scenario: Clearing the tier set by hand lets the policy decide again
    Given client "acme" made a profit of 1000
    And client "acme" scored 108 of 120
    And client "acme" was set to bronze by hand
    When the coach clears the tier set by hand on "acme" because "the payment dispute is settled"
    Then "acme" is gold because it is in the Pareto head
    And one tier change was recorded for "acme", from bronze to gold
    And the latest TierOverrideCleared of "acme" records:
      | field  | value                          |
      | reason | the payment dispute is settled |

  Scenario: Setting by hand the tier the policy already gives still counts as set by hand
    Given client "acme" made a profit of 1000
    When the coach sets "acme" to silver by hand because "keep them silver whatever the score"
    Then "acme" is still silver because it was set by hand
    And no tier change was recorded for "acme"

  Scenario: Clearing the tier set by hand when the policy gives the same tier
    Given client "acme" made a profit of 1000
    And client "acme" was set to gold by hand
    And client "acme" scored 108 of 120
    When the coach clears the tier set by hand on "acme" because "the score speaks for itself now"
    Then "acme" is still gold because it is in the Pareto head
    And no tier change was recorded for "acme"
    And asked why, "acme" is gold by rule gold-pareto-head

  Scenario: Clearing the tier set by hand on a client nothing else is known about makes it unrated
    Given client "acme" was set to gold by hand
    When the coach clears the tier set by hand on "acme" because "set on the wrong client"
    Then "acme" is unrated because nothing is known about it

  Scenario: Clearing when no tier was set by hand is refused
    Given client "acme" made a profit of 1000
    When the coach clears the tier set by hand on "acme" because "tidying up"
    Then it is refused by the ledger's rules, saying "'acme' has no tier override to clear"

  Scenario: Clearing needs a reason
    Given client "acme" was set to gold by hand
    When the coach clears the tier set by hand on "acme" without a reason
    Then it is refused as bad input, saying "a reason for clearing the override is required"
    And "acme" is still gold because it was set by hand

  Scenario Outline: Only gold, silver or bronze can be set by hand
    Given client "acme" made a profit of 1000
    When the coach sets "acme" to <tier> by hand because "just because"
    Then it is refused as bad input, saying "<complaint>"

    Examples:
      | tier     | complaint                |
      | unrated  | one of: gold, silver, bronze |
      | platinum | unknown tier 'platinum'  |
