Feature: The account owners' results
  Client focus rewards the account managers who improved the results with the clients assigned to
  them. Over a period, each owner's results count what happened with the clients they owned, each
  fact credited to the owner of the client on its business date: a survey made before a hand-over
  counts for the owner then, whenever it was typed in. The most improved owners come first.

  Background:
    Given client "acme" is registered with owner "ann"
    And client "globex" is registered with owner "bob"

  Scenario: An owner is credited for a survey made before the client was handed over
    Given the coach recorded a survey for "acme": satisfaction 6, NPS 6 on 2026-02-01
    And "ann" handed "acme" over to "bob" on 2026-05-01
    And the coach recorded a survey for "acme": satisfaction 8, NPS 8 on 2026-06-01
    And the coach recorded a survey for "acme": satisfaction 9, NPS 9 on 2026-04-01
    Then from 2026-01-01 to 2026-06-30 the owners' results are:
      | owner | satisfaction_change | surveys_held | clients |
      | ann   | 3                   | 2            | 0       |
      | bob   | -1                  | 1            | 2       |

  Scenario: Moves up the pyramid count for the owner of their day, and put them first
    Given client "globex" was moved to cooperation on the pyramid on 2026-03-01
    And client "globex" was moved to partnership on the pyramid on 2026-04-01
    Then from 2026-01-01 to 2026-06-30 the owners' results are:
      | owner | satisfaction_change | surveys_held | clients |
      | bob   | 0                   | 0            | 1       |
      | ann   | 0                   | 0            | 1       |

  Scenario: A move on the pyramid counts for the owner of its day, across a hand-over
    Given client "globex" was moved to cooperation on the pyramid on 2026-02-01
    And "bob" handed "globex" over to "ann" on 2026-03-01
    And client "globex" was moved to partnership on the pyramid on 2026-04-01
    And client "globex" was moved to cooperation on the pyramid on 2026-05-01
    Then from 2026-01-01 to 2026-06-30 the owners' pyramid moves are:
      | owner | up | down |
      | bob   | 1  | 0    |
      | ann   | 1  | 1    |

  Scenario: A month's figures put right count once, not on top of the first ones
    Given client "acme" brought revenue 1000 at a cost of 400 in 2026-02 on 2026-03-01
    And client "globex" brought revenue 300 at a cost of 100 in 2026-02 on 2026-03-01
    And client "acme" brought revenue 900 at a cost of 400 in 2026-02 on 2026-03-10
    Then from 2026-01-01 to 2026-06-30 the owners' profits are:
      | owner | profit |
      | ann   | 500    |
      | bob   | 200    |

  Scenario: A period that ends before it starts is refused
    When the KAM lead runs "owners --from 2026-06-30 --to 2026-01-01"
    Then it is refused as bad input, saying "--from 2026-06-30 comes after --to 2026-01-01"
