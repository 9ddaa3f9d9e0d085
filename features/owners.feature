Feature: Account owners
  Every key account can have an owner: the person who looks after the relationship. The owner can
  be given when the client is registered, and handed over later.

  Scenario: A client registered with an owner is owned by that person
    When the coach registers client "acme" named "Acme GmbH" with owner "ann"
    Then "acme" is owned by "ann"
    And "acme" is named "Acme GmbH"

  Scenario: A client registered without an owner has none
    When the coach registers client "acme" named "Acme GmbH"
    Then "acme" has no owner

  Scenario: An owner can be assigned later
    Given client "acme" is registered
    When the coach makes "bob" the owner of "acme"
    Then "acme" is owned by "bob"

  Scenario: Handing the account to another owner is kept in the history
    Given client "acme" is registered with owner "ann"
    When "carla" makes "bob" the owner of "acme" on 2026-05-04
    Then "acme" is owned by "bob"
    And the latest OwnerAssigned of "acme" records:
      | field          | value      |
      | previous_owner | ann        |
      | owner          | bob        |
      | occurred_on    | 2026-05-04 |
      | recorded_by    | carla      |

  Scenario: Assigning the owner a client already has is refused
    Given client "acme" is registered with owner "ann"
    When the coach makes "ann" the owner of "acme"
    Then it is refused by the ledger's rules, saying "ann already owns 'acme'"

  Scenario: An owner needs a name
    Given client "acme" is registered with owner "ann"
    When the coach makes "" the owner of "acme"
    Then it is refused as bad input, saying "an owner is required"
    And "acme" is owned by "ann"

  Scenario: A new owner does not change the tier
    Given client "acme" is registered with owner "ann"
    And client "acme" made a profit of 1000
    And client "acme" scored 100 of 120
    When the coach makes "bob" the owner of "acme"
    Then "acme" is still gold because it is in the Pareto head
    And no tier change was recorded for "acme"
