Feature: What the surveys said, over time
  The summary counts the survey answers per quarter (or month, or year) and in all: how many
  responses, the mean satisfaction, and the NPS: the % of promoters (NPS answer 9-10) minus the %
  of detractors (0-6), from -100 to +100. It can be split by the clients' tier or owner (as they
  are now) and limited to the surveys answered from one day to another.

  Background:
    Given client "acme" is registered with owner "ann"
    And client "globex" is registered with owner "bob"
    And client "initech" is registered with owner "ann"
    And client "acme" was set to gold by hand
    And the coach recorded a survey for "acme": satisfaction 9, NPS 10 on 2026-01-10
    And the coach recorded a survey for "globex": satisfaction 6, NPS 7 on 2026-02-10
    And the coach recorded a survey for "initech": satisfaction 3, NPS 4 on 2026-03-10
    And the coach recorded a survey for "acme": satisfaction 8, NPS 9 on 2026-04-10
    And the coach recorded a survey for "globex": satisfaction 10, NPS 10 on 2026-05-10

  Scenario: NPS and mean satisfaction per quarter and in all
    When the KAM lead asks for the survey summary
    Then the survey summary is:
      | period  | responses | mean_satisfaction | promoters | passives | detractors | nps |
      | 2026-Q1 | 3         | 6.0               | 1         | 1        | 1          | 0   |
      | 2026-Q2 | 2         | 9.0               | 2         | 0        | 0          | 100 |
      | all     | 5         | 7.2               | 3         | 1        | 1          | 40  |

  Scenario: The summary by owner
    When the KAM lead asks for the survey summary by owner
    Then the survey summary is:
      | owner | period  | responses | mean_satisfaction | promoters | passives | detractors | nps |
      | ann   | 2026-Q1 | 2         | 6.0               | 1         | 0        | 1          | 0   |
      | ann   | 2026-Q2 | 1         | 8.0               | 1         | 0        | 0          | 100 |
      | ann   | all     | 3         | 6.7               | 2         | 0        | 1          | 33  |
      | bob   | 2026-Q1 | 1         | 6.0               | 0         | 1        | 0          | 0   |
      | bob   | 2026-Q2 | 1         | 10.0              | 1         | 0        | 0          | 100 |
      | bob   | all     | 2         | 8.0               | 1         | 1        | 0          | 50  |

  Scenario: The summary by tier, for the surveys of one period, per month
    When the KAM lead asks for the survey summary by tier from 2026-02-01 to 2026-04-30 per month
    Then the survey summary is:
      | tier    | period  | responses | mean_satisfaction | promoters | passives | detractors | nps  |
      | gold    | 2026-04 | 1         | 8.0               | 1         | 0        | 0          | 100  |
      | gold    | all     | 1         | 8.0               | 1         | 0        | 0          | 100  |
      | unrated | 2026-02 | 1         | 6.0               | 0         | 1        | 0          | 0    |
      | unrated | 2026-03 | 1         | 3.0               | 0         | 0        | 1          | -100 |
      | unrated | all     | 2         | 4.5               | 0         | 1        | 1          | -50  |

  Scenario: Summarising by anything else is refused
    When the KAM lead runs "surveys summary --by pyramid"
    Then it is refused as bad input, saying "cannot summarise surveys by 'pyramid' (one of: tier, owner)"
