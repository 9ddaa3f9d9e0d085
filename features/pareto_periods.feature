Feature: Which periods a Pareto analysis counts
  Value is recorded per period: a year (2026), half (2026-H1), quarter (2026-Q1) or month (2026-03).
  "--period P" counts the recorded periods that fall within P; "--from P" and "--to P" count those
  from the start of one period to the end of another. A recorded period that reaches beyond the
  selection cannot be split, so it is left out, and the analysis says so. Without a selection,
  every recorded period counts (the client's lifetime value).

  Background:
    Given these values were recorded:
      | client  | period  | revenue | cost |
      | alpha   | 2026-Q1 | 1000    | 0    |
      | alpha   | 2026-Q2 | 1000    | 0    |
      | bravo   | 2026-05 | 4000    | 0    |
      | charlie | 2026    | 9000    | 0    |
      | delta   | 2025-Q4 | 8000    | 0    |

  Scenario Outline: The selection decides which values count
    When the KAM lead looks at the Pareto view <selection>
    Then the head is "<head>"
    And the ranking is "<ranking>"
    And the recorded periods left out are "<left out>"

    Examples:
      | selection                    | head                  | ranking                      | left out     |
      | for every period             | charlie, delta, bravo | charlie, delta, bravo, alpha |              |
      | for period 2026-H1           | bravo, alpha          | bravo, alpha                 | charlie 2026 |
      | for period 2026              | charlie, bravo        | charlie, bravo, alpha        |              |
      | from 2026-Q2 to 2026-Q4      | bravo                 | bravo, alpha                 | charlie 2026 |
      | from 2026-05                 | bravo                 | bravo                        | alpha 2026-Q2, charlie 2026 |
      | to 2025                      | delta                 | delta                        |              |

  Scenario: A period together with --from is refused
    When the KAM lead runs "pareto --period 2026 --from 2026-Q1"
    Then it is refused as bad input, saying "give either --period or --from/--to, not both"

  Scenario: A selection that ends before it starts is refused
    When the KAM lead runs "pareto --from 2026-Q3 --to 2026-Q1"
    Then it is refused as bad input, saying "--from 2026-Q3 comes after --to 2026-Q1"

  Scenario: A period that is not a period is refused
    When the KAM lead runs "pareto --period 2026-Q5"
    Then it is refused as bad input, saying "period '2026-Q5' is not like 2026, 2026-H1, 2026-Q1 or 2026-03"
