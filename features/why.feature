Feature: Why a client has its tier
  A coach asks why a client has its tier and hears the rule that decided it, the version of the
  tier policy, what the rule saw, and the recorded events that caused it: the date each happened
  on and who recorded it. The chain of tier changes shows how the client got there.

  Scenario: Why a client is bronze: the burden that caused it, when it happened and who noted it
    Given client "acme" made a profit of 1000
    And client "acme" scored 108 of 120
    When "dora" notes a harm-to-team burden on "acme" because "the project lead asked to be taken off" on 2026-03-02
    Then "acme" is bronze because a burden is noted
    And asked why, "acme" is bronze by rule bronze-burden of policy v1, and was gold before
    And asked why, the tier of "acme" changed on 2026-03-02, recorded by "dora"
    And asked why, "acme" is bronze because of:
      | client | event             | on         | recorded by |
      | acme   | BurdenSignalNoted | 2026-03-02 | dora        |

  Scenario: Why a client is gold: the inputs the Pareto rule saw
    Given client "big" made a profit of 3000 by "ann"
    And client "big" scored 110 of 120 by "ann"
    And client "acme" brought revenue 1500 at a cost of 500 in 2026-Q1 on 2026-04-01 by "bob"
    When "carla" scores "acme" 96 of 120 on 2026-04-15
    Then "acme" is gold because it is in the Pareto head
    And asked why, "acme" is gold by rule gold-pareto-head of policy v1, and was silver before
    And asked why, the inputs for "acme" were:
      | input            | value    |
      | profit           | 1000     |
      | rank             | 2        |
      | share            | 0.2500   |
      | cumulative_share | 1.0000   |
      | in_pareto_head   | true     |
      | score_total      | 96       |
      | score_band       | workable |
      | burdens          | []       |
      | override         | null     |
    And asked why, "acme" is gold because of:
      | client | event         | on         | recorded by |
      | acme   | ValueRecorded | 2026-04-01 | bob         |
      | acme   | Scored        | 2026-04-15 | carla       |

  Scenario: Why a client is bronze: the loss and the value records behind it
    Given client "acme" brought revenue 1000 at a cost of 400 in 2026-Q1 on 2026-04-02 by "bob"
    When "carla" records for "acme" revenue 200 at a cost of 900 in 2026-Q2 on 2026-07-03
    Then asked why, "acme" is bronze by rule bronze-unprofitable of policy v1, and was silver before
    And asked why, the inputs for "acme" were:
      | input       | value |
      | profit      | -100  |
      | rank        | null  |
      | score_total | null  |
      | score_band  | null  |
    And asked why, "acme" is bronze because of:
      | client | event         | on         | recorded by |
      | acme   | ValueRecorded | 2026-04-02 | bob         |
      | acme   | ValueRecorded | 2026-07-03 | carla       |

  Scenario: Why a client is gold by hand: the override and its author
    Given client "acme" made a loss of 500
    When "dora" sets "acme" to gold by hand because "flagship reference customer" on 2026-03-01
    Then asked why, "acme" is gold by rule manual-override of policy v1, and was bronze before
    And asked why, "acme" is gold because of:
      | client | event         | on         | recorded by |
      | acme   | TierOverridden | 2026-03-01 | dora       |

  Scenario: When the reason changes but the tier stays, the coach hears the reason that holds now
    Given client "acme" made a loss of 500 on 2026-01-10
    And client "acme" has a cost-to-serve burden noted on 2026-02-10 by "dora"
    When the coach records for "acme" revenue 2000 at a cost of 500 in 2026 on 2026-03-10
    Then "acme" is still bronze because a burden is noted
    And no tier change was recorded for "acme"
    And asked why, "acme" is bronze by rule bronze-burden
    And asked why, "acme" names a BurdenSignalNoted of "acme" on 2026-02-10 recorded by "dora" among the causes

  Scenario: The chain of tier changes shows how a client got to its tier
    Given client "acme" made a profit of 1000 on 2026-01-10
    And client "acme" scored 108 of 120 on 2026-02-10
    And client "acme" has a low-profit burden noted on 2026-03-10
    When the coach resolves the low-profit burden of "acme" because "prices renegotiated" on 2026-04-10
    Then asked why, "acme" is gold by rule gold-pareto-head of policy v1, and was bronze before
    And asked why, the tier changes of "acme" were:
      | from    | to     | rule             | on         |
      | unrated | silver | silver-default   | 2026-01-10 |
      | silver  | gold   | gold-pareto-head | 2026-02-10 |
      | gold    | bronze | bronze-burden    | 2026-03-10 |
      | bronze  | gold   | gold-pareto-head | 2026-04-10 |

  Scenario: A client nothing is known about is unrated, with no causes and no tier changes yet
    Given client "acme" is registered
    When the coach asks why "acme" has its tier
    Then it is accepted
    And asked why, "acme" is unrated by rule unrated-no-inputs, with no causes and no tier changes
