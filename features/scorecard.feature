Feature: The client-attractiveness scorecard
  A coach scores a client on 12 questions, each answered from 1 to 10, so the total is out of 120.
  The total falls in a band: 100 or more is ideal, 80 to 99 workable, 60 to 79 at risk and
  below 60 decline. Every score remembers the questionnaire it was answered under.

  Background:
    Given client "acme" is registered

  Scenario Outline: A total of <total> of 120 is <band>
    When the coach scores "acme" <total> of 120
    Then "acme" scores <total> of 120, which is <band>

    Examples:
      | total | band     |
      | 120   | ideal    |
      | 100   | ideal    |
      | 99    | workable |
      | 80    | workable |
      | 79    | at-risk  |
      | 60    | at-risk  |
      | 59    | decline  |
      | 12    | decline  |

  Scenario: The total is the sum of the twelve answers
    When the coach answers the scorecard for "acme" with 10,9,8,7,6,5,4,3,2,1,10,10
    Then "acme" scores 75 of 120, which is at-risk
    And the latest score of "acme" keeps the answers 10,9,8,7,6,5,4,3,2,1,10,10

  Scenario Outline: A scorecard that is not twelve answers from 1 to 10 is refused
    When the coach answers the scorecard for "acme" with <answers>
    Then it is refused as bad input, saying "<complaint>"
    And "acme" is not scored

    Examples:
      | answers                    | complaint                      |
      | 9,9,9,9,9,9,9,9,9,9,9      | needs 12 answers, got 11       |
      | 9,9,9,9,9,9,9,9,9,9,9,9,9  | needs 12 answers, got 13       |
      | 9,9,9,9,9,0,9,9,9,9,9,9    | answer 6 must be from 1 to 10  |
      | 9,9,9,9,9,9,9,9,9,9,9,11   | answer 12 must be from 1 to 10 |
      | 9,9,9,9,9,nine,9,9,9,9,9,9 | whole numbers                  |

  Scenario: A new score replaces the previous one
    Given client "acme" scored 108 of 120 on 2026-02-01
    When the coach scores "acme" 55 of 120 on 2026-03-01
    Then "acme" scores 55 of 120, which is decline

  Scenario: An older scorecard entered late does not replace the latest one
    Given client "acme" scored 108 of 120 on 2026-03-01
    When the coach scores "acme" 55 of 120 on 2026-02-01
    Then "acme" scores 108 of 120, which is ideal

  Scenario: A score records the questionnaire it was answered under
    Given the shipped questionnaire is in use
    When the coach scores "acme" 90 of 120
    Then the questionnaire in use is "v1" with 12 questions
    And the scores of "acme" were answered under questionnaires "v1"

  Scenario: The business's own questionnaire is recorded on the scores answered under it
    Given client "acme" scored 90 of 120 on 2026-02-01
    And the business's own questionnaire "acme-kam-2026" is in use
    When the coach scores "acme" 95 of 120 on 2026-03-01
    Then the questionnaire in use is "acme-kam-2026" with 12 questions
    And the scores of "acme" were answered under questionnaires "v1, acme-kam-2026"
    And "acme" scores 95 of 120, which is workable

  Scenario: A replacement questionnaire without twelve questions is refused
    Given a replacement questionnaire "short" with 11 questions is in use
    When the coach scores "acme" 90 of 120
    Then it is refused as bad input, saying "12 questions"
