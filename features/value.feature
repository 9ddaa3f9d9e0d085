Feature: Value: revenue and cost to serve, period by period
  A client's profit contribution is its revenue minus its cost to serve, summed over every period
  recorded: a year (2026), a half (2026-H1), a quarter (2026-Q1) or a month (2026-03). Recording
  the same period again corrects it; a different period that overlaps one already recorded is
  refused. Money is counted exactly, to the cent.

  Background:
    Given client "acme" is registered

  Scenario: Profit contribution is revenue minus cost to serve over every period
    When the coach records for "acme" revenue 1250.50 at a cost of 400.25 in 2026-Q1
    And the coach records for "acme" revenue 100 at a cost of 300 in 2026-Q2
    Then the profit contribution of "acme" is 650.25

  Scenario: Money is counted exactly, to the cent
    When the coach records for "acme" revenue 0.10 at a cost of 0 in 2026-01
    And the coach records for "acme" revenue 0.20 at a cost of 0 in 2026-02
    Then the profit contribution of "acme" is 0.30

  Scenario Outline: A period can be a year, a half, a quarter or a month
    When the coach records for "acme" revenue 100 at a cost of 40 in <period>
    Then "acme" has value recorded for the periods "<label>"
    And the profit contribution of "acme" is 60

    Examples:
      | period  | label   |
      | 2026    | 2026    |
      | 2026-H2 | 2026-H2 |
      | 2026-Q1 | 2026-Q1 |
      | 2026-03 | 2026-03 |
      | 2026-q3 | 2026-Q3 |

  Scenario: Recording the same period again corrects it
    Given client "acme" brought revenue 1000 at a cost of 200 in 2026-Q1
    When the coach records for "acme" revenue 900 at a cost of 300 in 2026-Q1
    Then the profit contribution of "acme" is 600
    And "acme" has value recorded for the periods "2026-Q1"

  Scenario: Periods that do not overlap add up
    Given client "acme" brought revenue 1000 at a cost of 200 in 2026-Q1
    When the coach records for "acme" revenue 500 at a cost of 100 in 2026-Q2
    Then the profit contribution of "acme" is 1200
    And "acme" has value recorded for the periods "2026-Q1, 2026-Q2"

  Scenario Outline: A period overlapping a different one already recorded is refused
    Given client "acme" brought revenue 1000 at a cost of 200 in <recorded>
    When the coach records for "acme" revenue 5000 at a cost of 0 in <overlapping>
    Then it is refused by the ledger's rules, saying "overlaps <recorded>"
    And the profit contribution of "acme" is 800

    Examples:
      | recorded | overlapping |
      | 2026-Q1  | 2026        |
      | 2026-Q1  | 2026-03     |
      | 2026-Q2  | 2026-H1     |
      | 2026     | 2026-Q4     |
      | 2026-H2  | 2026-07     |

  Scenario Outline: An amount that is not money is refused
    When the coach records for "acme" revenue <revenue> at a cost of <cost> in 2026-Q1
    Then it is refused as bad input, saying "<complaint>"
    And "acme" has no value recorded

    Examples:
      | revenue  | cost | complaint                          |
      | lots     | 10   | revenue 'lots' is not an amount    |
      | -5       | 10   | revenue must be zero or more       |
      | 10.123   | 10   | more than two decimals             |
      | NaN      | 10   | revenue 'NaN' is not an amount     |
      | Infinity | 10   | revenue 'Infinity' is not an amount |
      | 1e3      | 10   | revenue '1e3' is not an amount     |
      | 100      | ten  | cost to serve 'ten' is not an amount |
      | 100      | -1   | cost to serve must be zero or more |

  Scenario Outline: A period that is not a year, half, quarter or month is refused
    When the coach records for "acme" revenue 100 at a cost of 10 in <period>
    Then it is refused as bad input, saying "period '<period>' is not like 2026"
    And "acme" has no value recorded

    Examples:
      | period  |
      | 2026-Q5 |
      | 2026-H3 |
      | 2026-13 |
      | 2026-00 |
      | 26      |
      | Q1-2026 |
      | 2026-3  |
