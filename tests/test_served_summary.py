"""The site serves a store on disk with the summary the build kept beside it: read from its
file, and not checked again by counting the store's quads on every request."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from graph.embedded import EmbeddedStore
from viz import summary
from webapp import create_app
from webapp.summary import get_summary


@pytest.fixture()
def kept_store(tmp_path: Path, data_dir: Path) -> tuple[Path, summary.Summary]:
    ds = Dataset()
    ds.parse(data=(data_dir / "mini.trig").read_text(encoding="utf-8"), format="trig")
    store = EmbeddedStore(tmp_path / "store")
    store.replace(ds)
    kept = summary.write_for(store)
    store.close()
    return tmp_path / "store", kept


def test_pages_read_the_kept_summary_and_count_the_store_at_most_once(
    kept_store: tuple[Path, summary.Summary], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, kept = kept_store
    counted: list[int] = []
    real_len = EmbeddedStore.__len__

    def counting_len(self: EmbeddedStore) -> int:
        counted.append(1)
        return real_len(self)

    monkeypatch.setattr(EmbeddedStore, "__len__", counting_len)
    served = EmbeddedStore(folder, read_only=True)
    app = create_app({"TESTING": True, "MIGKG_STORE": served})
    client = app.test_client()
    try:
        assert client.get("/").status_code == 200
        with app.app_context():
            # the file the build wrote, not a summary worked out again
            assert get_summary().made == kept.made
        after_first = len(counted)
        assert after_first <= 1
        for page in ("/", "/charts", "/network", "/"):
            assert client.get(page).status_code == 200
        assert len(counted) == after_first
    finally:
        runner = app.extensions.get("migkg", {}).get("runner")
        if runner is not None:
            runner.close()
        served.close()
