Feature: The Pareto analysis: the few clients that bring most, and the few that cost most
  A KAM lead sees the portfolio ranked by profit, revenue or cost to serve: each client's share
  and cumulative share, the head (the fewest clients that together bring 80%) and the portfolio's
  concentration (the share of clients with a value that are in the head). The reverse view lists
  the clients whose cost to serve is highest against the revenue they bring. Values count for the
  recorded periods that fall within the selection; without one, every recorded period counts.

  Background:
    Given these values were recorded for 2026:
      | client  | revenue | cost |
      | alpha   | 6000    | 1000 |
      | bravo   | 3500    | 500  |
      | charlie | 1500    | 1000 |
      | delta   | 2400    | 2000 |
      | echo    | 800     | 500  |
      | foxtrot | 750     | 500  |
      | golf    | 700     | 500  |
      | hotel   | 650     | 500  |
      | india   | 600     | 500  |
      | juliet  | 3600    | 3500 |

  Scenario: Two of ten clients bring 80% of the profit: the portfolio's concentration is 20%
    When the KAM lead looks at the Pareto view
    Then the head is "alpha, bravo"
    And the concentration is 0.2000
    And the ranking starts:
      | key     | value | share  | cumulative_share |
      | alpha   | 5000  | 0.5000 | 0.5000           |
      | bravo   | 3000  | 0.3000 | 0.8000           |
      | charlie | 500   | 0.0500 | 0.8500           |

  Scenario Outline: Ranked by revenue or by cost to serve, other clients make the head
    When the KAM lead looks at the Pareto view by <measure>
    Then the head is "<head>"
    And the concentration is <concentration>

    Examples:
      | measure | head                                      | concentration |
      | profit  | alpha, bravo                              | 0.2000        |
      | revenue | alpha, juliet, bravo, delta, charlie      | 0.5000        |
      | cost    | juliet, delta, alpha, charlie, bravo, echo | 0.6000        |

  Scenario: The reverse view: the clients costliest to serve against what they bring
    When the KAM lead looks at the Pareto view
    Then the clients costliest to serve against what they bring start with "juliet, delta, india"
    And "juliet" costs 0.9722 of its revenue to serve, 0.3333 of the portfolio's cost to serve

  Scenario: A loss-making client counts among the clients but brings no share
    Given client "kilo" brought revenue 100 at a cost of 900 in 2026
    When the KAM lead looks at the Pareto view
    Then the head is "alpha, bravo"
    And the concentration is 0.1818
    And "kilo" is not ranked

  Scenario: An unknown measure is refused
    When the KAM lead looks at the Pareto view by margin
    Then it is refused as bad input, saying "unknown measure 'margin'"

  Scenario Outline: The Pareto chart is drawn as PNG or SVG, with the table alongside
    When the KAM lead draws the Pareto chart to "<file>"
    Then it is accepted
    And "<file>" is a <format> chart

    Examples:
      | file       | format |
      | pareto.png | PNG    |
      | pareto.svg | SVG    |

  Scenario: A chart file that is neither PNG nor SVG is refused, and nothing is drawn
    When the KAM lead draws the Pareto chart to "pareto.pdf"
    Then it is refused as bad input, saying "pareto.pdf must end in .png or .svg"
    And no chart was drawn to "pareto.pdf"
