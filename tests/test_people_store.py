"""The relationship map through kam on SQLite and PostgreSQL: its read model (no personal text in the
clear, rebuilt alike), the map by business date whatever order the facts were typed in, forgetting
a person or a whole client with its people, and contacts imported from CSV."""

from pathlib import Path

from sqlalchemy import MetaData, create_engine, select

from kamledger.projections.tables import people, person_links

NAMES = ("Clara Schmidt", "Head of Finance", "Bob Brown", "Chief Buyer", "Clara likes early calls")


def record(kam, order=None) -> None:
    """acme with three people and two of ours; `order` types the dated facts in another order
    (each person's facts after their adding)."""
    for key in ("acme", "globex"):
        kam.ok("client", "add", key, "--name", key.title(), "--owner", "ann", "--at", "2026-01-05")
    kam.ok("contact", "add", "acme", "cfo", "--name", NAMES[0], "--role", NAMES[1], "--level", "executive",
           "--department", "finance", "--stance", "champion", "--decides", "--at", "2026-02-01")
    kam.ok("contact", "add", "acme", "buyer", "--name", NAMES[2], "--role", NAMES[3], "--department", "purchasing", "--at", "2026-02-01")
    kam.ok("contact", "add", "acme", "it", "--name", "Ida Tan", "--role", "IT lead", "--level", "manager", "--department", "it", "--at", "2026-02-01")
    facts = [
        ("contact", "link", "acme", "cfo", "--ours", "ann", "--strength", "4", "--at", "2026-02-10"),
        ("contact", "link", "acme", "buyer", "--ours", "bob", "--strength", "2", "--at", "2026-03-01"),
        ("contact", "touch", "acme", "cfo", "--ours", "ann", "--kind", "meeting", "--note", NAMES[4], "--at", "2026-04-01"),
        ("contact", "acme", "buyer", "--stance", "blocker", "--note", "unhappy with prices", "--at", "2026-05-01"),
        ("contact", "left", "acme", "it", "--at", "2026-06-01"),
        ("contact", "link", "acme", "cfo", "--ours", "ann", "--strength", "5", "--at", "2026-06-15"),
    ]
    for n in order or range(len(facts)):
        kam.ok(*facts[n])


def read_model_texts(kam) -> str:
    """Every row of every read-model table, as text."""
    engine = create_engine(kam.database_url)
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        found = [str(row) for name, table in tables.tables.items() if name.startswith("kam_") for row in connection.execute(select(table))]
    engine.dispose()
    return "\n".join(found)


def test_the_map_shows_names_and_the_read_model_holds_none(kam):
    record(kam)
    shown = kam.json("map", "acme", "--on", "2026-06-30")
    assert [(p["person"], p["name"], p["role"], p["stance"], p["left_on"]) for p in shown["people"]] == [
        ("buyer", "Bob Brown", "Chief Buyer", "blocker", None), ("cfo", "Clara Schmidt", "Head of Finance", "champion", None),
        ("it", "Ida Tan", "IT lead", "neutral", "2026-06-01")]
    assert [(o["ours"], o["strength"], o["last_touch"]) for o in shown["people"][1]["ours"]] == [("ann", 5, "2026-04-01")]
    assert shown["coverage"]["reached"] == 2 and shown["coverage"]["contacts"] == 2 and not shown["coverage"]["single_threaded"]
    stored = read_model_texts(kam)
    assert "cfo" in stored and "purchasing" in stored  # handles, departments and stances are not personal texts
    for text in (*NAMES, "Ida Tan", "IT lead", "unhappy with prices"):
        assert text not in stored, text
    engine = create_engine(kam.database_url)
    with engine.connect() as connection:
        assert sorted(connection.execute(select(people.c.person, people.c.left_on)).all())[2][1] is not None
        assert sorted(connection.execute(select(person_links.c.person, person_links.c.ours, person_links.c.strength)).all()) == [
            ("buyer", "bob", 2), ("cfo", "ann", 5)]
    engine.dispose()


def test_the_map_by_business_date_whatever_order_the_facts_were_typed_in(kam, kam_on, other_database_url):
    record(kam)
    typed_otherwise = kam_on(other_database_url)
    record(typed_otherwise, order=[5, 0, 4, 3, 1, 2])
    for day in ("2026-02-01", "2026-02-10", "2026-03-31", "2026-05-01", "2026-06-01", "2026-06-20", "2026-09-01"):
        assert kam.json("map", "acme", "--on", day)["coverage"] == typed_otherwise.json("map", "acme", "--on", day)["coverage"], day
    assert kam.json("map", "acme", "--on", "2026-02-10")["coverage"]["single_threaded"] is True
    assert kam.json("map", "--all") == typed_otherwise.json("map", "--all")


