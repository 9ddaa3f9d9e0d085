Feature: Business time: what was true on a date, whenever it was entered
  Coaches enter things late: a meeting is scored a week after it took place, last year's revenue
  comes in after this year's, a burden is found months after it began. A client's tier on a date
  follows from the facts dated on or before it, whatever order they were typed in. What the ledger
  showed before a late entry stays provable: read the ledger as it had been recorded by then.

  Scenario: A score entered a week late counts from the day of the meeting
    Given client "acme" is registered on 2026-01-05
    And client "acme" made a profit of 1000 on 2026-01-10
    And the coach notes the time as "before the score was entered"
    When "carla" enters today the score 108 of 120 of her meeting with "acme" 7 days ago
    Then it is accepted
    And "acme" is gold because it is in the Pareto head
    And effective 8 days ago, "acme" was silver by rule silver-default
    And effective 7 days ago, "acme" was gold by rule gold-pareto-head
    And asked why, "acme" has been gold since 7 days ago by business date
    And asked why, "acme" became gold 7 days ago, back-dated: recorded today by "carla", shown as silver until then
    And as recorded at "before the score was entered", "acme" was silver by rule silver-default

  Scenario: Last year's revenue imported after this year's shows last year's tiers on last year's dates
    Given client "acme" is registered on 2025-01-02
    And client "beta" is registered on 2025-01-02
    And client "acme" scored 100 of 120 on 2025-02-01
    And client "beta" scored 100 of 120 on 2025-02-01
    And client "acme" brought revenue 9000 at a cost of 500 in 2026-Q1 on 2026-04-02
    And client "beta" brought revenue 3000 at a cost of 1000 in 2026-Q1 on 2026-04-02
    And the coach notes the time as "before last year's books came in"
    When the coach imports last year's values:
      | key  | period | revenue | cost | date       |
      | beta | 2025   | 20000   | 2000 | 2025-12-31 |
      | acme | 2025   | 1000    | 500  | 2025-12-31 |
    Then it is accepted
    And effective 2025-06-30, the standings were:
      | client | tier   | rule           | profit |
      | acme   | silver | silver-default | (none) |
      | beta   | silver | silver-default | (none) |
    And effective 2025-12-31, the standings were:
      | client | tier   | rule             | profit |
      | beta   | gold   | gold-pareto-head | 18000  |
      | acme   | silver | silver-default   | 500    |
    And effective 2026-04-02, the standings were:
      | client | tier | rule             | profit |
      | beta   | gold | gold-pareto-head | 20000  |
      | acme   | gold | gold-pareto-head | 9000   |
    And as recorded at "before last year's books came in", the standings were:
      | client | tier   | rule             | profit |
      | acme   | gold   | gold-pareto-head | 8500   |
      | beta   | silver | silver-default   | 2000   |

  Scenario: A burden discovered late makes the client bronze from the day it began
    Given client "acme" is registered on 2026-01-05
    And client "acme" made a profit of 1000 on 2026-01-10
    And client "acme" scored 108 of 120 on 2026-02-10
    And client "acme" scored 100 of 120 on 2026-06-10
    And the auditor notes the time as "before the burden came to light"
    When "dora" notes a harm-to-team burden on "acme" because "escalations found in the March minutes" on 2026-03-05
    Then it is accepted
    And "acme" is bronze because a burden is noted
    And asked why, "acme" has been bronze since 2026-03-05 by business date
    And asked why, the tier changes of "acme" run forward in time:
      | on         | from    | to     | rule             |
      | 2026-01-10 | unrated | silver | silver-default   |
      | 2026-02-10 | silver  | gold   | gold-pareto-head |
      | 2026-03-05 | gold    | bronze | bronze-burden    |
    And asked why, "acme" became bronze 2026-03-05, back-dated: recorded today by "dora", shown as gold until then
    And effective 2026-03-04, "acme" was gold by rule gold-pareto-head
    And effective 2026-06-30, "acme" was bronze by rule bronze-burden
    And as recorded at "before the burden came to light", "acme" was gold by rule gold-pareto-head
    And as recorded at "before the burden came to light", the tier changes of "acme" were:
      | from    | to     | rule             |
      | unrated | silver | silver-default   |
      | silver  | gold   | gold-pareto-head |

  Scenario: When the owner changes mid-year, what came before stays with the old owner
    Given client "acme" is registered with owner "ann" on 2026-01-05
    And client "acme" made a profit of 1000 on 2026-01-10
    And client "acme" scored 108 of 120 on 2026-03-10
    When the coach makes "bob" the owner of "acme" on 2026-07-01
    And the coach records a survey for "acme": satisfaction 9, NPS 10 on 2026-04-15
    And the coach records a survey for "acme": satisfaction 5, NPS 3 on 2026-08-20
    Then it is accepted
    And "acme" is owned by "bob"
    And effective 2026-03-10, "acme" was owned by "ann", with a score of 108
    And effective 2026-04-15, "acme" was owned by "ann", with a survey of 2026-04-15
    And effective 2026-06-30, "acme" was owned by "ann"
    And effective 2026-07-01, "acme" was owned by "bob"
    And the surveys summed up by owner are:
      | owner | responses | nps  |
      | ann   | 1         | 100  |
      | bob   | 1         | -100 |

  Scenario Outline: Nothing can be dated before the client was registered
    Given client "acme" is registered on 2026-01-05
    When <something> on 2026-01-04
    Then it is refused by the ledger's rules, saying "'acme' was registered on 2026-01-05: nothing can be recorded for it on 2026-01-04"

    Examples:
      | something                                                                 |
      | the coach records for "acme" revenue 1000 at a cost of 100 in 2025-Q4      |
      | the coach scores "acme" 100 of 120                                        |
      | the coach records a survey for "acme": satisfaction 9, NPS 10             |
      | the coach notes a low-profit burden on "acme" because "discounts"         |
      | the coach moves "acme" to cooperation on the pyramid because "new deal"   |
      | the coach makes "bob" the owner of "acme"                                 |
      | the coach sets "acme" to gold by hand because "flagship"                  |
      | the coach notes the strategic value of "acme" as high because "big plans" |

  Scenario: A goal cannot be done before it was set
    Given client "acme" is registered on 2026-01-05
    And "ann" added the goal "Joint roadmap workshop" for "acme" on 2026-03-01
    When "ann" marks goal 1 of "acme" done on 2026-02-20
    Then it is refused by the ledger's rules, saying "goal 1 of 'acme' was set on 2026-03-01: it cannot be done on 2026-02-20, before that"

  Scenario: A burden cannot be resolved on a date it was not open
    Given client "acme" is registered on 2026-01-05
    And client "acme" has a cost-to-serve burden noted on 2026-03-01
    When the coach resolves the cost-to-serve burden of "acme" because "prices renegotiated" on 2026-02-15
    Then it is refused by the ledger's rules, saying "'acme' has no open cost-to-serve burden signal on 2026-02-15"
