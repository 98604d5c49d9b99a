"""Resource pages show long lists a page at a time: the count of the whole list, links to
the pages before and after, every row on exactly one page, in a stable order; a page
parameter that is not a page of its list is a 400 that names it. Over a generated graph of
some 40,000 triples (benchmarks/generate.py), whose rows the tests count from the quads."""

from __future__ import annotations

import html
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from rdflib import URIRef

from graph.embedded import EmbeddedStore

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import generate  # noqa: E402

MKG = generate.MKG
ID = generate.ID
SIZE = 50
_QUAD = re.compile(r"^<([^>]+)> <([^>]+)> (<[^>]+>|\"(?:[^\"\\]|\\.)*\"\S*) <([^>]+)> \.$")
Triples = set[tuple[str, str, str]]
_HREF = re.compile(r'href="(/id/task/[^"#?]+)"')


@pytest.fixture(scope="module")
def quads() -> list[str]:
    return list(generate.quads(40_000))


@pytest.fixture(scope="module")
def triples(quads: list[str]) -> Triples:
    """The graph's statements (the union of its named graphs)."""
    out = set()
    for line in quads:
        m = _QUAD.match(line.strip())
        assert m, line
        out.add((m.group(1), m.group(2), m.group(3)))
    return out


@pytest.fixture(scope="module")
def client(quads: list[str]) -> Iterator[FlaskClient]:
    import pyoxigraph as ox

    from webapp import create_app

    store = EmbeddedStore(None)
    store.native.load("".join(quads).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2025-06-01"})
    yield app.test_client()
    store.close()


def most_named(triples: Triples, prop: str) -> tuple[str, set[str]]:
    """The object named most often by ``prop``, and the subjects that name it."""
    by: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p == prop:
            by[o.strip("<>")].add(s)
    return max(by.items(), key=lambda kv: (len(kv[1]), kv[0]))


def get(client: FlaskClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, (url, r.get_data(as_text=True)[:300])
    return r.get_data(as_text=True)


def section(page: str, element_id: str) -> str:
    start = page.index(f'id="{element_id}"')
    end = page.find("</section>", start)
    return page[start:end]


def nav(part: str, rel: str) -> str | None:
    m = re.search(rf'<a href="([^"]+)" rel="{rel}">', part)
    return html.unescape(m.group(1)) if m else None


def walk(client: FlaskClient, url: str, section_id: str, list_id: str) -> list[list[str]]:
    """The task links of each page of one list, following its "next" links to the end."""
    pages = []
    while url:
        part = section(get(client, url), section_id)
        listed = part[part.index(f'id="{list_id}"') :]
        listed = listed[: listed.find("</ul>")] if "</ul>" in listed else listed
        pages.append(_HREF.findall(listed.split("</table>")[0]))
        nxt = nav(part, "next")
        assert len(pages) < 100, "the pages never end"
        url = nxt.split("#")[0] if nxt else ""
    return pages


def path_of(iri: str) -> str:
    return "/id/" + iri[len(ID) :]


def natural(code: str) -> list[tuple[int, int | str]]:
    """Numbers as numbers, words after them: 3.9 before 3.10, 118/KH before 1176/KH."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|[A-Za-z]+", code)]


def reading_order(triples: Triples) -> Callable[[str], tuple]:
    """Tasks by their plans' numbers (118/KH before 1176/KH), then by their codes (3.10
    after 3.9); anything else after them, by IRI."""
    plan = {s: o.strip("<>") for s, p, o in triples if p == MKG + "taskOf"}
    # a plan's number is the number of the instrument that adopted it
    adopted = {s: o.strip("<>") for s, p, o in triples if p == MKG + "adoptedBy"}
    numbered = {s: o.strip('"') for s, p, o in triples if p == MKG + "number"}
    number = {p: numbered[i] for p, i in adopted.items() if i in numbered}
    code = {s: o.strip('"') for s, p, o in triples if p == MKG + "code"}

    def key(iri: str) -> tuple:
        if iri in plan:
            assert number.get(plan[iri]), "every task's plan has a number"
            return (0, natural(number[plan[iri]]), plan[iri], natural(code.get(iri, "")), iri)
        return (1, [], "", [], iri)

    return key


def test_tasks_led_come_fifty_a_page_each_once(client: FlaskClient, triples: Triples) -> None:
    agency, led = most_named(triples, MKG + "leadAgency")
    assert len(led) > 2 * SIZE, "the graph must fill three pages"
    url = path_of(agency)
    first = get(client, url)
    part = section(first, "led")
    assert f"({len(led)})" in part[:300]
    assert nav(part, "prev") is None and nav(part, "next")
    pages = walk(client, url, "led", "tasks-led")
    assert len(pages) == math.ceil(len(led) / SIZE)
    assert all(len(p) == SIZE for p in pages[:-1])
    assert len(pages[-1]) == len(led) - SIZE * (len(pages) - 1)
    shown = [h for p in pages for h in p]
    assert len(shown) == len(set(shown))
    assert set(shown) == {path_of(t) for t in led}
    # In the order of their plans' numbers (118/KH before 1176/KH), then of their codes
    # (3.10 after 3.9).
    tasks = [ID + h[len("/id/") :] for h in shown]
    plan = {s: o.strip("<>") for s, p, o in triples if p == MKG + "taskOf"}
    assert len({plan[t] for t in tasks}) > 1, "the tasks come from several plans"
    assert tasks == sorted(tasks, key=reading_order(triples))


def test_last_page_links_back_and_keeps_the_other_lists(
    client: FlaskClient, triples: Triples
) -> None:
    agency, led = most_named(triples, MKG + "leadAgency")
    pages = math.ceil(len(led) / SIZE)
    url = f"{path_of(agency)}?joined_page=1&led_page={pages}"
    part = section(get(client, url), "led")
    assert nav(part, "next") is None
    assert f"led_page={pages - 1}" in (nav(part, "prev") or "")
    assert "joined_page=1" in (nav(part, "prev") or "")
    first = nav(part, "first") or ""
    assert "led_page" not in first and first.endswith("#led")
    last = len(led) - SIZE * (pages - 1)
    assert f"Dòng {len(led) - last + 1}–{len(led)} trong {len(led)}" in part
    english = section(get(client, url + "&lang=en"), "led")
    assert f"Rows {len(led) - last + 1}–{len(led)} of {len(led)}" in english


@pytest.mark.parametrize("value", ["0", "-1", "abc", "2.5", "1e3", "99999", "１", "9" * 40])
def test_a_page_that_is_not_one_is_refused_naming_the_parameter(
    client: FlaskClient,
    triples: Triples,
    value: str,
) -> None:
    agency, _led = most_named(triples, MKG + "leadAgency")
    r = client.get(path_of(agency), query_string={"led_page": value, "lang": "en"})
    assert r.status_code == 400
    body = r.get_data(as_text=True)
    assert "Parameter “led_page”" in body and "is not a page of this list" in body


def test_instrument_lists_every_task_that_names_it_once(
    client: FlaskClient, triples: Triples
) -> None:
    coded = {s for s, p, _o in triples if p == MKG + "code"}
    by: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p in (MKG + "refersTo", MKG + "legalBasis") and s in coded:
            by[o.strip("<>")].add(s)
    instrument, naming = max(by.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(naming) > 10
    pages = walk(client, path_of(instrument), "referring-tasks", "referring-task-table")
    shown = [h for p in pages for h in p]
    assert len(shown) == len(set(shown)) == len(naming)
    assert set(shown) == {path_of(t) for t in naming}


def test_incoming_statements_are_counted_and_paged(client: FlaskClient, triples: Triples) -> None:
    agency, _led = most_named(triples, MKG + "leadAgency")
    incoming = {(s, p) for s, p, o in triples if o == f"<{agency}>"}
    assert len(incoming) > SIZE
    page = get(client, path_of(agency))
    start = page.index('id="incoming"')
    table = page[start : page.index("</details>", start)]
    assert f"({len(incoming)})" in page[page.rindex("<summary>", 0, start) : start]
    assert table.count("<tr>") == SIZE + 1  # the heading row and a page of rows
    last = math.ceil(len(incoming) / SIZE)
    page = get(client, f"{path_of(agency)}?linked_page={last}")
    start = page.index('id="incoming"')
    table = page[start : page.index("</details>", start)]
    assert table.count("<tr>") == len(incoming) - SIZE * (last - 1) + 1


_PARTNER_ROW = re.compile(
    r'<tr><td><a href="(/id/[^"#?]+)"[^>]*>.*?</td><td class="num">(\d+)</td>'
)


def test_partners_are_counted_by_the_tasks_they_share(
    client: FlaskClient, triples: Triples
) -> None:
    agency, _led = most_named(triples, MKG + "leadAgency")
    tasks_of: dict[str, set[str]] = defaultdict(set)
    for s, p, o in triples:
        if p in (MKG + "leadAgency", MKG + "cooperatingAgency"):
            tasks_of[o.strip("<>")].add(s)
    mine = tasks_of[agency]
    shared = {
        path_of(other): len(mine & tasks)
        for other, tasks in tasks_of.items()
        if other != agency and mine & tasks
    }
    assert len(shared) > 1
    url, shown = path_of(agency), []
    while url:
        part = section(get(client, url), "partners")
        shown += [(href, int(n)) for href, n in _PARTNER_ROW.findall(part)]
        nxt = nav(part, "next")
        assert len(shown) <= len(shared), "a partner is listed twice"
        url = nxt.split("#")[0] if nxt else ""
    assert dict(shown) == shared
    # most shared first, then by address
    assert shown == sorted(shown, key=lambda row: (-row[1], row[0]))


def test_incoming_statements_come_by_property_then_subject_in_reading_order(
    client: FlaskClient, triples: Triples
) -> None:
    agency, _led = most_named(triples, MKG + "leadAgency")
    order = reading_order(triples)
    incoming = sorted(
        ((p, s) for s, p, o in triples if o == f"<{agency}>"), key=lambda ps: (ps[0], order(ps[1]))
    )
    assert len({p for p, _s in incoming}) > 1, "statements of several properties"
    page = get(client, path_of(agency))
    start = page.index('id="incoming"')
    table = page[start : page.index("</details>", start)]
    subjects = re.findall(r'<tr><td><a href="(/id/[^"#?]+)"', table)
    assert subjects == [path_of(s) for _p, s in incoming[:SIZE]]


def test_a_list_is_sorted_once_while_the_store_is_unchanged(
    client: FlaskClient, triples: Triples, monkeypatch: pytest.MonkeyPatch
) -> None:
    from webapp import paging

    asked: list[str] = []
    bound = paging.bound

    def asking(name: str, iri: URIRef) -> str:
        if name.endswith("_keys"):
            asked.append(name)
        return bound(name, iri)

    built = ["first build"]
    monkeypatch.setattr(paging, "bound", asking)
    # as a store on disk: kept under its folder as it is now
    monkeypatch.setattr(paging, "count_key", lambda _f, name, iri: (built[0], name, iri))
    agency, _led = most_named(triples, MKG + "leadAgency")
    url = path_of(agency)
    first = get(client, url)
    once = sorted(asked)
    # the tasks led and joined (the statements pointing at it share those lists), the
    # partners, and the properties pointing at it
    assert once == [
        "agency_partners_keys",
        "resource_linked_props_keys",
        "resource_subjects_keys",
        "resource_subjects_keys",
    ]
    assert get(client, url + "?led_page=2") != first
    assert get(client, url) == first
    assert sorted(asked) == once
    built[0] = "the store rebuilt"
    assert get(client, url) == first
    assert sorted(asked) == sorted(once * 2)
