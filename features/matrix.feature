Feature: The two-sided matrix
  A client's attractiveness to us is held against ours to the client, both on 0-100. Its
  attractiveness to us is its latest scorecard total as a share of 120. Ours to the client is, by
  the client's own criteria, our latest rating (see attractiveness.feature); until we have one, its
  latest survey stands in: the mean of its satisfaction (1-10, scaled so that 1 is 0 and 10 is 100)
  and its NPS answer (0-10, times 10). A client is highly attractive to us from a score of 80 of
  120 (the workable band: an at-risk score is not high), and we to it from 70. The quadrants:
  key (attractive both ways: invest), develop (attractive to us, less so we to them: win them
  over), maintain (they value us more than we value them: serve well at a sensible cost) and
  reconsider (neither side gains much).

  Scenario: Each client lands in its quadrant, with its tier and pyramid level
    Given client "acme" scored 108 of 120
    And the coach recorded a survey for "acme": satisfaction 10, NPS 10
    And client "acme" was moved to partnership on the pyramid
    And client "globex" scored 96 of 120
    And the coach recorded a survey for "globex": satisfaction 4, NPS 3
    And client "initech" scored 48 of 120
    And the coach recorded a survey for "initech": satisfaction 9, NPS 9
    And client "umbrella" scored 36 of 120
    And the coach recorded a survey for "umbrella": satisfaction 2, NPS 1
    When the KAM lead looks at the matrix
    Then the matrix shows:
      | key      | client_attractiveness | our_attractiveness | quadrant   | tier   | pyramid_level |
      | acme     | 90.0                  | 100.0              | key        | silver | partnership   |
      | globex   | 80.0                  | 31.7               | develop    | silver | transactional |
      | initech  | 40.0                  | 89.4               | maintain   | bronze | transactional |
      | umbrella | 30.0                  | 10.6               | reconsider | bronze | transactional |

  Scenario Outline: High to us from a workable score, high to them from 70
    Given client "acme" scored <total> of 120
    And the coach recorded a survey for "acme": satisfaction <satisfaction>, NPS <nps>
    When the KAM lead looks at the matrix
    Then "acme" is at <theirs> to us and <ours> from us, in quadrant <quadrant>

    Examples:
      | total | satisfaction | nps | theirs | ours  | quadrant   |
      | 80    | 10           | 4   | 66.7   | 70.0  | key        |
      | 79    | 10           | 10  | 65.8   | 100.0 | maintain   |
      | 60    | 10           | 10  | 50.0   | 100.0 | maintain   |
      | 96    | 10           | 3   | 80.0   | 65.0  | develop    |
      | 12    | 1            | 0   | 10.0   | 0.0   | reconsider |

  Scenario: Where high starts can be chosen on either side
    Given client "acme" scored 60 of 120
    And the coach recorded a survey for "acme": satisfaction 7, NPS 7
    When the KAM lead looks at the matrix, counting a score of 60 and 60 from us as high
    Then "acme" is at 50.0 to us and 68.3 from us, in quadrant key

  Scenario: The latest score and the latest survey count
    Given client "acme" scored 100 of 120 on 2026-01-10
    And client "acme" scored 50 of 120 on 2026-06-10
    And the coach recorded a survey for "acme": satisfaction 2, NPS 2 on 2026-02-01
    And the coach recorded a survey for "acme": satisfaction 10, NPS 10 on 2026-07-01
    When the KAM lead looks at the matrix
    Then "acme" is at 41.7 to us and 100.0 from us, in quadrant maintain

  Scenario: A client not yet scored or surveyed is listed but not placed
    Given client "acme" scored 100 of 120
    And client "globex" is registered
    When the KAM lead looks at the matrix
    Then "acme" is not placed, for want of a rating
    And "globex" is not placed, for want of a score and a rating

  Scenario: The matrix chart is drawn with the table alongside
    Given client "acme" scored 100 of 120
    And the coach recorded a survey for "acme": satisfaction 9, NPS 10
    When the KAM lead draws the matrix chart to "matrix.svg"
    Then it is accepted
    And "matrix.svg" is a SVG chart
    And the output names "acme" in quadrant key

  Scenario: A chart file that is neither PNG nor SVG is refused
    When the KAM lead draws the matrix chart to "matrix.jpg"
    Then it is refused as bad input, saying "matrix.jpg must end in .png or .svg"
