"""The record of an import: found again by what was imported, whatever the file was called."""

from datetime import date

from kamledger.domain.imports import Import


def test_the_same_content_of_the_same_kind_is_the_same_import():
    first = Import.record("values", "q1.csv", "abc", 3, 3, date(2026, 4, 2), "ann")
    again = Import.record("values", "copy of q1.csv", "abc", 3, 0, date(2026, 5, 1), "bob")
    assert first.id == again.id


def test_other_content_or_another_kind_is_another_import():
    assert Import.create_id("values", "abc") != Import.create_id("values", "abd")
    assert Import.create_id("values", "abc") != Import.create_id("scores", "abc")


def test_an_import_remembers_the_file_its_rows_and_who_imported_it():
    record = Import.record("clients", "crm.csv", "abc", 120, 118, date(2026, 4, 2), "ann")
    assert (record.file_name, record.rows, record.events, record.recorded_by) == ("crm.csv", 120, 118, "ann")
