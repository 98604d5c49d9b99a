"""The calendar's and coverage's answers kept beside the store by the build
(webapp/page_facts.py): what is due or overdue at a date, worked out at the visit from them,
is what the canned queries say at that date; a file of another store is not used."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from calendar_rows import due_key, row_key

from graph.embedded import EmbeddedStore
from queries import questions
from viz.obligations import dues
from webapp import page_facts

pytestmark = pytest.mark.slow
# before the plans, inside their first phases, after the 2025 ends, after 2030
DAYS = [date(2019, 6, 1), date(2023, 3, 15), date(2026, 12, 2), date(2031, 1, 1)]


@pytest.fixture(scope="module")
def store(corpus_store_dir: Path):
    opened = EmbeddedStore(corpus_store_dir, read_only=True)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def kept(corpus_store_dir: Path, store) -> page_facts.PageFacts:
    path = corpus_store_dir / page_facts.PAGES_FILE
    assert path.is_file(), "the build keeps the pages' answers beside the store"
    facts = page_facts.load(path, lambda: len(store))
    assert facts is not None
    return facts


@pytest.mark.parametrize("day", DAYS)
def test_what_is_overdue_at_a_date_is_what_the_query_says(kept, store, day: date) -> None:
    asked = questions.rows(store, "tasks_overdue", at=day.isoformat())
    got = kept.overdue_at(day)
    assert sorted(map(row_key, got)) == sorted(map(row_key, asked))


def test_the_days_move_what_is_overdue(kept) -> None:
    # nothing has ended before the plans began; tasks of 2020-2025 have by the end of 2026
    assert kept.overdue_at(DAYS[0]) == []
    assert len(kept.overdue_at(DAYS[2])) > 0


@pytest.mark.parametrize(("start", "end"), [(DAYS[1], DAYS[2]), (DAYS[2], None)])
def test_what_falls_due_between_two_dates_is_what_the_query_says(
    kept, store, start: date, end: date | None
) -> None:
    asked = sorted(dues(store, start, end), key=page_facts.in_order)
    assert [due_key(d) for d in kept.due_between(start, end)] == [due_key(d) for d in asked]


def test_the_coverage_rows_are_the_query_s(kept, store) -> None:
    assert len(kept.coverage) == len(questions.rows(store, "gcm_coverage"))


def test_a_file_of_another_store_or_broken_is_not_used(
    corpus_store_dir: Path, tmp_path: Path, kept
) -> None:
    copy = tmp_path / page_facts.PAGES_FILE
    shutil.copy(corpus_store_dir / page_facts.PAGES_FILE, copy)
    assert page_facts.load(copy, lambda: kept.quads) is not None
    assert page_facts.load(copy, lambda: kept.quads + 1) is None
    copy.write_bytes(b"not a pickle")
    assert page_facts.load(copy, lambda: kept.quads) is None


def test_the_command_writes_the_file_of_a_store_built_before(
    corpus_store_dir: Path, tmp_path: Path, kept
) -> None:
    folder = tmp_path / "store"
    shutil.copytree(corpus_store_dir, folder)
    (folder / page_facts.PAGES_FILE).unlink()
    assert page_facts.main([str(folder)]) == 0
    again = page_facts.load(folder / page_facts.PAGES_FILE, lambda: kept.quads)
    assert again is not None and again.dues == kept.dues
    assert page_facts.main([str(tmp_path / "nowhere")]) == 2
