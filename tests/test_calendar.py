"""The obligations calendar (iCalendar, RFC 5545): re-parsed with the ``icalendar`` package,
and one agency's events checked against the appendices (shipped corpus).

Ministry of Justice (moj) in 2027, read from the appendix tables: it leads 402's 3.3.10,
3.3.11 and 3.3.12 ("2020-2025; định kỳ rà soát hàng năm cho đến 2030": an annual review
2026-2030) and 3.3.14 ("2020-2030; định kỳ rà soát hàng năm"), and cooperates on 225's I.2,
II.1 and III.4 ("Hàng năm" / "Hằng năm", 2023-2030); each falls due on 31 December 2027. Its
other rows (3.2.1, 3.2.5, 3.3.13: 2020-2025; 3.3.7: 2020-2030; 3.1: every five years from
2020; 225 II.4: Giai đoạn 2023-2030) fall due at other times.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from graph.embedded import EmbeddedStore

pytestmark = pytest.mark.slow
MOJ_2027 = {"402-qd-ttg 3.3.10", "402-qd-ttg 3.3.11", "402-qd-ttg 3.3.12", "402-qd-ttg 3.3.14"} | {
    "225-nq-cp I.2", "225-nq-cp II.1", "225-nq-cp III.4"}  # fmt: skip


@pytest.fixture(scope="module")
def client(corpus_store_dir: Path) -> Iterator:
    from webapp import create_app

    store = EmbeddedStore(corpus_store_dir, read_only=True)
    app = create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2026-12-02"})
    yield app.test_client()
    store.close()


def events(data: bytes) -> list:
    cal = Calendar.from_ical(data)
    assert str(cal["version"]) == "2.0" and cal.get("prodid")
    return list(cal.walk("VEVENT"))


def in_2027(evs: list) -> dict[str, date]:
    out = {}
    for e in evs:
        day = e.decoded("dtstart")
        if day.year == 2027:
            out[str(e["summary"]).split(" · ")[0]] = day
    return out


def test_the_feed_of_one_agency_matches_the_appendix(client) -> None:
    r = client.get("/calendar.ics?agency=moj")
    assert r.status_code == 200 and r.mimetype == "text/calendar"
    evs = events(r.get_data())
    got = in_2027(evs)
    assert set(got) == MOJ_2027
    assert set(got.values()) == {date(2027, 12, 31)}
    for e in evs:
        assert e.get("uid") and e.get("dtstamp")
        assert e.decoded("dtend") > e.decoded("dtstart")
        assert "/id/task/" in str(e["url"]) or "/id/duty/" in str(e["url"])
        assert ".txt, line " in str(e["description"])
    # 3.3.10's review falls due every year 2026-2030, after its implementation ends in 2025
    dates = sorted(
        e.decoded("dtstart") for e in evs if str(e["summary"]).startswith("402-qd-ttg 3.3.10 ")
    )
    assert dates == [date(y, 12, 31) for y in range(2025, 2031)]


def test_the_cli_export_gives_the_same_events(client, corpus_store_dir: Path) -> None:
    args = [sys.executable, "-m", "migkg", "export", "calendar", "--agency", "moj"]
    args += ["--store-path", str(corpus_store_dir)]
    done = subprocess.run(args, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    by_cli = {(str(e["uid"]), e.decoded("dtstart")) for e in events(done.stdout)}
    by_web = {
        (str(e["uid"]), e.decoded("dtstart"))
        for e in events(client.get("/calendar.ics?agency=moj").get_data())
    }
    assert by_cli == by_web


def test_the_calendar_page_shows_the_months_ahead(client) -> None:
    html = client.get("/calendar?agency=moj&months=13&lang=en").get_data(as_text=True)
    assert "Obligations calendar" in html
    assert 'id="m-2027-12"' in html and 'id="m-2026-12"' in html
    assert "/id/task/402-qd-ttg/3.3.10" in html
    assert 'href="/calendar.ics?agency=moj"' in html
    vi = client.get("/calendar?agency=moj&lang=vi").get_data(as_text=True)
    assert "Lịch nghĩa vụ" in vi and "rà soát" in vi


def test_bad_calendar_parameters_are_one_clear_line(client) -> None:
    assert client.get("/calendar?months=0").status_code == 400
    r = client.get("/calendar?from=2026-02-30")
    assert r.status_code == 400 and "from: not a date" in r.get_data(as_text=True)


def test_a_long_calendar_shows_its_first_items_and_says_how_many_there_are(
    client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from webapp.views import calendar

    whole = client.get("/calendar?months=120&lang=en").get_data(as_text=True)
    rows = whole.count('<tr><td class="nowrap">')
    assert rows > 3 and 'id="due-cut"' not in whole
    monkeypatch.setattr(calendar, "SHOWN", 3)
    cut = client.get("/calendar?months=120&lang=en").get_data(as_text=True)
    assert cut.count('<tr><td class="nowrap">') == 3
    assert f"shows the first 3 of {rows} items" in cut
    vi = client.get("/calendar?months=120&lang=vi").get_data(as_text=True)
    assert f"chỉ hiện 3 mục đầu tiên trong số {rows} mục" in vi
