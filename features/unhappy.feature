Feature: Finding the unhappy clients
  The method says to look actively for dissatisfied clients rather than wait for them to leave. A
  client is listed when its latest satisfaction is 6 or less, its latest NPS answer is a detractor's
  (0-6), its satisfaction fell by 2 or more since the survey before, it has an open complaint, or it
  is a key client not surveyed within its cadence (gold every 6 months, silver every 12). Each comes
  with why; key clients first. What a client says outside a survey is recorded as feedback.

  Background:
    Given client "acme" is registered with owner "ann"
    And client "globex" is registered with owner "bob"

  Scenario: A detractor is listed as unhappy, even when satisfied on the whole
    Given the coach recorded a survey for "acme": satisfaction 7, NPS 4 on 2026-03-10
    And the coach recorded a survey for "globex": satisfaction 9, NPS 10 on 2026-03-10
    Then on 2026-04-01 the unhappy clients are:
      | key  | owner | why                                          |
      | acme | ann   | latest NPS answer 4: a detractor (2026-03-10) |

  Scenario: A fall in satisfaction is a warning, and a gold client comes first
    Given client "globex" was set to gold by hand
    And the coach recorded a survey for "globex": satisfaction 9, NPS 9 on 2026-01-15
    And the coach recorded a survey for "globex": satisfaction 7, NPS 9 on 2026-04-15
    And "ann" recorded for "acme" the complaint "invoices wrong twice" on 2026-04-20
    Then on 2026-05-01 the unhappy clients are:
      | key    | owner | why                                                   |
      | globex | bob   | satisfaction fell from 9 to 7 (2026-01-15 -> 2026-04-15) |
      | acme   | ann   | 1 open complaint                                      |

  Scenario: A complaint resolved no longer lists the client; a survey typed in late counts on its date
    Given "ann" recorded for "acme" the complaint "invoices wrong twice" on 2026-04-20
    When "ann" resolves feedback 1 of "acme" because "credit note sent" on 2026-05-03
    Then it is accepted
    And on 2026-05-04 the unhappy clients are:
      | key | owner | why |

  Scenario: Resolving feedback that was never given is refused, and nothing is written
    When "ann" resolves feedback 4 of "acme" because "done" on 2026-05-03
    Then it is refused by the ledger's rules, saying "'acme' has no feedback 4"
