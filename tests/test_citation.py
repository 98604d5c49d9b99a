"""Every page says how to cite it: its stable IRI, the build date, the corpus version."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from expect import found
from rdflib import Dataset

from migkg.namespaces import MKG

FIXTURE = Path(__file__).resolve().parent / "data" / "mini.trig"


def fixture_version() -> tuple[str, int]:
    ds = Dataset()
    ds.parse(FIXTURE, format="trig")
    names = sorted({str(o) for _s, _p, o, _g in ds.quads((None, MKG.fileName, None, None))})
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:12], len(names)


@pytest.mark.parametrize(
    ("path", "iri"),
    [
        ("/id/agency/mofa", "https://w3id.org/migkg/id/agency/mofa"),
        ("/id/task/402-qd-ttg/3.2.3", "https://w3id.org/migkg/id/task/402-qd-ttg/3.2.3"),
        ("/id/agency/?level=central&lang=en", "http://localhost/id/agency/?level=central"),
        ("/queries", "http://localhost/queries"),
    ],
)
def test_each_page_cites_its_iri_build_and_corpus(site_client, path, iri):
    html = site_client.get(path).get_data(as_text=True)
    version, documents = fixture_version()
    assert f'<code id="cite-iri">{iri.replace("&", "&amp;")}</code>' in html
    assert f'<code id="cite-version">{version}</code>' in html
    assert f"({documents} " in html[html.index('id="cite-version"') :]
    line = found(r'<span id="cite-line">(.*?)</span>', html, re.S).group(1)
    assert iri.replace("&", "&amp;") in line and version in line and "migkg" in line


def test_build_date_is_cited(make_site_app):
    app = make_site_app()
    app.config["MIGKG_BUILD_DATE"] = "2026-01-31"
    html = app.test_client().get("/").get_data(as_text=True)
    assert '<span id="cite-built">2026-01-31</span>' in html
