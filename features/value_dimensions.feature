Feature: Value beyond money
  Besides profit, a coach notes what else a client is worth: strategic, referral, educational and
  potential value, each low, medium or high, always with a note saying why. The latest note of a
  dimension is the one that counts; high strategic value or potential makes a client gold.

  Background:
    Given client "acme" is registered

  Scenario: A noted value is kept with its level and the note
    When the coach notes the referral value of "acme" as medium because "introduced us to two prospects"
    Then "acme" has referral value medium
    And the latest ValueDimensionNoted of "acme" records:
      | field     | value                          |
      | dimension | referral                       |
      | level     | medium                         |
      | note      | introduced us to two prospects |

  Scenario Outline: Only high strategic value or potential makes a client gold
    When the coach notes the <dimension> value of "acme" as <level> because "seen in the account review"
    Then "acme" is <tier> because <reason>

    Examples:
      | dimension   | level  | tier   | reason                                   |
      | strategic   | high   | gold   | its strategic value or potential is high |
      | potential   | high   | gold   | its strategic value or potential is high |
      | strategic   | medium | silver | nothing else applies                     |
      | potential   | low    | silver | nothing else applies                     |
      | referral    | high   | silver | nothing else applies                     |
      | educational | high   | silver | nothing else applies                     |

  Scenario: A later low note takes back a high one
    Given client "acme" has strategic value noted high on 2026-02-01
    When the coach notes the strategic value of "acme" as low because "the merger was called off" on 2026-03-01
    Then "acme" is silver because nothing else applies
    And "acme" has strategic value low
    And one tier change was recorded for "acme", from gold to silver

  Scenario: A later low note on the same day takes back a high one
    Given client "acme" has potential value noted high
    When the coach notes the potential value of "acme" as low because "budget frozen after all"
    Then "acme" is silver because nothing else applies

  Scenario: A note about an earlier date does not replace a later one
    Given client "acme" has strategic value noted high on 2026-03-01
    When the coach notes the strategic value of "acme" as low because "as it looked in January" on 2026-01-15
    Then "acme" is still gold because its strategic value or potential is high
    And "acme" has strategic value high
    And no tier change was recorded for "acme"

  Scenario: Each dimension keeps its own latest note
    Given client "acme" has strategic value noted high
    When the coach notes the referral value of "acme" as low because "no introductions this year"
    Then "acme" is still gold because its strategic value or potential is high
    And "acme" has strategic value high
    And "acme" has referral value low

  Scenario: A value needs a note
    When the coach notes the strategic value of "acme" as high without a note
    Then it is refused as bad input, saying "a note is required"
    And "acme" is unrated

  Scenario: A blank note is no note
    When the coach notes the strategic value of "acme" as high because "   "
    Then it is refused as bad input, saying "a note is required"

  Scenario Outline: Only the four dimensions and three levels are known
    When the coach notes the <dimension> value of "acme" as <level> because "seen in the account review"
    Then it is refused as bad input, saying "<complaint>"

    Examples:
      | dimension | level | complaint                         |
      | loyalty   | high  | unknown value dimension 'loyalty' |
      | strategic | huge  | unknown level 'huge'              |