def test_the_read_models_are_rebuilt_alike(kam):
    record(kam)
    kam.ok("ours", "left", "bob", "--at", "2026-07-01")
    before = kam.json("map", "--all"), kam.json("map", "acme"), kam.json("standings", "--effective", "2026-03-01")
    kam.ok("projections", "rebuild")
    assert (kam.json("map", "--all"), kam.json("map", "acme"), kam.json("standings", "--effective", "2026-03-01")) == before
    assert before[0]["ours_left"] == [{"name": "bob", "left_on": "2026-07-01", "relationships": [{"key": "acme", "person": "buyer"}], "owns": []}]


def test_a_forgotten_person_is_gone_and_their_texts_unreadable(kam):
    record(kam)
    kam.ok("forget", "acme", "--person", "cfo", "--reason", "erasure request")
    assert [p["person"] for p in kam.json("map", "acme")["people"]] == ["buyer", "it"]
    everything = kam.ok("history", "acme", "--json") + kam.ok("export", "events", "--format", "jsonl") + read_model_texts(kam)
    assert NAMES[0] not in everything and NAMES[1] not in everything and NAMES[4] not in everything
    assert NAMES[2] in kam.ok("history", "acme", "--json")  # the others are still readable
    refused = kam("contact", "add", "acme", "cfo", "--name", "Someone Else", "--role", "CFO")
    assert refused.exit_code == 1 and "was forgotten" in refused.stderr


def test_a_forgotten_client_takes_its_people_with_it(kam):
    record(kam)
    kam.ok("forget", "acme", "--reason", "erasure request")
    history = kam.ok("history", "acme", "--json")
    assert not any(name in history for name in NAMES)
    assert '"person": "cfo"' not in history
    refused = kam("contact", "add", "acme", "new", "--name", "A Person", "--role", "buyer")
    assert refused.exit_code == 1 and "forgotten" in refused.stderr
    again = kam("forget", "acme", "--person", "buyer", "--reason", "again")
    assert again.exit_code == 1


def test_a_forgotten_person_stays_forgotten_through_an_export_and_import(kam, kam_on, other_database_url, tmp_path):
    record(kam)
    kam.ok("forget", "acme", "--person", "cfo", "--reason", "erasure request")
    exported = tmp_path / "events.jsonl"
    kam.ok("export", "events", "--format", "jsonl", "--out", str(exported))
    restored = kam_on(other_database_url)
    restored.ok("import", "events", str(exported))
    assert [p["person"] for p in restored.json("map", "acme")["people"]] == ["buyer", "it"]
    assert NAMES[0] not in restored.ok("history", "acme", "--json")


CONTACTS = (
    "key,person,name,role,department,level,stance,decides\n"
    "acme,cfo,Clara Schmidt,Head of Finance,finance,executive,champion,yes\n"
    "acme,buyer,Bob Brown,Chief Buyer,purchasing,operational,neutral,no\n"
    "globex,ceo,Gus Lee,CEO,board,executive,supporter,yes\n"
)


def test_contacts_are_imported_all_or_nothing_and_once(kam, tmp_path):
    for key in ("acme", "globex"):
        kam.ok("client", "add", key, "--name", key.title(), "--at", "2026-01-05")
    good = tmp_path / "contacts.csv"
    good.write_text(CONTACTS)
    assert "3 recorded" in kam.ok("import", "contacts", str(good))
    assert "nothing was recorded" in kam.ok("import", "contacts", str(good))
    overlapping = tmp_path / "more.csv"
    overlapping.write_text(CONTACTS.replace("neutral,no", "blocker,no") + "globex,cfo,Hal Ng,CFO,finance,executive,neutral,\n")
    assert "2 recorded, 2 already in the ledger" in kam.ok("import", "contacts", str(overlapping))
    shown = {p["person"]: p for p in kam.json("map", "acme")["people"]}
    assert shown["buyer"]["stance"] == "blocker" and shown["cfo"]["decides"] is True
    bad = tmp_path / "bad.csv"
    bad.write_text("key,person,name,role,stance\nglobex,cto,Tim,CTO,friend\nnobody,x,Y,Z,neutral\nglobex,ok,Fine,Fine,neutral\n")
    before = kam.json("map", "globex")
    refused = kam("import", "contacts", str(bad))
    assert refused.exit_code == 2 and "2 bad rows" in refused.stderr
    assert kam.json("map", "globex") == before
    assert Path(good).exists()


def test_no_name_role_or_note_of_a_person_is_in_the_database_file_in_the_clear(kam_sqlite, monkeypatch):
    from eventsourcing.cryptography import AESCipher

    for encrypted in (False, True):
        if encrypted:
            monkeypatch.setenv("KAM_CIPHER_KEY", AESCipher.create_key(32))
            path = Path(kam_sqlite.database_url.removeprefix("sqlite:///"))
            for file in path.parent.glob(path.name + "*"):
                file.unlink()
        record(kam_sqlite)
        kam_sqlite.ok("projections", "rebuild")
        path = Path(kam_sqlite.database_url.removeprefix("sqlite:///"))
        data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        for text in NAMES:
            assert text.encode() not in data, (encrypted, text)
        assert NAMES[0] in kam_sqlite.ok("map", "acme")
