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

  Scenario: A KAM lead sees each owner's clients by tier, surveys due and clients without a goal
    Given client "acme" is registered with owner "ann"
    And client "acme" was set to gold by hand
    And client "globex" is registered with owner "ann"
    And client "globex" was set to silver by hand
    And the coach recorded a survey for "globex": satisfaction 8, NPS 9 on 2026-06-01
    And "ann" added the goal "Joint roadmap workshop" for "globex" on 2026-06-01
    And client "initech" is registered with owner "bob"
    And client "initech" was set to bronze by hand
    And client "umbrella" is registered
    When the KAM lead looks at the owners on 2026-11-23
    Then the owners are:
      | owner | clients | gold | silver | bronze  | unrated  | surveys_due | without_goal |
      | ann   | 2       | acme | globex |         |          | acme        | acme         |
      | bob   | 1       |      |        | initech |          |             | initech      |
      | null  | 1       |      |        |         | umbrella |             | umbrella     |

  Scenario: A client whose goals are all reached has no development goal; an overdue survey counts
    Given client "acme" is registered with owner "ann"
    And client "acme" was set to gold by hand
    And the coach recorded a survey for "acme": satisfaction 8, NPS 9 on 2026-01-10
    And "ann" added the goal "Joint roadmap workshop" for "acme" on 2026-02-01
    And "ann" marked goal 1 of "acme" done on 2026-05-01
    When the KAM lead looks at the owners on 2026-07-10
    Then the owners are:
      | owner | clients | gold | silver | bronze | unrated | surveys_due | without_goal |
      | ann   | 1       | acme |        |        |         | acme        | acme         |
    When the KAM lead looks at the owners on 2026-07-09
    Then the owners are:
      | owner | clients | gold | silver | bronze | unrated | surveys_due | without_goal |
      | ann   | 1       | acme |        |        |         |             | acme         |
