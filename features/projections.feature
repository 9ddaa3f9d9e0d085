Feature: The read models behind standings and history
  Standings and histories are read from tables that follow the event log. They hold nothing the
  events do not say: they can be thrown away and built again from the events, and after a coach's
  command they are never behind it.

  Background:
    Given client "acme" is registered with owner "ann" on 2026-01-05
    And client "acme" brought revenue 5000 at a cost of 1000 in 2026-Q1 on 2026-04-02
    And client "acme" scored 104 of 120 on 2026-04-03
    And client "acme" was moved to cooperation on the pyramid on 2026-04-04
    And client "bolt" made a loss of 300 on 2026-04-05
    And client "cola" made a profit of 400 on 2026-04-06
    And client "cola" has a cost-to-serve burden noted on 2026-04-06
    And client "cola" was set to silver by hand on 2026-04-07
    And client "dyna" has strategic value noted high on 2026-04-08

  Scenario: Rebuilding the read models gives the same standings, clients and histories
    When the coach rebuilds the read models
    Then it is accepted
    And it says the read models were rebuilt from every event in the log
    And the standings, every client and every history are as they were before
    And the read models have followed every event, with none behind

  Scenario: After a command the read models are not behind the event log
    When the coach scores "bolt" 90 of 120
    Then it is accepted
    And the read models have followed every event, with none behind

  Scenario: The status tells how many events the read models have not seen yet
    Given another program recorded 2 surveys for "acme" without following them into the read models
    When the coach asks how far the read models have followed the event log
    Then it is accepted
    And the read models are 2 events behind
    And once the coach has looked at the standings, the read models have followed every event, with none behind
