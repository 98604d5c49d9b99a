"""A canned query's page is sent before its answer is in: a note and a link stand where the
results go, its script fetches them from /queries/<name>/results, and the question is asked
once however many requests wait for it. The store is held by a gate the test opens."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from test_browser import open_visit

from webapp.views import queries as view

NAME = "agency_pairs"


class Gated:
    """A store whose answers wait until ``gate`` is open; ``asked`` lists each question."""

    def __init__(self, store: Any, gate: threading.Event, asked: list[str]) -> None:
        self._store, self._gate, self.asked = store, gate, asked

    def select(self, text: str, bindings: Any = None) -> Any:
        self.asked.append(text)
        assert self._gate.wait(60), "the gate was never opened"
        return self._store.select(text, bindings)

    def __len__(self) -> int:
        return len(self._store)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


@pytest.fixture()
def gated(site_store, monkeypatch: pytest.MonkeyPatch):
    """An app over the site's fixture graph whose canned queries wait for the gate (a
    page waits 0.05 s for them; a request for the results alone 0.2 s)."""
    from webapp import create_app

    app = create_app({"TESTING": True, "MIGKG_STORE": site_store, "preview_wait": 0.05})
    gate, asked = threading.Event(), list[str]()
    real = view.get_store
    monkeypatch.setattr(view, "get_store", lambda: Gated(real(), gate, asked))
    monkeypatch.setattr(view, "HOLD", 0.2)
    yield app, gate, asked
    gate.set()  # no question left waiting in the app's threads


def table(html: str) -> str:
    found = re.search(r'<table class="data" id="canned-results">.*?</table>', html, re.S)
    assert found, "no results table"
    return found.group(0)


def test_the_page_comes_before_the_answer_and_the_results_after(gated) -> None:
    app, gate, asked = gated
    client = app.test_client()
    page = client.get(f"/queries/{NAME}?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="canned-pending"' in html and 'id="canned-results"' not in html
    assert f'href="/queries/{NAME}?wait=1"' in html  # the way without a script
    assert "canned-results.js" in html
    assert f'data-results="/queries/{NAME}/results?lang=en"' in html
    # still not in: the script is told to ask again
    waiting = client.get(f"/queries/{NAME}/results?lang=en")
    assert waiting.status_code == 202
    assert 'id="canned-pending"' in waiting.get_data(as_text=True)
    gate.set()
    done = client.get(f"/queries/{NAME}/results?lang=en")
    assert done.status_code == 200
    part = done.get_data(as_text=True)
    assert "<html" not in part and table(part).count("<tr>") > 1
    whole = client.get(f"/queries/{NAME}?wait=1&lang=en").get_data(as_text=True)
    assert table(whole) == table(part)
    # one question, asked once for the four requests
    assert len(asked) == 1


def test_a_bad_parameter_is_told_at_once(gated) -> None:
    app, _gate, asked = gated
    r = app.test_client().get("/queries/tasks_due_between?from=not-a-day&lang=en")
    assert r.status_code == 400 and 'id="query-error"' in r.get_data(as_text=True)
    assert asked == []


def test_an_answer_already_in_is_shown_with_the_page(gated) -> None:
    app, gate, asked = gated
    gate.set()
    client = app.test_client()
    client.get(f"/queries/{NAME}?wait=1")
    html = client.get(f"/queries/{NAME}").get_data(as_text=True)
    assert 'id="canned-pending"' not in html and table(html)
    assert len(asked) == 1


@pytest.mark.browser
@pytest.mark.slow
def test_the_script_puts_the_results_in_place(gated, chromium, serve_site) -> None:
    app, gate, _asked = gated
    base = serve_site(app)
    for visit in open_visit(chromium, base):
        page = visit.page
        page.goto(f"{base}/queries/{NAME}")
        assert page.locator("#canned-pending").is_visible()
        gate.set()
        page.wait_for_selector("#canned-answer[data-ready=true] #canned-results")
        assert page.locator("#canned-results tbody tr").count() > 0
        assert page.locator("#canned-pending").count() == 0
        visit.check_clean()
