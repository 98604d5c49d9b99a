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
