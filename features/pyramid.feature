Feature: The cooperation pyramid
  How closely we work with a client: transactional, cooperation, partnership, synergy. A client
  starts transactional and moves up or down, always with a reason; the history keeps every move.

  Background:
    Given client "acme" is registered

  Scenario: A new client starts at the bottom of the pyramid
    Then "acme" is at the transactional level of the pyramid

  Scenario: Moving up the pyramid, with a reason
    When the coach moves "acme" to cooperation on the pyramid because "joint planning started"
    Then "acme" is at the cooperation level of the pyramid
    And the latest PyramidLevelChanged of "acme" records:
      | field      | value                  |
      | from_level | transactional          |
      | to_level   | cooperation            |
      | direction  | up                     |
      | reason     | joint planning started |

  Scenario: Moving down the pyramid, with a reason
    Given client "acme" was moved to synergy on the pyramid
    When the coach moves "acme" to partnership on the pyramid because "their new CFO cut the shared roadmap"
    Then "acme" is at the partnership level of the pyramid
    And the latest PyramidLevelChanged of "acme" records:
      | field      | value                                |
      | from_level | synergy                              |
      | to_level   | partnership                          |
      | direction  | down                                 |
      | reason     | their new CFO cut the shared roadmap |

  Scenario: Every move up and down is kept in the history
    Given client "acme" was moved to cooperation on the pyramid on 2026-01-10
    And client "acme" was moved to synergy on the pyramid on 2026-02-10
    When the coach moves "acme" to cooperation on the pyramid because "the joint venture ended" on 2026-03-10
    Then the pyramid moves of "acme" are:
      | from          | to          | direction | on         |
      | transactional | cooperation | up        | 2026-01-10 |
      | cooperation   | synergy     | up        | 2026-02-10 |
      | synergy       | cooperation | down      | 2026-03-10 |

  Scenario: Moving to the level the client is already at is refused
    When the coach moves "acme" to transactional on the pyramid because "nothing changed"
    Then it is refused by the ledger's rules, saying "'acme' is already at transactional"

  Scenario: Moving again to the level just reached is refused
    Given client "acme" was moved to partnership on the pyramid
    When the coach moves "acme" to partnership on the pyramid because "still partners"
    Then it is refused by the ledger's rules, saying "already at partnership"
    And "acme" is at the partnership level of the pyramid

  Scenario: A move needs a reason
    When the coach moves "acme" to cooperation on the pyramid without a reason
    Then it is refused as bad input, saying "a reason for the move is required"
    And "acme" is at the transactional level of the pyramid

  Scenario: Only the four levels of the pyramid are known
    When the coach moves "acme" to alliance on the pyramid because "signed a framework deal"
    Then it is refused as bad input, saying "unknown pyramid level 'alliance'"
