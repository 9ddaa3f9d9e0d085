Feature: Everyone knows the key clients
  The method asks that every employee can name the key clients, not only sales. The standings,
  the client list and the export can be narrowed to one tier, and kam key-clients writes one page
  for the whole company: each gold client, its owner, its level on the pyramid and why it is key.

  Background:
    Given client "acme" is registered with owner "ann"
    And client "globex" is registered with owner "bob"
    And client "acme" was set to gold by hand

  Scenario: The standings of one tier
    When the KAM lead runs "standings --tier gold"
    Then it is accepted
    And the standings of tier gold list only "acme"

  Scenario: The key-clients page names each gold client with its owner and why
    When the KAM lead writes the key-clients page to "key-clients.md"
    Then it is accepted
    And the page "key-clients.md" has the row "| Acme | ann | transactional | A person set the tier by hand, with a reason. |"

  Scenario: A tier that does not exist is refused
    When the KAM lead runs "standings --tier platinum"
    Then it is refused as bad input, saying "unknown tier 'platinum'"

  Scenario: The key-clients page opens in a browser for the whole company
    When the KAM lead writes the key-clients page to "key-clients.html"
    Then opened in a headless browser, "key-clients.html" lists "Acme" with its owner "ann"
