Feature: Changing the tier policy
  The tier policy is data with a version. Coaches can replay a draft over the portfolio to see who
  would move, without recording anything. Adopting a policy is recorded with who adopted it, when
  and why; every tier is evaluated again under it, and each tier change it causes names the
  adoption among its causes. A version names one set of rules for good.

  Background:
    Given client "acme" made a profit of 1000 on 2026-01-10
    And client "acme" scored 100 of 120 on 2026-01-10
    And client "bolt" made a profit of 500 on 2026-01-10
    And client "bolt" has a harm-to-team burden noted on 2026-02-01
    And client "cola" made a profit of 100 on 2026-01-10

  Scenario: The coach sees the tier policy in force
    When the coach looks at the tier policy
    Then it is accepted
    And the tier policy in force is "v1", with the rules in order:
      | rule                   | tier     |
      | manual-override        | override |
      | unrated-no-inputs      | unrated  |
      | bronze-unprofitable    | bronze   |
      | bronze-declining-score | bronze   |
      | bronze-burden          | bronze   |
      | gold-pareto-head       | gold     |
      | gold-strategic         | gold     |
      | silver-default         | silver   |

  Scenario: Replaying a draft shows who would move, and records nothing
    Given the coaches drafted tier policy "v2" that drops rule bronze-burden
    When the coach replays tier policy "v2"
    Then it is accepted
    And under tier policy "v2" these clients would move:
      | client | tier   | under the policy | rule           |
      | bolt   | bronze | silver           | silver-default |
    And under tier policy "v2", "acme" would stay gold and "cola" would stay silver
    And nothing was recorded: the standings, every history and the event log are as they were
    And the tier policy in force is still "v1"

  Scenario: Replaying a draft over the ledger as it had been recorded by a moment
    Given the coach notes the time as "before the burden was resolved"
    And client "bolt" had its harm-to-team burden resolved on 2026-03-01
    And the coaches drafted tier policy "v2" that drops rule bronze-burden
    When the coach replays tier policy "v2" as recorded at "before the burden was resolved"
    Then it is accepted
    And under tier policy "v2" these clients would move:
      | client | tier   | under the policy | rule           |
      | bolt   | bronze | silver           | silver-default |
    And replayed over the ledger as it is now, no client would move under tier policy "v2"

  Scenario: Adopting a policy is recorded and explains the tier changes it causes
    Given the coaches drafted tier policy "v2" that drops rule bronze-burden
    When "dora" adopts tier policy "v2" because "burdens are for coaching, not for tiers" on 2026-06-01
    Then it is accepted
    And it says tier policy "v2" is in force and 1 tier changed
    And the tier policy in force is "v2"
    And one tier change was recorded for "bolt", from bronze to silver
    And no tier change was recorded for "acme"
    And the latest TierChanged of "bolt" records:
      | field          | value          |
      | rule           | silver-default |
      | policy_version | v2             |
      | occurred_on    | 2026-06-01     |
      | recorded_by    | dora           |
    And asked why, "bolt" is silver by rule silver-default of policy v2
    And asked why, "bolt" names a PolicyAdopted of "(portfolio)" on 2026-06-01 recorded by "dora" among the causes
    And asked why, the adoption behind "bolt" put tier policy "v2" in force because "burdens are for coaching, not for tiers"

  Scenario: A narrower Pareto head moves clients out of gold
    Given client "acme" has a cost-to-serve burden noted on 2026-02-01
    And client "bolt" had its harm-to-team burden resolved on 2026-02-02
    And client "bolt" scored 90 of 120 on 2026-02-03
    And the coaches drafted tier policy "v2" with a Pareto head of 0.6 of profit
    When "dora" adopts tier policy "v2" because "gold is for the very top" on 2026-06-01
    Then it is accepted
    And "bolt" is silver because nothing else applies
    And asked why, "bolt" names a PolicyAdopted of "(portfolio)" on 2026-06-01 recorded by "dora" among the causes

  Scenario: Going back to an earlier policy is allowed
    Given the coaches drafted tier policy "v2" that drops rule bronze-burden
    And tier policy "v2" was adopted
    And the coaches drafted tier policy "v3" that drops rule gold-strategic
    And tier policy "v3" was adopted
    When "dora" adopts tier policy "v2" because "v3 was a mistake" on 2026-06-01
    Then it is accepted
    And the tier policy in force is "v2"

  Scenario: Adopting the policy already in force is refused
    Given the coaches drafted tier policy "v2" that drops rule bronze-burden
    And tier policy "v2" was adopted
    When "dora" adopts tier policy "v2" because "once more" on 2026-06-01
    Then it is refused by the ledger's rules, saying "tier policy v2 is already in force"
    And the tier policy in force is still "v2"

  Scenario: Adopting the shipped policy while it is in force is refused
    Given the coaches copied the shipped tier policy
    When "dora" adopts the copy of the shipped tier policy because "back to basics" on 2026-06-01
    Then it is refused by the ledger's rules, saying "tier policy v1 is already in force"

  Scenario: Other rules under the shipped version are refused
    Given the coaches drafted tier policy "v1" that drops rule gold-strategic
    When "dora" adopts tier policy "v1" because "fewer rules" on 2026-06-01
    Then it is refused by the ledger's rules, saying "tier policy v1 is the shipped policy: give your rules a new version"
    And the tier policy in force is still "v1"

  Scenario: Other rules under a version adopted before are refused
    Given the coaches drafted tier policy "v2" that drops rule bronze-burden
    And tier policy "v2" was adopted
    And the coaches drafted tier policy "v3" that drops rule gold-strategic
    And tier policy "v3" was adopted
    And the coaches drafted tier policy "v2" that drops rule gold-pareto-head
    When "dora" adopts tier policy "v2" because "a better v2" on 2026-06-01
    Then it is refused by the ledger's rules, saying "tier policy v2 was adopted before with other rules: give it a new version"
    And the tier policy in force is still "v3"

  Scenario: Adopting a policy needs a reason
    Given the coaches drafted tier policy "v2" that drops rule bronze-burden
    When "dora" adopts tier policy "v2" without a reason
    Then it is refused as bad input, saying "a reason for adopting the policy is required"
    And the tier policy in force is still "v1"

  Scenario Outline: A file that is not a tier policy is refused as bad input
    Given a tier policy file "<file>" that <is what>
    When "dora" adopts the tier policy file "<file>" because "trying it" on 2026-06-01
    Then it is refused as bad input, saying "<complaint>"
    And the tier policy in force is still "v1"

    Examples:
      | file        | is what                           | complaint                               |
      | missing     | does not exist                    | cannot read                             |
      | broken      | is not valid TOML                 | is not valid TOML                       |
      | odd-rules   | uses a condition nobody knows     | rule odd: unknown condition 'moon_full' |
      | no-version  | has no version                    | the tier policy has no version          |
