Feature: Importing what the CRM exports
  A coach who keeps clients, money, scorecards and surveys in a CRM brings them into the ledger
  from CSV files: UTF-8, a first line naming the columns, dates like 2026-03-31. A file is imported
  whole or not at all: every row is checked first, and if any row is bad, every bad row is named by
  its line and nothing is recorded. Importing the same file again records nothing, and rows the
  ledger already holds are not recorded twice. Tiers are evaluated once, when the whole file is in.

  Scenario: Clients come in with their owners
    When the coach imports a clients file:
      | key    | name               | owner |
      | acme   | Acme GmbH          | ann   |
      | globex | Globex Corporation |       |
    Then it is accepted
    And it says "2 rows, 2 recorded, 0 already in the ledger"
    And "acme" is owned by "ann"
    And "globex" has no owner
    And "globex" is unrated

  Scenario: Revenue and cost per period set the profit and the tiers
    Given the coach imported a clients file:
      | key    | name               | date       |
      | acme   | Acme GmbH          | 2026-01-05 |
      | globex | Globex Corporation | 2026-01-05 |
    When the coach imports a values file:
      | key    | period  | revenue | cost  | date       |
      | acme   | 2026-Q1 | 100000  | 20000 | 2026-04-02 |
      | acme   | 2026-Q2 | 50000   | 10000 | 2026-07-01 |
      | globex | 2026-Q1 | 0       | 5000  | 2026-04-02 |
    Then "acme" makes a profit of 120000
    And "globex" is bronze because it does not make a profit
    And the latest ValueRecorded of "acme" records:
      | field       | value      |
      | period      | 2026-Q2    |
      | occurred_on | 2026-07-01 |
      | recorded_by | coach      |

  Scenario: Scorecards and surveys keep the date they were taken
    Given client "acme" is registered
    When the coach imports a scores file:
      | key  | date       | q1 | q2 | q3 | q4 | q5 | q6 | q7 | q8 | q9 | q10 | q11 | q12 | note          |
      | acme | 2026-03-01 | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9   | 9   | 9   | Good workshop |
    And the coach imports a surveys file:
      | key  | date       | satisfaction | nps | comment         |
      | acme | 2026-03-15 | 8            | 10  | Fast and candid |
    Then the latest Scored of "acme" records:
      | field       | value         |
      | total       | 108           |
      | note        | Good workshop |
      | occurred_on | 2026-03-01    |
    And the latest SurveyAnswered of "acme" records:
      | field       | value           |
      | nps         | 10              |
      | comment     | Fast and candid |
      | occurred_on | 2026-03-15      |

  Scenario: Columns the ledger does not know are named and left aside
    When the coach imports a clients file:
      | key  | name      | region | segment |
      | acme | Acme GmbH | EU     | A       |
    Then it is accepted
    And it says "ignored columns: region, segment"

  Scenario: One bad row refuses the whole file, and every bad row is named by its line
    Given client "acme" is registered
    When the coach imports a values file:
      | key    | period  | revenue | cost |
      | acme   | 2026-Q1 | 1000    | 200  |
      | acme   | 2026-Q2 | lots    | 200  |
      | nobody | 2026-Q1 | 1000    | 200  |
      | acme   | 2026    | 1000    | 200  |
    Then it is refused whole, as bad input
    And the refusal names line 3: "revenue 'lots' is not an amount"
    And the refusal names line 4: "no client with key 'nobody'"
    And the refusal names line 5: "period 2026 overlaps 2026-Q1"
    And the refusal does not name line 2

  Scenario: A file that breaks only the ledger's rules is refused by the rules
    Given client "acme" is registered
    When the coach imports a values file:
      | key    | period  | revenue | cost |
      | nobody | 2026-Q1 | 1000    | 200  |
    Then it is refused whole, by the ledger's rules
    And the refusal names line 2: "no client with key 'nobody'"

  Scenario Outline: A file without the columns its kind needs is refused
    When the coach imports a <kind> file:
      | key  | <column> |
      | acme | 1        |
    Then it is refused as bad input, saying "lacks the column <missing>"

    Examples:
      | kind    | column  | missing                 |
      | clients | owner   | name                    |
      | values  | period  | revenue, cost           |
      | surveys | date    | satisfaction, nps       |

  Scenario: Importing the same file again records nothing
    Given the coach imported a clients file:
      | key  | name      | owner |
      | acme | Acme GmbH | ann   |
    When the coach imports the same clients file again
    Then it is accepted
    And it says "already imported on"
    And it says "by coach"
    And the history of "acme" holds 1 Registered

  Scenario: An overlapping export records only what is new or changed
    Given client "acme" is registered
    And the coach imported a values file:
      | key  | period  | revenue | cost |
      | acme | 2026-Q1 | 1000    | 200  |
      | acme | 2026-Q2 | 1000    | 200  |
    When the coach imports a values file:
      | key  | period  | revenue | cost | note              |
      | acme | 2026-Q1 | 1000    | 200  | same as before    |
      | acme | 2026-Q2 | 1500    | 200  | corrected         |
      | acme | 2026-Q3 | 500     | 100  | new quarter       |
    Then it says "3 rows, 2 recorded, 1 already in the ledger"
    And the history of "acme" holds 4 ValueRecorded
    And "acme" makes a profit of 2500

  Scenario: A scorecard already recorded on the same date with the same answers is not doubled
    Given client "acme" scored 108 of 120 on 2026-03-01
    When the coach imports a scores file:
      | key  | date       | q1 | q2 | q3 | q4 | q5 | q6 | q7 | q8 | q9 | q10 | q11 | q12 |
      | acme | 2026-03-01 | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9   | 9   | 9   |
      | acme | 2026-06-01 | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9  | 9   | 9   | 9   |
    Then it says "2 rows, 1 recorded, 1 already in the ledger"
    And the history of "acme" holds 2 Scored

  Scenario: A client already registered under another name is refused
    Given client "acme" is registered
    When the coach imports a clients file:
      | key  | name          |
      | acme | Acme Holdings |
    Then it is refused whole, by the ledger's rules
    And the refusal names line 2: "'acme' is already registered as 'Acme'"

  Scenario: A new owner in the CRM hands the account over
    Given client "acme" is registered with owner "ann"
    When the coach imports a clients file:
      | key  | name | owner |
      | acme | Acme | bob   |
    Then "acme" is owned by "bob"
    And the history of "acme" holds 1 OwnerAssigned
