Feature: The ideal client
  The ideal-client profile says what the client we would most like to have looks like, in the tier
  policy's words: a score band at least, profit per hour at least, a pyramid level at least, a value
  dimension noted high, no open burden or problem, our attractiveness to the client at least. The
  profile is data: the shipped one, or the TOML file $KAM_IDEAL_PROFILE names. The coach asks how a
  client fits it, condition by condition; the standings give every client's fit as met / total.

  Background:
    Given the ideal-client profile wants a workable score, cooperation on the pyramid, no open problem and our attractiveness of 70

  Scenario: A client that fits but for an open problem meets 3 of 4
    Given client "acme" scored 100 of 120
    And client "acme" was moved to partnership on the pyramid
    And "acme" rates its suppliers by quality 1
    And the client "acme" rated us quality 8
    And client "acme" caused 1 problem
    When the coach asks how "acme" fits the ideal-client profile
    Then it is accepted
    And "acme" meets 3 of 4, all but no_open_problem
    And the standings give "acme" an ideal fit of 3/4

  Scenario: How a client fitted on a business date follows the facts dated by then
    Given client "acme" scored 100 of 120 on 2026-02-01
    And client "acme" was moved to cooperation on the pyramid on 2026-03-01
    And the coach recorded a survey for "acme": satisfaction 9, NPS 8 on 2026-03-01
    And client "acme" scored 70 of 120 on 2026-01-15
    When the coach asks how "acme" fitted the ideal-client profile on 2026-02-15
    Then "acme" meets 2 of 4, all but pyramid_at_least, our_attractiveness_at_least

  Scenario: A profile the fit would not understand is refused
    Given the ideal-client profile wants a pyramid level of "friends"
    When the coach asks how "acme" fits the ideal-client profile
    Then it is refused as bad input, saying "ideal-client profile test: pyramid_at_least cannot be 'friends'"
