Feature: Auditing how tiers came to be
  An auditor checks the ledger after the fact. Every tier change keeps the rule that fired, the
  version of the tier policy, what the rule saw and the events that caused it, each with who
  recorded it and when. The ledger can be read as it had been recorded by a moment (what we knew
  then) or as it was in effect on a business date (what had happened by then, entries made late
  included), or both at once.

  Scenario: Why a client went from gold to silver last quarter
    Given client "acme" is registered on 2026-01-05 by "ann"
    And client "acme" made a profit of 1000 on 2026-01-10 by "ann"
    And client "acme" scored 96 of 120 on 2026-02-10 by "ann"
    And client "acme" scored 72 of 120 on 2026-08-14 by "bob"
    When "audrey" asks why "acme" has its tier
    Then it is accepted
    And asked why, "acme" is silver by rule silver-default of policy v1
    And the tier changes of "acme" were:
      | on         | from    | to     | rule             | policy | recorded by |
      | 2026-01-10 | unrated | silver | silver-default   | v1     | ann         |
      | 2026-02-10 | silver  | gold   | gold-pareto-head | v1     | ann         |
      | 2026-08-14 | gold    | silver | silver-default   | v1     | bob         |
    And when "acme" went from gold to silver, the rule saw:
      | input          | value   |
      | profit         | 1000    |
      | rank           | 1       |
      | in_pareto_head | true    |
      | score_total    | 72      |
      | score_band     | at-risk |
      | burdens        | []      |
      | override       | null    |
    And "acme" went from gold to silver because of:
      | client | event         | on         | recorded by |
      | acme   | ValueRecorded | 2026-01-10 | ann         |
      | acme   | Scored        | 2026-08-14 | bob         |
    And each cause of the change of "acme" from gold to silver is the recorded event, with the moment it was recorded

  Scenario: As recorded before it changed, a client has the tier it had then
    Given client "acme" is registered on 2026-01-05 by "ann"
    And client "acme" made a profit of 1000 on 2026-01-10 by "ann"
    And client "acme" scored 96 of 120 on 2026-02-10 by "ann"
    And the auditor notes the time as "the Q2 review"
    And client "acme" scored 72 of 120 on 2026-08-14 by "bob"
    When "audrey" looks at the standings as recorded at "the Q2 review"
    Then it is accepted
    And "acme" is silver because nothing else applies
    And as recorded at "the Q2 review", the standings were:
      | client | tier | rule             | policy | score |
      | acme   | gold | gold-pareto-head | v1     | 96    |
    And as recorded at "the Q2 review", asked why, "acme" was gold by rule gold-pareto-head of policy v1 since 2026-02-10
    And as recorded at "the Q2 review", the tier changes of "acme" were:
      | on         | from    | to     | rule             | policy | recorded by |
      | 2026-01-10 | unrated | silver | silver-default   | v1     | ann         |
      | 2026-02-10 | silver  | gold   | gold-pareto-head | v1     | ann         |
    And as recorded at "the Q2 review", the history of "acme" was:
      | type          | occurred_on | recorded_by |
      | Registered    | 2026-01-05  | ann         |
      | ValueRecorded | 2026-01-10  | ann         |
      | TierChanged   | 2026-01-10  | ann         |
      | Scored        | 2026-02-10  | ann         |
      | TierChanged   | 2026-02-10  | ann         |

  Scenario: An entry made late changes what was in effect then, not what had been recorded by then
    Given client "acme" is registered on 2026-01-05
    And client "acme" made a profit of 1000 on 2026-01-10
    And client "acme" scored 96 of 120 on 2026-02-10
    And the auditor notes the time as "the Q1 audit"
    When "bob" notes a harm-to-team burden on "acme" because "escalations found in the March minutes" on 2026-03-05
    Then it is accepted
    And "acme" is bronze because a burden is noted
    And effective 2026-03-31, "acme" was bronze by rule bronze-burden, with burdens harm-to-team
    And effective 2026-03-04, "acme" was gold by rule gold-pareto-head, with no burden
    And as recorded at "the Q1 audit", "acme" was gold by rule gold-pareto-head, with no burden
    And as recorded at "the Q1 audit" and effective 2026-03-31, "acme" was gold by rule gold-pareto-head, with no burden

  Scenario: What we knew by a moment and what was in effect on a date, together
    Given client "acme" is registered on 2026-01-05
    And client "acme" made a profit of 1000 on 2026-01-10
    And client "acme" scored 96 of 120 on 2026-02-10
    And client "acme" scored 72 of 120 on 2026-08-14
    And the auditor notes the time as "the Q3 review"
    And client "acme" has a harm-to-team burden noted on 2026-03-05
    When "audrey" looks up client "acme" as recorded at "the Q3 review" and effective 2026-03-31
    Then it is accepted
    And that view shows "acme" gold with a score of 96 and no burden
    And as recorded at "the Q3 review", "acme" was silver by rule silver-default, with no burden
    And effective 2026-03-31, "acme" was bronze by rule bronze-burden, with burdens harm-to-team

  Scenario: A client registered after a moment was not a client at that moment
    Given client "acme" is registered on 2026-01-05
    And the auditor notes the time as "before globex signed"
    And client "globex" is registered on 2026-03-01
    When "audrey" looks up client "globex" as recorded at "before globex signed"
    Then it is refused by the ledger's rules, saying "no client with key 'globex' as recorded by"
    And as recorded at "before globex signed", the standings were:
      | client | tier    | rule   | policy | score  |
      | acme   | unrated | (none) | (none) | (none) |
    And as recorded at "before globex signed", there was no client "globex" to explain or to list the history of

  Scenario: A client registered after a business date was not a client on that date
    Given client "acme" is registered on 2026-01-05
    And client "globex" is registered on 2026-03-01
    When "audrey" looks up client "globex" effective 2026-02-28
    Then it is refused by the ledger's rules, saying "no client with key 'globex' effective 2026-02-28"
    And effective 2026-03-01, "globex" was unrated

  Scenario: As recorded by the end of a day before anything was entered, there was nothing
    Given client "acme" made a profit of 1000 on 2026-01-10
    When "audrey" looks at the standings as recorded by the end of 2026-01-31
    Then it is accepted
    And that view lists no clients

  Scenario Outline: A moment kam cannot read is refused as bad input
    Given client "acme" is registered
    When "audrey" looks at the standings with <option> "<when>"
    Then it is refused as bad input, saying "<complaint>"

    Examples:
      | option      | when             | complaint                                     |
      | --as-of     | last tuesday     | --as-of 'last tuesday' is not a date          |
      | --as-of     | 2026-02-30       | --as-of '2026-02-30' is not a date            |
      | --effective | 2026-03-31T10:00 | --effective '2026-03-31T10:00' is not a date  |
