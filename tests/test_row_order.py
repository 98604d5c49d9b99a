"""What SPARQL leaves open (the order of rows without ORDER BY, the order of GROUP_CONCAT's
parts) does not change what a page says: two stores may list the same rows in any order."""

from __future__ import annotations

from rdflib import Literal

from webapp.names import Entry, NameIndex, squash
from webapp.views.queries import in_order


def test_a_page_lists_the_parts_of_a_joined_column_in_one_order() -> None:
    rows = [{"leads": Literal("B; A", lang="vi"), "phases": Literal("review, implementation")}]
    shown = in_order(rows, {"leads": "; ", "phases": ", "})
    assert shown[0]["leads"] == Literal("A; B", lang="vi")
    assert shown[0]["phases"] == Literal("implementation, review")


def _entry(names: list[str]) -> Entry:
    return Entry(
        "https://w3id.org/migkg/id/agency/x", "agency", {}, names, [squash(n) for n in names]
    )


def test_a_search_hit_shows_the_same_name_whatever_order_the_names_came_in() -> None:
    names = ["Cục Lãnh sự (Bộ Ngoại giao)", "Cục Lãnh sự Bộ Ngoại giao"]
    found = {
        NameIndex([_entry(order)]).search("lanh su")[0].matched for order in (names, names[::-1])
    }
    assert found == {"Cục Lãnh sự Bộ Ngoại giao"}


def test_a_near_miss_shows_the_same_name_whatever_order_the_names_came_in() -> None:
    names = ["Cục Lãnh sự (Bộ Ngoại giao)", "Cục Lãnh sự Bộ Ngoại giao"]
    found = {
        NameIndex([_entry(order)]).suggest("lanhsu ngoaigiao")[0].matched
        for order in (names, names[::-1])
    }
    assert len(found) == 1
