Feature: Surveys due
  Key clients are surveyed on a cadence: gold every 6 months and silver every 12. A gold or silver
  client is due once its last survey is that old, and at once if it was never surveyed; bronze and
  unrated clients are not on a cadence. The cadence can be chosen with --gold-months and
  --silver-months, or $KAM_SURVEY_GOLD_MONTHS and $KAM_SURVEY_SILVER_MONTHS.

  Background:
    Given client "goldie" was set to gold by hand
    And client "silvia" was set to silver by hand
    And client "bruno" was set to bronze by hand
    And the coach recorded a survey for "goldie": satisfaction 8, NPS 9 on 2026-01-15
    And the coach recorded a survey for "silvia": satisfaction 7, NPS 8 on 2026-01-15
    And the coach recorded a survey for "bruno": satisfaction 3, NPS 2 on 2025-01-15

  Scenario: A gold client is due six months after its last survey
    When the KAM lead asks which surveys are due on 2026-07-14
    Then no survey is due
    When the KAM lead asks which surveys are due on 2026-07-15
    Then the surveys due are:
      | key    | tier | last_survey | due        |
      | goldie | gold | 2026-01-15  | 2026-07-15 |

  Scenario: A silver client is due twelve months after its last survey; bronze is never due
    When the KAM lead asks which surveys are due on 2027-01-20
    Then the surveys due are:
      | key    | tier   | last_survey | due        |
      | goldie | gold   | 2026-01-15  | 2026-07-15 |
      | silvia | silver | 2026-01-15  | 2027-01-15 |

  Scenario: A key client never surveyed is due at once; an unrated one is not
    Given client "newgold" was set to gold by hand
    And client "newbie" is registered
    When the KAM lead asks which surveys are due on 2026-02-01
    Then the surveys due are:
      | key     | tier | last_survey | due  |
      | newgold | gold | null        | null |

  Scenario: Surveys falling due soon are shown with --within
    When the KAM lead asks which surveys are due within 31 days of 2026-06-20
    Then the surveys due are:
      | key    | tier | last_survey | due        |
      | goldie | gold | 2026-01-15  | 2026-07-15 |

  Scenario: The cadence can be chosen
    When the KAM lead asks which surveys are due on 2026-04-15, surveying gold every 3 months
    Then the surveys due are:
      | key    | tier | last_survey | due        |
      | goldie | gold | 2026-01-15  | 2026-04-15 |

  Scenario: The cadence can be set in the environment
    Given the silver cadence is set to 2 months in the environment
    When the KAM lead asks which surveys are due on 2026-03-15
    Then the surveys due are:
      | key    | tier   | last_survey | due        |
      | silvia | silver | 2026-01-15  | 2026-03-15 |

  Scenario: A cadence of no months is refused
    When the KAM lead runs "surveys due --gold-months 0"
    Then it is refused as bad input, saying "Invalid value for '--gold-months'"

  Scenario: A day that is not a date is refused
    When the KAM lead runs "surveys due --on 2026-02-30"
    Then it is refused as bad input, saying "--on '2026-02-30' is not a date like 2026-03-31"
