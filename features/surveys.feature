Feature: Satisfaction surveys
  How attractive we are to the client, in their own words: overall satisfaction from 1 to 10, how
  likely they are to recommend us from 0 to 10 (the NPS question), and their comment if any.

  Background:
    Given client "acme" is registered

  Scenario: A survey's answers and comment are kept
    When the coach records a survey for "acme": satisfaction 8, NPS 9, comment "quick answers, fair prices"
    Then the latest survey of "acme" shows satisfaction 8 and NPS 9
    And the latest SurveyAnswered of "acme" records:
      | field        | value                      |
      | satisfaction | 8                          |
      | nps          | 9                          |
      | comment      | quick answers, fair prices |

  Scenario: A survey without a comment
    When the coach records a survey for "acme": satisfaction 6, NPS 5
    Then the latest SurveyAnswered of "acme" records:
      | field   | value   |
      | comment | null    |
      | channel | unknown |

  Scenario: A survey keeps how the client answered
    When the coach records a survey for "acme": satisfaction 7, NPS 8, by phone
    Then the latest SurveyAnswered of "acme" records:
      | field   | value |
      | channel | phone |

  Scenario: A survey channel must be one we know
    When the coach records a survey for "acme": satisfaction 7, NPS 8, by pigeon
    Then it is refused as bad input, saying "unknown survey channel 'pigeon'"
    And "acme" has answered no survey

  Scenario: The latest survey is the one shown
    Given the coach recorded a survey for "acme": satisfaction 9, NPS 10 on 2026-01-20
    When the coach records a survey for "acme": satisfaction 4, NPS 3 on 2026-04-20
    Then the latest survey of "acme" shows satisfaction 4 and NPS 3

  Scenario Outline: Answers at the ends of the scales are accepted
    When the coach records a survey for "acme": satisfaction <satisfaction>, NPS <nps>
    Then it is accepted
    And the latest survey of "acme" shows satisfaction <satisfaction> and NPS <nps>

    Examples:
      | satisfaction | nps |
      | 1            | 0   |
      | 10           | 10  |

  Scenario Outline: Answers off the scales are refused
    When the coach records a survey for "acme": satisfaction <satisfaction>, NPS <nps>
    Then it is refused as bad input, saying "<complaint>"
    And "acme" has answered no survey

    Examples:
      | satisfaction | nps  | complaint                              |
      | 0            | 5    | satisfaction must be from 1 to 10      |
      | 11           | 5    | satisfaction must be from 1 to 10      |
      | 5            | -1   | NPS answer must be from 0 to 10        |
      | 5            | 11   | NPS answer must be from 0 to 10        |
      | high         | 5    | Invalid value for '--satisfaction'     |
      | 5            | 7.5  | Invalid value for '--nps'              |

  Scenario: A survey alone does not rate a client
    When the coach records a survey for "acme": satisfaction 9, NPS 10
    Then "acme" is unrated
