"""Every page of the site says the same over a remote store as over the embedded one.

The shipped corpus is pushed by `migkg push` into a real Virtuoso (Debian's
``virtuoso-t``) and a real `oxigraph serve` on 127.0.0.1; a `migkg serve` runs over each
(setting ``store = remote``) and one over the embedded store. Each page's text (its markup
removed) is compared as a multiset of lines: engines may list ties in another order, but
must say the same things.
"""

from __future__ import annotations

import html
import re
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from conftest import ENGINES

from queries import catalogue as cat

pytestmark = [pytest.mark.remote, pytest.mark.slow]

PAGES = [
    "/",
    "/network",
    "/network?network=dependency",
    "/charts",
    "/exports",
    "/queries",
    *(f"/queries/{q.name}" for q in cat.catalogue()),
    "/queries/agency_tasks?agency=molisa",
    "/queries/coordination_load?year=2021&plan=402-qd-ttg",
    "/queries/instrument_chain?plan=1692-vp-vhxh",
    "/id/agency/mofa",
    "/id/agency/molisa",
    "/id/plan/402-qd-ttg",
    "/id/plan/225-nq-cp",
    "/id/task/402-qd-ttg/3.2.3",
    "/id/task/225-nq-cp/II.4",
    "/id/instrument/gcm",
    "/id/instrument/402-qd-ttg",
    "/id/province/kien-giang",
    "/calendar",
    "/coverage",
    "/id/instrument/",
    "/search?q=bo+ngoai+giao",
    "/search?q=ngoaigiao",
]

_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def page_lines(base: str, path: str) -> Counter[str]:
    """The text of a page as a multiset of its non-blank lines (markup and scripts removed)."""
    with urllib.request.urlopen(base + path, timeout=120) as response:
        assert response.status == 200, path
        body = response.read().decode("utf-8")
    # the footer cites the page with its server's address and build date: not an answer
    body = body.split("<footer", 1)[0]
    text = html.unescape(_TAG.sub("\n", _SCRIPT.sub("", body))).replace(base, "BASE")
    # a list the page joins from GROUP_CONCAT comes in the engine's order, which SPARQL
    # leaves open: its parts are compared as a set
    return Counter(
        "; ".join(sorted(line.strip().split("; "))) for line in text.splitlines() if line.strip()
    )


@pytest.fixture(scope="module")
def embedded_site(migkg_server, corpus_store_dir: Path) -> str:
    return migkg_server(corpus_store_dir)


@pytest.fixture(scope="module", params=sorted(ENGINES))
def remote_site(request, pushed_engine, migkg_server, tmp_path_factory) -> str:
    query, update, union = pushed_engine(request.param)
    return migkg_server(
        tmp_path_factory.mktemp("unused") / "store",
        store="remote",
        endpoint=query,
        update_endpoint=update,
        union_graph=union,
    )


@pytest.mark.parametrize("path", PAGES)
def test_page_says_the_same_over_the_remote_store(
    path: str, embedded_site: str, remote_site: str
) -> None:
    here = page_lines(embedded_site, path)
    there = page_lines(remote_site, path)
    assert len(here) > 5, "the comparison needs a page with content"
    assert there == here


# A resource's data (content negotiation) is the same graph over either store.
DATA = [("/id/plan/402-qd-ttg", "text/turtle"), ("/id/agency/molisa", "application/ld+json")]


@pytest.mark.parametrize(("path", "media"), DATA, ids=lambda v: str(v))
def test_resource_data_is_the_same_over_the_remote_store(
    path: str, media: str, embedded_site: str, remote_site: str
) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    graphs = []
    for base in (embedded_site, remote_site):
        request = urllib.request.Request(base + path, headers={"Accept": media})
        with urllib.request.urlopen(request, timeout=120) as response:
            assert response.status == 200, path
            graphs.append(Graph().parse(data=response.read(), format=media))
    here, there = graphs
    assert len(here) > 20, "the comparison needs a resource with data"
    assert isomorphic(here, there)
