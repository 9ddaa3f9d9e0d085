Feature: Faults leave nothing half-done
  A full disk, a file that is not a ledger, or a colleague's kam that died in the middle of a
  command never leave the ledger half-written: the coach is told in one line what went wrong, and
  what a command records is there whole or not at all. Colleagues who open the ledger at the same
  moment each get their answer.

  Background:
    Given client "acme" is registered

  Scenario: A full disk stops an import, and nothing of it is recorded
    Given the disk has room for only a few more pages
    When the coach imports 240 monthly values for "acme"
    Then it is refused in one line, saying "the disk is full", and nothing is recorded

  Scenario: A file that is not a ledger is named in one line
    Given the ledger setting points at a file of meeting notes
    When the coach looks at the standings
    Then the coach is told in one line that "the file is not a SQLite database"
    And the file of meeting notes is unchanged

  Scenario: Tiers a crash left unsettled are settled before anyone reads them
    Given a colleague's kam recorded that "acme" made a profit of 80000 and died before evaluating tiers
    When the coach looks at the standings
    Then "acme" is silver because nothing else applies

  Scenario: Colleagues opening the ledger at the same moment after an upgrade all get their answer
    Given the ledger's read models were made by an earlier version of kamledger
    When 8 colleagues look at the standings at the same moment
    Then every one of them sees "acme" in the standings
