Feature: Refusing bad input
  Whatever goes wrong, kam answers with one line on stderr starting "kam: error:", never a
  traceback, and records nothing: the client's history and the standings stay as they were.
  Mistakes in what was typed exit 2; what the ledger's rules refuse exits 1.

  Background:
    Given client "acme" scored 108 of 120

  Scenario Outline: Nothing can be recorded for, or asked about, a client that is not registered
    When <something for a stranger>
    Then it is refused by the ledger's rules, saying "no client with key 'ghost'"

    Examples:
      | something for a stranger                                                    |
      | the coach scores "ghost" 90 of 120                                          |
      | the coach records for "ghost" revenue 100 at a cost of 10 in 2026-Q1        |
      | the coach notes the strategic value of "ghost" as high because "big plans"  |
      | the coach notes a harm-to-team burden on "ghost" because "rude on calls"    |
      | the coach resolves the harm-to-team burden of "ghost" because "calmer now"  |
      | the coach moves "ghost" to cooperation on the pyramid because "joint plans" |
      | the coach sets "ghost" to gold by hand because "big name"                   |
      | the coach clears the tier set by hand on "ghost" because "mistake"          |
      | the coach records a survey for "ghost": satisfaction 8, NPS 9               |
      | the coach makes "bob" the owner of "ghost"                                  |
      | the coach asks why "ghost" has its tier                                     |
      | the coach looks at the history of "ghost"                                   |
      | the coach looks up client "ghost"                                           |

  Scenario: A key can be registered only once
    When the coach registers client "acme" named "Another Acme"
    Then it is refused by the ledger's rules, saying "a client with key 'acme' is already registered"
    And "acme" is named "Acme"
    And "acme" is still silver because nothing else applies

  Scenario Outline: A client key is lowercase letters, digits, dots, dashes or underscores
    When the coach registers client "<key>" named "Some Client"
    Then it is refused as bad input, saying "must be 1-64 lowercase letters"

    Examples:
      | key       |
      | Acme      |
      | acme gmbh |
      | .acme     |
      |           |

  Scenario: A client needs a name
    When the coach registers client "newco" named "  "
    Then it is refused as bad input, saying "a client's name is required"

  Scenario Outline: Unknown levels, tiers, dimensions and signals are bad input
    When <something unknown>
    Then it is refused as bad input, saying "<complaint>"

    Examples:
      | something unknown                                                      | complaint                          |
      | the coach moves "acme" to alliance on the pyramid because "deal"       | unknown pyramid level 'alliance'   |
      | the coach sets "acme" to platinum by hand because "biggest client"     | unknown tier 'platinum'            |
      | the coach notes the loyalty value of "acme" as high because "ten years" | unknown value dimension 'loyalty' |
      | the coach notes the strategic value of "acme" as huge because "merger" | unknown level 'huge'               |
      | the coach notes a rudeness burden on "acme" because "shouted"          | unknown burden signal 'rudeness'   |
      | the coach resolves the rudeness burden of "acme" because "calmer"      | unknown burden signal 'rudeness'   |

  Scenario Outline: A missing reason or note is bad input
    When <something without a reason>
    Then it is refused as bad input, saying "is required"

    Examples:
      | something without a reason                                            |
      | the coach moves "acme" to cooperation on the pyramid without a reason |
      | the coach sets "acme" to silver by hand without a reason              |
      | the coach clears the tier set by hand on "acme" without a reason      |
      | the coach notes the strategic value of "acme" as high without a note  |
      | the coach notes a cost-to-serve burden on "acme" without a note       |

  Scenario Outline: A date that is not a calendar date is bad input
    When the coach scores "acme" 59 of 120 dated <day>
    Then it is refused as bad input, saying "--at '<day>' is not a date like 2026-03-31"
    And "acme" is still silver because nothing else applies

    Examples:
      | day        |
      | 31/03/2026 |
      | 2026-02-30 |
      | 2026-13-01 |
      | yesterday  |

  Scenario: A date in the future is bad input
    When the coach scores "acme" 59 of 120 dated tomorrow
    Then it is refused as bad input, saying "is in the future"
    And "acme" is still silver because nothing else applies

  Scenario: A client cannot be registered in the future
    When the coach registers client "newco" named "NewCo" dated tomorrow
    Then it is refused as bad input, saying "is in the future"

  Scenario: Setting a tier and clearing it at once is bad input
    When the coach sets and clears the tier of "acme" at once
    Then it is refused as bad input, saying "give either a TIER or --clear"
