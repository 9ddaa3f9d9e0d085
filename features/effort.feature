Feature: What a client costs in time and trouble
  Twenty per cent of the clients may take eighty per cent of our time and cause eighty per cent of
  the problems. The coach records the hours spent on each client (support, meetings, rework, travel
  or other) and the problems it caused or had, open until resolved. The KAM lead ranks the clients
  by hours and by problems as by profit, sees the profit each client brings per hour of work, and
  may adopt a tier policy that makes bronze a client whose cost to serve is out of proportion.

  Scenario: The client that takes 40% of our hours is in the hours head
    Given client "acme" took 40 hours of our time
    And client "globex" took 30 hours of our time
    And client "initech" took 20 hours of our time
    And client "umbrella" took 10 hours of our time
    When the KAM lead ranks the clients by hours
    Then the head is 3 of 4 clients, making up 100 hours
    And "acme" is first in the head with 40.0% of the hours
    And "umbrella" is not in the head

  Scenario: The clients that cause most of the problems are in the problems head
    Given client "acme" caused 4 problems
    And client "globex" caused 1 problem
    And client "initech" caused 0 problems
    When the KAM lead ranks the clients by problems
    Then the head is 1 of 2 clients, making up 5 problems
    And "acme" is first in the head with 80.0% of the problems

  Scenario: Profit per hour of work, in the standings and the client's record
    Given client "acme" brought revenue 10000 at a cost of 4000 in 2026-Q1
    And client "acme" took 40 hours of our time
    When the coach looks up client "acme"
    Then it is accepted
    And "acme" earns 150.00 per hour of work, its cost to serve 40.0% of its revenue

  Scenario: A policy with cost_ratio_at_least = 0.8 makes a client bronze, and why says so
    Given client "acme" brought revenue 10000 at a cost of 8500 in 2026-Q1
    And client "acme" scored 100 of 120
    And client "globex" brought revenue 1000 at a cost of 500 in 2026-Q1
    And the tier policy in force makes bronze a client with cost_ratio_at_least = 0.8
    When the coach asks why "acme" has its tier
    Then asked why, "acme" is bronze by rule bronze-time-and-trouble
    And why shows "Cost / revenue" at 85.0%
    And "globex" is silver

  Scenario: A policy with profit_per_hour_below makes bronze the client that takes too much time
    Given client "acme" brought revenue 10000 at a cost of 4000 in 2026-Q1
    And the tier policy in force makes bronze a client with profit_per_hour_below = 100
    And client "acme" took 40 hours of our time on 2026-03-01
    Then "acme" is silver
    When client "acme" takes 40 more hours of our time on 2026-02-01
    Then "acme" is bronze
    And on 2026-02-28 "acme" was silver, and on 2026-03-01 bronze

  Scenario: Open problems make a client bronze until they are resolved
    Given client "acme" made a profit of 1000
    And the tier policy in force makes bronze a client with open_problems_at_least = 2
    And client "acme" caused 2 problems
    Then "acme" is bronze
    When the coach records that problem 1 of "acme" was resolved
    Then it is accepted
    And "acme" is silver

  Scenario Outline: Bad time and problem entries are refused and nothing is recorded
    Given client "acme" is registered on 2026-01-05
    And client "acme" caused 1 problem on 2026-02-01
    When the coach <does>
    Then it is refused <how>, saying "<complaint>"

    Examples:
      | does                                                      | how                   | complaint                                   |
      | records 0 hours of support on "acme"                      | as bad input          | hours must be above 0 and at most 24        |
      | records 25 hours of support on "acme"                     | as bad input          | hours must be above 0 and at most 24        |
      | records -2 hours of support on "acme"                     | as bad input          | must be a number like 2 or 1.5              |
      | records 2 hours of golf on "acme"                         | as bad input          | unknown kind of effort 'golf'               |
      | records 2 hours of support on "acme" on 2026-01-01        | by the ledger's rules | was registered on 2026-01-05                |
      | records that problem 7 of "acme" was resolved             | by the ledger's rules | 'acme' has no problem 7                     |
      | records that problem 1 of "acme" was resolved on 2026-01-20 | by the ledger's rules | problem 1 of 'acme' is not open on 2026-01-20 |
      | notes a problem on "acme" without a note                  | as bad input          | a note on the problem is required           |
