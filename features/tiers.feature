Feature: Tiers under tier policy v1
  Every client is gold, silver, bronze or unrated. The rules are tried in order and the first
  that holds decides: a tier set by hand; unrated while nothing is known; bronze when the client
  makes no profit, its latest score is in decline or a burden is noted; gold in the Pareto head
  with a workable score or better, or when strategic value or potential is high; silver otherwise.
  A tier change is recorded only when the tier really changes.

  Scenario: A client nobody knows anything about is unrated
    Given client "acme" is registered
    Then "acme" is unrated because nothing is known about it

  Scenario: A profitable client with an ideal score is gold
    Given client "acme" made a profit of 1000
    And client "acme" scored 100 of 120
    Then "acme" is gold because it is in the Pareto head

  Scenario: A workable score is good enough for gold in the Pareto head
    Given client "acme" made a profit of 1000
    And client "acme" scored 80 of 120
    Then "acme" is gold because it is in the Pareto head

  Scenario: An at-risk score keeps a client of the Pareto head out of gold
    Given client "acme" made a profit of 1000
    And client "acme" scored 79 of 120
    Then "acme" is silver because nothing else applies

  Scenario: A client in the Pareto head that was never scored is not gold for it
    Given client "acme" made a profit of 1000
    Then "acme" is silver because nothing else applies

  Scenario: A well-scored client outside the Pareto head is silver
    Given client "big" made a profit of 9000
    And client "big" scored 100 of 120
    And client "small" made a profit of 1000
    And client "small" scored 100 of 120
    Then "big" is gold because it is in the Pareto head
    And "small" is silver because nothing else applies

  Scenario: Breaking even is not a profit
    Given client "acme" brought revenue 500 at a cost of 500 in 2026-Q1
    And client "acme" scored 110 of 120
    Then "acme" is bronze because it does not make a profit

  Scenario: A loss over all periods makes a client bronze, however good one quarter was
    Given client "acme" brought revenue 1000 at a cost of 700 in 2026-Q1
    And client "acme" brought revenue 1000 at a cost of 1300.01 in 2026-Q2
    And client "acme" scored 110 of 120
    Then "acme" is bronze because it does not make a profit

  Scenario: A profit over all periods makes up for a losing quarter
    Given client "acme" brought revenue 1000 at a cost of 1100 in 2026-Q1
    And client "acme" brought revenue 1000 at a cost of 800 in 2026-Q2
    And client "acme" scored 110 of 120
    Then "acme" is gold because it is in the Pareto head

  Scenario: A declining score makes a client bronze, even in the Pareto head
    Given client "acme" made a profit of 1000
    And client "acme" scored 59 of 120
    Then "acme" is bronze because its score is in decline

  Scenario: A burden makes a client bronze, even in the Pareto head
    Given client "acme" made a profit of 1000
    And client "acme" scored 110 of 120
    And client "acme" has a harm-to-team burden noted
    Then "acme" is bronze because a burden is noted

  Scenario Outline: High <dimension> value makes a client <tier>
    Given client "acme" has <dimension> value noted high
    Then "acme" is <tier> because <reason>

    Examples:
      | dimension   | tier   | reason                                   |
      | strategic   | gold   | its strategic value or potential is high |
      | potential   | gold   | its strategic value or potential is high |
      | referral    | silver | nothing else applies                     |
      | educational | silver | nothing else applies                     |

  Scenario: High strategic value makes an at-risk client of the Pareto head gold
    Given client "acme" made a profit of 1000
    And client "acme" scored 70 of 120
    And client "acme" has strategic value noted high
    Then "acme" is gold because its strategic value or potential is high

  Scenario: A tier set by hand wins over every rule
    Given client "acme" made a loss of 500
    And client "acme" scored 40 of 120
    And client "acme" has a cost-to-serve burden noted
    And client "acme" was set to gold by hand
    Then "acme" is gold because it was set by hand

  Scenario: A client whose only input is withdrawn is unrated again
    Given client "acme" has a harm-to-team burden noted
    When the coach resolves the harm-to-team burden of "acme" because "the team lead was replaced"
    Then "acme" is unrated because nothing is known about it
    And one tier change was recorded for "acme", from bronze to unrated

  Scenario: Making no profit comes first among the reasons for bronze
    Given client "acme" made a loss of 500
    And client "acme" scored 40 of 120
    And client "acme" has a low-profit burden noted
    Then "acme" is bronze because it does not make a profit

  Scenario: A declining score comes before a burden
    Given client "acme" made a profit of 1000
    And client "acme" scored 40 of 120
    And client "acme" has a low-profit burden noted
    Then "acme" is bronze because its score is in decline

  Scenario: Making no profit outweighs high strategic value
    Given client "acme" made a loss of 500
    And client "acme" has strategic value noted high
    Then "acme" is bronze because it does not make a profit

  Scenario: A declining score outweighs high potential
    Given client "acme" scored 50 of 120
    And client "acme" has potential value noted high
    Then "acme" is bronze because its score is in decline

  Scenario: A real change of tier is recorded once
    Given client "acme" made a profit of 1000
    And client "acme" scored 108 of 120
    When the coach scores "acme" 59 of 120
    Then "acme" is bronze because its score is in decline
    And one tier change was recorded for "acme", from gold to bronze

  Scenario Outline: Recording something that leaves the tier as it was records no tier change
    Given client "acme" made a profit of 1000
    And client "acme" scored 108 of 120
    When <something is recorded>
    Then "acme" is still gold because it is in the Pareto head
    And no tier change was recorded for "acme"

    Examples:
      | something is recorded                                                               |
      | the coach scores "acme" 101 of 120                                                  |
      | the coach scores "acme" 108 of 120                                                  |
      | the coach records for "acme" revenue 1000 at a cost of 0 in 2026                    |
      | the coach records for "acme" revenue 5000 at a cost of 100 in 2026                  |
      | the coach notes the referral value of "acme" as high because "sent us two prospects" |
      | the coach notes the strategic value of "acme" as high because "opens the DACH market" |
      | the coach records a survey for "acme": satisfaction 9, NPS 10                       |
      | the coach moves "acme" to partnership on the pyramid because "shared roadmap"       |
      | the coach makes "bob" the owner of "acme"                                           |
