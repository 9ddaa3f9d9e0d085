Feature: A client's history
  Every fact about a client is kept, in the order it was recorded: what happened, the date it
  happened on, when it was recorded and by whom, with everything that was said about it.

  Scenario: The history lists every event in the order it was recorded
    Given client "acme" is registered with owner "ann" on 2026-01-05 by "ann"
    And client "acme" brought revenue 1000 at a cost of 250.50 in 2026-Q1 on 2026-04-02 by "bob"
    And client "acme" scored 104 of 120 on 2026-04-03 by "carla"
    And client "acme" was moved to cooperation on the pyramid on 2026-04-04 by "dora"
    When "ann" records a survey for "acme": satisfaction 9, NPS 10, comment "great quarter" on 2026-04-05
    Then the history of "acme" is:
      | type                | occurred_on | recorded_by |
      | Registered          | 2026-01-05  | ann         |
      | ValueRecorded       | 2026-04-02  | bob         |
      | TierChanged         | 2026-04-02  | bob         |
      | Scored              | 2026-04-03  | carla       |
      | TierChanged         | 2026-04-03  | carla       |
      | PyramidLevelChanged | 2026-04-04  | dora        |
      | SurveyAnswered      | 2026-04-05  | ann         |
    And each event in the history of "acme" was recorded at a UTC time, one after the other

  Scenario: Each event keeps what was said about it
    Given client "acme" is registered with owner "ann"
    When the coach records for "acme" revenue 1000 at a cost of 250.50 in 2026-q1
    Then the latest Registered of "acme" records:
      | field | value |
      | key   | acme  |
      | name  | Acme  |
      | owner | ann   |
    And the latest ValueRecorded of "acme" records:
      | field         | value   |
      | period        | 2026-Q1 |
      | revenue       | 1000    |
      | cost_to_serve | 250.50  |
    And the latest TierChanged of "acme" records:
      | field          | value          |
      | from_tier      | unrated        |
      | to_tier        | silver         |
      | rule           | silver-default |
      | policy_version | v1             |

  Scenario: A score records its answers, total, band and questionnaire
    Given client "acme" is registered
    When the coach answers the scorecard for "acme" with 10,10,10,10,10,10,5,5,5,5,5,5
    Then the latest Scored of "acme" records:
      | field                 | value                                  |
      | answers               | [10, 10, 10, 10, 10, 10, 5, 5, 5, 5, 5, 5] |
      | total                 | 90                                     |
      | band                  | workable                               |
      | questionnaire_version | v1                                     |

  Scenario: A fact entered late is listed where it was recorded, with the date it happened
    Given client "acme" scored 100 of 120 on 2026-04-03
    When the coach scores "acme" 70 of 120 on 2026-02-01
    Then the scores in the history of "acme" are, in order:
      | total | occurred_on |
      | 100   | 2026-04-03  |
      | 70    | 2026-02-01  |

  Scenario: Without a date or a name, a fact happened today and was recorded by the user at work
    Given client "acme" is registered
    When the coach scores "acme" 90 of 120
    Then the latest Scored of "acme" happened today and was recorded by "coach"
