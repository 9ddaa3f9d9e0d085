Feature: How attractive we are by the client's own yardstick
  A key-client relationship is two-sided. Besides how attractive the client is to us (the
  scorecard), we must know how attractive we are to the client, judged by the criteria the client
  itself rates its suppliers by. The client's criteria carry weights (any positive numbers; they
  count as shares of their sum). We rate ourselves on every one of them, 1-10, as the client told
  us or as we estimate it. Our attractiveness is the weighted mean of our latest ratings times 10
  (0-100); where no rating exists yet, the matrix falls back on the latest survey.

  Scenario: A client that rates us low on price lands in develop
    Given client "acme" scored 108 of 120
    And "acme" rates its suppliers by quality 30, price 25, delivery 20, innovation 15, relationship 10
    And the client "acme" rated us quality 9, price 2, delivery 8, innovation 7, relationship 9
    When the KAM lead looks at the matrix
    Then "acme" is at 90.0 to us and 67.5 from us, in quadrant develop
    And our side of "acme" comes from rating-client

  Scenario: A rating takes the survey's place; where there is none, the survey stands in
    Given client "acme" scored 108 of 120
    And the coach recorded a survey for "acme": satisfaction 10, NPS 10
    And client "globex" scored 108 of 120
    And the coach recorded a survey for "globex": satisfaction 10, NPS 10
    And "acme" rates its suppliers by quality 1, price 1
    And we estimated "acme" would rate us quality 6, price 5
    When the KAM lead looks at the matrix
    Then "acme" is at 90.0 to us and 55.0 from us, in quadrant develop
    And our side of "acme" comes from rating-estimate
    And "globex" is at 90.0 to us and 100.0 from us, in quadrant key
    And our side of "globex" comes from survey

  Scenario: Weights count as shares of their sum
    Given client "acme" scored 108 of 120
    And "acme" rates its suppliers by quality 3, price 1
    And the client "acme" rated us quality 10, price 2
    When the KAM lead looks at the matrix
    Then "acme" is at 90.0 to us and 80.0 from us, in quadrant key

  Scenario: The latest rating by business date counts, whatever order they were typed in
    Given client "acme" scored 108 of 120
    And "acme" rates its suppliers by quality 1, price 1 on 2026-01-10
    And the client "acme" rated us quality 9, price 9 on 2026-06-01
    And the client "acme" rated us quality 3, price 3 on 2026-03-01
    When the KAM lead looks at the matrix
    Then "acme" is at 90.0 to us and 90.0 from us, in quadrant key

  Scenario: A rating names the criteria in force on its date
    Given client "acme" is registered on 2026-01-05
    And "acme" rates its suppliers by quality 1, price 1 on 2026-01-10
    And "acme" rates its suppliers by quality 1, price 1, delivery 2 on 2026-06-01
    When the coach records that "acme" rated us "quality=8,price=7" on 2026-03-01
    Then it is accepted
    And "acme" shows our attractiveness 75.0 from rating-client, with delivery unrated

  Scenario: The client's record shows its criteria and how our ratings moved
    Given client "acme" is registered on 2026-01-05
    And "acme" rates its suppliers by quality 30, price 25, delivery 20, innovation 15, relationship 10 on 2026-01-10
    And the client "acme" rated us quality 9, price 2, delivery 8, innovation 7, relationship 9 on 2026-02-01
    And the client "acme" rated us quality 9, price 5, delivery 7, innovation 7, relationship 9 on 2026-05-01
    When the coach looks up client "acme"
    Then it is accepted
    And its ratings over time are:
      | occurred_on | source | our_attractiveness | moved                        |
      | 2026-02-01  | client | 67.5               | {}                           |
      | 2026-05-01  | client | 73.0               | {"price": 3, "delivery": -1} |

  Scenario: A key client need not be gold, and the matrix says why
    Given client "acme" scored 108 of 120
    And "acme" rates its suppliers by quality 1
    And the client "acme" rated us quality 9
    When the KAM lead runs "matrix"
    Then it says "A quadrant is not a tier"
    And it says "acme: key, yet silver by silver-default"

  Scenario Outline: Bad criteria or ratings are refused and nothing is recorded
    Given client "acme" is registered on 2026-01-05
    And "acme" rates its suppliers by quality 30, price 25 on 2026-01-10
    When the coach <does> on 2026-02-01
    Then it is refused <how>, saying "<complaint>"

    Examples:
      | does                                                       | how                     | complaint                                       |
      | sets the criteria of "acme" to "quality=30,price=0"        | as bad input            | the weight of 'price' must be above zero        |
      | sets the criteria of "acme" to "quality=30,price=-5"       | as bad input            | the weight of 'price' must be above zero        |
      | sets the criteria of "acme" to "Quality Of Work=3"         | as bad input            | must be 1-40 lowercase letters, digits or '-'   |
      | records that "acme" rated us "quality=11,price=5"          | as bad input            | the rating of 'quality' must be a whole number  |
      | records that "acme" rated us "quality=0,price=5"           | as bad input            | the rating of 'quality' must be a whole number  |
      | records that "acme" rated us "quality=8,delivery=5"        | by the ledger's rules   | 'acme' does not rate suppliers by delivery       |
      | records that "acme" rated us "quality=8"                   | by the ledger's rules   | every criterion of 'acme' must be rated: price  |

  Scenario: Nothing is rated before the client has criteria, nor before it was registered
    Given client "acme" is registered on 2026-01-05
    And "acme" rates its suppliers by quality 1 on 2026-02-01
    When the coach records that "acme" rated us "quality=8" on 2026-01-20
    Then it is refused by the ledger's rules, saying "'acme' has no criteria to be rated on yet"
