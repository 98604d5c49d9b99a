"""Task, agency, plan and province pages show the bodies responsible at a date (``?at=``)
next to the ones the documents named (shipped corpus; expected bodies from
data/reference/restructuring_2025.csv and the tasks' texts, as in test_queries_corpus.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(corpus_store_dir: Path) -> Iterator:
    from webapp import create_app

    store = EmbeddedStore(corpus_store_dir, read_only=True)
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2026-12-02"})
    yield app.test_client()
    store.close()


def section(html: str) -> str:
    start = html.index('id="responsible-at"')
    return html[start : html.index("</section>", start)]


def test_a_task_page_as_named_in_2024_and_after_the_merger(client) -> None:
    # 402 3.3.1: "Hoàn thiện chính sách quản lý lao động di cư …", led by MOLISA
    before = section(client.get("/id/task/402-qd-ttg/3.3.1?at=2024-06-01").get_data(as_text=True))
    assert 'id="responsible-as-named"' in before and "/id/agency/moha" not in before
    now = section(client.get("/id/task/402-qd-ttg/3.3.1").get_data(as_text=True))
    assert "2026-12-02" in now  # today, fixed for the test
    assert 'href="/id/agency/moha"' in now and 'data-decided="true"' in now
    assert "Resolution 176/2025/QH15" in now
    later = section(client.get("/id/task/402-qd-ttg/3.3.1?at=2026-12-02").get_data(as_text=True))
    assert later == now


def test_kien_giang_pages_name_the_bodies_of_an_giang(client) -> None:
    for url in ("/id/agency/kien-giang-dofa", "/id/province/kien-giang", "/id/plan/1692-vp-vhxh"):
        html = section(client.get(url + "?at=2026-12-02&lang=en").get_data(as_text=True))
        assert 'href="/id/agency/an-giang/so-ngoai-vu"' in html, url
        assert 'href="/id/agency/an-giang/van-phong-uy-ban-nhan-dan"' in html, url
        assert 'data-decided="false"' in html and "undecided" in html
        assert "Bodies responsible on" in html
    vi = section(client.get("/id/agency/kien-giang-dofa?lang=vi").get_data(as_text=True))
    assert "Cơ quan chịu trách nhiệm tại ngày" in vi and "chưa xác định" in vi
    before = section(client.get("/id/province/kien-giang?at=2024-06-01").get_data(as_text=True))
    assert "an-giang" not in before


def test_the_block_speaks_the_page_s_language(client) -> None:
    # 402 3.3.1 is about sending workers abroad (data/functions.toml: overseas-labour), led by
    # MOLISA; the path of changes is written in English and marked so on a Vietnamese page.
    vi = section(client.get("/id/task/402-qd-ttg/3.3.1?lang=vi").get_data(as_text=True))
    assert "(chủ trì)" in vi and "Đưa người lao động đi làm việc ở nước ngoài" in vi
    assert '<span lang="en">Ministry of Labour' in vi and "Sending workers abroad" not in vi
    en = section(client.get("/id/task/402-qd-ttg/3.3.1?lang=en").get_data(as_text=True))
    assert "(lead)" in en and "Sending workers abroad (overseas labour)" in en
    assert 'lang="en"' not in en


def test_a_body_that_no_longer_exists_says_what_it_became(client) -> None:
    html = client.get("/id/agency/kien-giang-dolisa?lang=en").get_data(as_text=True)
    assert "2025-02-28" in html  # last day before the department merger of 1 March 2025
    assert "/id/agency/kien-giang/so-noi-vu" in html


def test_a_bad_date_is_one_clear_line(client) -> None:
    r = client.get("/id/task/402-qd-ttg/3.3.1?at=2026-13-40")
    assert r.status_code == 400
    assert "at: not a date" in r.get_data(as_text=True)


def test_many_answers_are_shown_a_page_at_a_time(client, monkeypatch) -> None:
    # The plan of Decision 402 names MOLISA on many tasks: at two rows a page the answers of
    # the ministry's page run to several pages, each with its own rows, and every page
    # together shows each row of the whole table once.
    from webapp import paging

    url = "/id/agency/molisa?at=2026-12-02&lang=en"
    whole = section(client.get(url).get_data(as_text=True))
    everyone = whole.count('<tr data-decided="')
    assert everyone > 4
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    first = section(client.get(url).get_data(as_text=True))
    assert first.count('<tr data-decided="') == 2
    assert 'id="responsible-at-pages"' in first and "responsible_page=2" in first
    pages = -(-everyone // 2)
    rows = []
    for page in range(1, pages + 1):
        html = section(client.get(f"{url}&responsible_page={page}").get_data(as_text=True))
        rows += html.split('<tr data-decided="')[1:]
    assert len(rows) == everyone
    bad = client.get(f"{url}&responsible_page={pages + 1}")
    assert bad.status_code == 400 and "responsible_page" in bad.get_data(as_text=True)


def test_the_answers_are_asked_once_for_every_page_of_the_table(client, monkeypatch) -> None:
    from webapp import paging
    from webapp.views import as_of

    asked: list[str] = []
    real = as_of.answers

    def counted(kind, iri, when):
        asked.append(f"{kind} {iri} {when}")
        return real(kind, iri, when)

    monkeypatch.setattr(as_of, "answers", counted)
    monkeypatch.setattr(paging, "PAGE_SIZE", 2)
    url = "/id/agency/molisa?at=2026-11-30&lang=en"
    first = section(client.get(url).get_data(as_text=True))
    second = section(client.get(url + "&responsible_page=2").get_data(as_text=True))
    assert first != second
    assert len(asked) == 1
    # another date is another question
    client.get("/id/agency/molisa?at=2026-11-29&lang=en")
    assert len(asked) == 2
