Feature: Burden signals
  Some clients cost more than they bring: a high cost to serve, low profit, or harm to the team.
  A coach notes such a burden signal with a note; while any is open the client is bronze. When it
  no longer holds, the coach resolves it, again with a note, and the policy decides again.

  Background:
    Given client "acme" made a profit of 1000
    And client "acme" scored 108 of 120

  Scenario Outline: A <signal> burden makes a gold client bronze
    When the coach notes a <signal> burden on "acme" because "<note>"
    Then "acme" is bronze because a burden is noted
    And one tier change was recorded for "acme", from gold to bronze
    And the latest BurdenSignalNoted of "acme" records:
      | field  | value    |
      | signal | <signal> |
      | note   | <note>   |

    Examples:
      | signal        | note                                   |
      | cost-to-serve | three on-site visits a week            |
      | low-profit    | discounts ate the margin               |
      | harm-to-team  | the project lead asked to be taken off |

  Scenario: Resolving the burden lifts it
    Given client "acme" has a cost-to-serve burden noted
    When the coach resolves the cost-to-serve burden of "acme" because "moved them to the self-service portal"
    Then "acme" is gold because it is in the Pareto head
    And one tier change was recorded for "acme", from bronze to gold
    And the latest BurdenSignalResolved of "acme" records:
      | field  | value                                 |
      | signal | cost-to-serve                         |
      | note   | moved them to the self-service portal |

  Scenario: A client stays bronze while another burden is still open
    Given client "acme" has a cost-to-serve burden noted
    And client "acme" has a harm-to-team burden noted
    When the coach resolves the cost-to-serve burden of "acme" because "moved them to the self-service portal"
    Then "acme" is still bronze because a burden is noted
    And no tier change was recorded for "acme"

  Scenario: The client is lifted when its last open burden is resolved
    Given client "acme" has a cost-to-serve burden noted
    And client "acme" has a harm-to-team burden noted
    And client "acme" had its cost-to-serve burden resolved
    When the coach resolves the harm-to-team burden of "acme" because "new contact person, calmer tone"
    Then "acme" is gold because it is in the Pareto head

  Scenario: Resolving a burden that is not open is refused
    Given client "acme" has a cost-to-serve burden noted
    When the coach resolves the low-profit burden of "acme" because "margins recovered"
    Then it is refused by the ledger's rules, saying "no open low-profit burden signal"
    And "acme" is still bronze because a burden is noted

  Scenario: A burden needs a note
    When the coach notes a harm-to-team burden on "acme" without a note
    Then it is refused as bad input, saying "a note is required"
    And "acme" is still gold because it is in the Pareto head

  Scenario: Resolving a burden needs a note
    Given client "acme" has a harm-to-team burden noted
    When the coach resolves the harm-to-team burden of "acme" without a note
    Then it is refused as bad input, saying "a note is required"
    And "acme" is still bronze because a burden is noted

  Scenario: Only the three burden signals are known
    When the coach notes a rudeness burden on "acme" because "shouted at support"
    Then it is refused as bad input, saying "unknown burden signal 'rudeness'"
