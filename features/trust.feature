Feature: A ledger one can trust
  The ledger proves it has not been tampered with, keeps notes about people private, forgets a
  former client's notes on request while its tiers and scores stay, and can be backed up and restored.

  Background:
    Given client "acme" is registered
    And client "acme" has a harm-to-team burden noted because "Jens shouted at our intern"

  Scenario: An untouched ledger verifies
    When the coach verifies the ledger
    Then the ledger is intact

  Scenario Outline: Tampering with the stored events is caught
    Given client "acme" scored 90 of 120
    When someone <tampers> directly in the database
    And the coach verifies the ledger
    Then the ledger is broken at event <event>, <kind>

    Examples:
      | tampers                          | event | kind      |
      | edits event 2                    | 2     | edited    |
      | deletes event 2                  | 2     | missing   |
      | swaps events 2 and 3             | 2     | reordered |

  Scenario: A former client's notes are forgotten, its tiers stay
    When the coach forgets "acme" because "Former client asked for erasure"
    Then the history of "acme" shows "(forgotten)" where the note was
    And "acme" is still bronze because a burden is noted
    And the ledger is intact

  Scenario: Forgetting needs a reason
    When the coach forgets "acme" without a reason
    Then it is refused as bad input, saying "a reason for forgetting"

  Scenario: An encrypted ledger cannot be read without its key
    Given the ledger is encrypted
    When the coach looks at the history of "acme" without the key
    Then the coach is told in one line "this ledger is encrypted: set KAM_CIPHER_KEY to its key"

  Scenario: A backup restores into an empty ledger
    When the coach backs up the ledger and restores it into an empty one
    Then the restored ledger is intact and has the same standings

  Scenario: A head written down elsewhere catches a rewrite of the log and its chain
    Given client "acme" scored 90 of 120
    And the coach wrote down the ledger's head
    When someone rewrites event 2 and every link of the chain after it
    Then the ledger still verifies on its own
    But verified against the head written down, the ledger is broken, unexpected-head

  Scenario: Nobody without the chain key can rewrite a keyed ledger
    Given the ledger's chain is keyed
    And client "acme" scored 90 of 120
    When someone without the key rewrites event 2 and every link of the chain after it
    And the coach verifies the ledger with the key
    Then the ledger is broken, unkeyed
