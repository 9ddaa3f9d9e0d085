Feature: Entering many commands at once
  A coach with a lot to enter — after a quarterly review, say — writes the commands in a file, one
  per line exactly as typed after "kam", and runs them as one batch. Blank lines and lines starting
  with # are skipped. A batch is recorded whole or not at all: every line is checked first, and
  every bad line is named by its number. Tiers are evaluated once, when the whole batch is in.

  Scenario: Every command of the batch is recorded
    When the coach runs the batch:
      """
      # after the Q1 review
      client add acme --name "Acme GmbH" --owner ann --at 2026-01-05

      score acme --answers 9,9,9,9,9,9,9,9,9,9,9,9 --at 2026-03-01
      kam value acme --revenue 100000 --cost 20000 --period 2026-Q1 --at 2026-04-02
      """
    Then it is accepted
    And it says "3 commands, 3 events recorded"
    And "acme" is gold because it is in the Pareto head
    And the latest Scored of "acme" records:
      | field       | value      |
      | total       | 108        |
      | occurred_on | 2026-03-01 |
      | recorded_by | coach      |

  Scenario: Tiers are evaluated once, when the whole batch is in
    Given client "acme" is registered
    When the coach runs the batch:
      """
      value acme --revenue 100000 --cost 20000 --period 2026-Q1 --at 2026-04-02
      score acme --answers 9,9,9,9,9,9,9,9,9,9,9,9 --at 2026-04-03
      """
    Then one tier change was recorded for "acme", from unrated to gold

  Scenario: One bad line refuses the whole batch, and every bad line is named
    Given client "acme" is registered
    When the coach runs the batch:
      """
      survey acme --satisfaction 9 --nps 10
      score acme --answers 9,9
      value nobody --revenue 1 --cost 1 --period 2026
      pyramid acme cooperation --reason "Monthly steering meeting" --colour blue
      """
    Then it is refused whole, as bad input
    And the refusal names line 2: "a scorecard needs 12 answers, got 2"
    And the refusal names line 3: "no client with key 'nobody'"
    And the refusal names line 4: "No such option: --colour"
    And the refusal does not name line 1

  Scenario: Each line is checked against what the lines before it recorded
    Given client "acme" is registered
    When the coach runs the batch:
      """
      pyramid acme cooperation --reason "Monthly steering meeting"
      pyramid acme cooperation --reason "Said twice"
      """
    Then it is refused whole, by the ledger's rules
    And the refusal names line 2: "'acme' is already at cooperation"

  Scenario: Only commands that record something can be in a batch
    Given client "acme" is registered
    When the coach runs the batch:
      """
      standings --json
      """
    Then it is refused whole, as bad input
    And the refusal names line 1: "'standings' cannot run in a batch"
