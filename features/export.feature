Feature: Exporting the ledger
  The standings can go out to a spreadsheet or another tool as CSV, JSON or JSON lines. Every
  recorded event can go out too, in order, and into an empty ledger again: the new ledger then tells
  the same story — the same clients, histories, tiers and reasons.

  Background:
    Given client "acme" scored 108 of 120 on 2026-03-01
    And client "acme" made a profit of 80000 on 2026-04-02
    And client "globex" made a loss of 500 on 2026-04-03

  Scenario: The standings go out as CSV, one row per client
    When the coach exports the standings as csv
    Then the export is a table with the columns "key, name, owner, tier, tier_rule"
    And the export has a row for "acme" with tier "gold"
    And the export has a row for "globex" with tier "bronze"

  Scenario Outline: The standings go out as JSON or JSON lines, as kam standings shows them
    When the coach exports the standings as <format>
    Then the export holds the same standings as the ledger shows

    Examples:
      | format |
      | json   |
      | jsonl  |

  Scenario: Events exported and imported into an empty ledger tell the same story
    When the coach exports the events and imports them into an empty ledger
    Then the new ledger shows the same standings
    And the new ledger shows the same history of "acme"
    And asked why in the new ledger, "acme" is gold by rule gold-pareto-head

  Scenario: Events are imported only into an empty ledger
    When the coach imports the ledger's own events into it again
    Then it is refused by the ledger's rules, saying "import events only into an empty ledger"

  Scenario: Text a spreadsheet would run goes out as text and comes back as written
    Given client "mallory" is registered with owner "=HYPERLINK('http://evil.example','Click me')"
    When the coach exports the standings as csv
    Then the owner of "mallory" in the export starts with a quote, so a spreadsheet shows it as text
    And imported as clients into an empty ledger, "mallory" has the owner "=HYPERLINK('http://evil.example','Click me')"
