"""Canned-query parameters as readers type them: names in either language, with or without
diacritics, keys in any case, IRIs; every bad value a 400 naming the parameter."""

from __future__ import annotations

import re

import pytest

from queries.catalogue import catalogue

# For each parameter type, values no query may take.
BAD = {
    "integer": ["abc", "²", "٣", "1e3", "2025 OR 1", "9" * 40],
    "date": ["abc", "2025-13-45", "2025/01/01", "²"],
    "agency": ["https://w3id.org/migkg/id/agency/x>y", "https://w3id.org/x y", "zzqx no such body"],
    "plan": ["https://w3id.org/migkg/id/plan/x>y", "https://w3id.org/x y", "999/zz-none"],
    "province": ["https://w3id.org/migkg/id/province/a>b", "https://w3id.org/a b", "Atlantis"],
    "iri": ["not an iri", "https://w3id.org/a>b", "https://w3id.org/a b"],
    "string": ["a\x00b"],
}
CASES = [(q.name, p.name, bad) for q in catalogue() for p in q.params for bad in BAD[p.type]]


@pytest.mark.parametrize(("query", "param", "bad"), CASES)
def test_every_bad_value_is_a_400_naming_the_parameter(site_client, query, param, bad):
    r = site_client.get(f"/queries/{query}", query_string={param: bad})
    assert r.status_code == 400
    html = r.get_data(as_text=True)
    message = re.search(r'id="query-error">([^<]*)<', html)
    assert message and f"“{param}”" in message.group(1)


def result_cells(html: str) -> list[str]:
    table = html[html.index('id="canned-results"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'href="(/id/task/[^"]+)"', table)


@pytest.mark.parametrize(
    "value",
    [
        "Bộ Ngoại giao",
        "bo ngoai giao",
        "BỘ NGOẠI GIAO",
        "MOFA",
        "Ministry of Foreign Affairs",
        "https://w3id.org/migkg/id/agency/mofa",
    ],
)
def test_an_agency_by_name_in_either_language_key_or_iri(site_client, value):
    expected = result_cells(
        site_client.get("/queries/agency_tasks?agency=mofa").get_data(as_text=True)
    )
    assert expected  # the fixture gives the ministry tasks
    r = site_client.get("/queries/agency_tasks", query_string={"agency": value})
    assert r.status_code == 200
    assert result_cells(r.get_data(as_text=True)) == expected


def test_a_plan_by_its_printed_number(site_client):
    r = site_client.get("/queries/coordination_load", query_string={"plan": "402/QĐ-TTg"})
    assert r.status_code == 200
    bad = site_client.get("/queries/coordination_load", query_string={"plan": "402/QD-TTX"})
    assert bad.status_code == 400
    # The nearest plan is offered.
    assert "plan=402-qd-ttg" in bad.get_data(as_text=True)


def test_an_unknown_name_suggests_the_nearest(site_client):
    r = site_client.get("/queries/agency_tasks", query_string={"agency": "Bộ Ngoai giao x"})
    assert r.status_code == 400
    assert 'id="suggestions"' in r.get_data(as_text=True)
    assert "agency=mofa" in r.get_data(as_text=True)


def test_the_form_suggests_names(site_client):
    html = site_client.get("/queries/agency_tasks").get_data(as_text=True)
    assert 'list="choices-agency"' in html and html.count('<datalist id="choices-agency">') == 1
    assert '<option value="mofa">Bộ Ngoại giao</option>' in html
