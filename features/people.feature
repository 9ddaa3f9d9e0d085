Feature: The people on both sides: a relationship map per client
  Key-account work happens between people, at every level and in every department. The KAM lead
  maps the people at each client (their level, department, stance towards us, whether they decide)
  and who of ours holds each relationship, how strong it is and when we were last in touch. A
  relationship that lives in one person's head goes with that person: the map flags a client run
  through a single thread, a decision maker gone cold, a champion who left, and the relationships
  that lose their holder when one of ours leaves the company.

  Background:
    Given client "acme" is registered with owner "ann"
    And client "acme" made a profit of 9000
    And client "acme" scored 100 of 120
    And client "globex" is registered with owner "bob"
    And client "globex" made a profit of 1000

  Scenario: A gold client run through a single contact is flagged, and comes first
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    And client "globex" has contact "buyer", an operational in purchasing, a critic
    And client "globex" has contact "head", a manager in purchasing, a supporter who decides
    And "bob" holds contact "buyer" of "globex" since 2026-02-01
    And "carl" holds contact "head" of "globex" since 2026-02-01
    When the KAM lead looks at the relationship maps
    Then "acme" is gold
    And the maps flag "acme" as "single-threaded"
    And "acme" comes first among the maps
    And the maps do not flag "globex" as "single-threaded"

  Scenario: The champion leaves and the account is at risk
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And client "acme" has contact "buyer", an operational in purchasing, a neutral
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    And "bob" holds contact "buyer" of "acme" since 2026-02-01
    When the coach records that contact "cfo" left "acme" on 2026-06-01
    Then it is accepted
    And on 2026-06-01 the map of "acme" is flagged "champion left"
    And on 2026-06-01 the map of "acme" is flagged "decision maker left"
    And on 2026-05-31 the map of "acme" is not flagged "champion left"

  Scenario: Our account manager leaves and their relationships need a new holder
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    And client "globex" has contact "buyer", an operational in purchasing, a supporter who decides
    And "ann" holds contact "buyer" of "globex" since 2026-02-01
    And "bob" holds contact "buyer" of "globex" since 2026-02-01
    When "ann" of ours leaves the company on 2026-07-01
    Then it is accepted
    And the relationships that need a new holder since "ann" left are "acme/cfo, globex/buyer"
    And the clients "ann" still owns are "acme"
    And the maps flag "acme" as "holder left the company"
    When "dave" holds contact "cfo" of "acme" since 2026-07-02
    And "ann" no longer holds contact "cfo" of "acme" since 2026-07-02
    Then the relationships that need a new holder since "ann" left are "globex/buyer"

  Scenario: A relationship not touched for longer than the KAM lead allows has gone cold
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    And "ann" met contact "cfo" of "acme" on 2026-03-01
    Then on 2026-05-30 the map of "acme" is not flagged "decision maker gone cold"
    And on 2026-05-31 the map of "acme" is flagged "decision maker gone cold"
    And on 2026-05-31 with relationships cold after 120 days the map of "acme" is not flagged "relationships gone cold"

  Scenario: A forgotten person is gone from every view and export
    Given client "acme" has contact "clara-s" named "Clara Schmidt", an executive in finance, a champion who decides
    And "ann" holds contact "clara-s" of "acme" since 2026-02-01
    And "ann" met contact "clara-s" of "acme" on 2026-03-01 noting "Clara prefers calls before nine"
    When the coach forgets contact "clara-s" of "acme" because "she asked us to"
    Then it is accepted
    And no view or export of "acme" names "Clara" or "clara-s"

  Scenario Outline: Bad input about people is refused, and nothing is written
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And client "acme" has contact "old", an operational in purchasing, a neutral
    And "ann" holds contact "old" of "acme" since 2026-02-01
    And contact "old" of "acme" left on 2026-03-01
    When the KAM lead runs "<command>"
    Then it is refused <how>, saying "<complaint>"

    Examples:
      | command                                        | how                   | complaint                    |
      | contact link acme nobody --ours ann            | by the ledger's rules | has no person 'nobody'       |
      | contact link acme cfo --ours ann --strength 6  | as bad input          | strength must be 1 to 5      |
      | contact acme cfo --stance friend               | as bad input          | unknown stance 'friend'      |
      | contact touch acme old --ours ann --kind call  | by the ledger's rules | old left 'acme' on 2026-03-01 |
      | contact touch acme cfo --ours ann --kind call  | by the ledger's rules | ann does not hold cfo        |

  Scenario: A tier policy may make a client run through a single thread silver
    Given the tier policy in force makes silver a client that is single-threaded
    And client "acme" has contact "cfo", an executive in finance, a champion who decides
    Then "acme" is gold
    When "ann" holds contact "cfo" of "acme" since 2026-02-01
    Then "acme" is silver
    And asked why, "acme" is silver by rule silver-single-threaded
    And why shows that "acme" is single-threaded
    And on 2026-01-31 "acme" was gold, and on 2026-02-01 silver

  Scenario: Synergy on the pyramid without joint contacts across two departments is pointed out
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    When the coach moves "acme" to synergy on the pyramid because "a joint packaging team" on 2026-03-01
    Then it is accepted
    And why, the client's record and the review of "acme" point out that synergy needs joint contacts in two departments

  Scenario: Joint contacts in two departments agree with synergy
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And client "acme" has contact "buyer", an operational in purchasing, a supporter
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    And "bob" holds contact "buyer" of "acme" since 2026-02-01
    When the coach moves "acme" to synergy on the pyramid because "a joint packaging team" on 2026-03-01
    Then why, the client's record and the review of "acme" point out nothing about synergy

  Scenario: The review of a client names who joined, left and changed stance, and the coverage at both ends
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    And client "acme" has contact "buyer", an operational in purchasing, a neutral on 2026-04-01
    And contact "cfo" of "acme" turned critic on 2026-05-01
    When the coach writes the review of "acme" from 2026-03-01 to 2026-06-30 as Markdown
    Then the review says "contact buyer added"
    And the review says "contact cfo: stance critic"
    And the review says "Coverage on 2026-03-01: 1 of 1 people reached"
    And the review says "Coverage on 2026-06-30: 1 of 2 people reached"

  Scenario: The portfolio review names who joined and left at each client, with the owner of that day
    Given client "acme" has contact "cfo", an executive in finance, a champion who decides on 2026-02-01
    And "ann" holds contact "cfo" of "acme" since 2026-02-01
    And "dave" became the owner of "acme" on 2026-04-01
    And contact "cfo" of "acme" left on 2026-05-01
    When the coach writes the portfolio review from 2026-01-01 to 2026-06-30 as Markdown
    Then the review says "| 2026-02-01 | acme | ann | contact cfo added"
    And the review says "| 2026-05-01 | acme | dave | contact cfo left the client"
    And the review says "acme: on 2026-01-01 0 of 0 people reached"

