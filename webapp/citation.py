"""What a page is cited by: its stable IRI (a resource's w3id IRI, else the page's own
address), the date the graph was built and the version of the corpus it was built from.

The corpus version is a short hash of the graph's source-document file names (which carry
a hash of each file's content), so two builds of the same files share it; the build date
is the date of the build report (beside the store) or, failing that, of the store folder.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import current_app, request

from graph.build import default_report_path
from migkg.settings import default as settings_default
from queries import internal
from webapp.db import get_store, store_stamp


def corpus_version() -> tuple[str, int]:
    """(short hash of the corpus's file names, number of documents), cached per store."""
    ext = current_app.extensions.setdefault("migkg", {})
    stamp = store_stamp()
    cached = ext.get("corpus_version")
    if cached is None or cached[0] != stamp:
        names = [
            str(row["fileName"] or row["doc"])
            for row in get_store().select(internal("page_corpus_files")).dicts()
        ]
        digest = hashlib.sha256("\n".join(sorted(names)).encode("utf-8")).hexdigest()[:12]
        cached = ext["corpus_version"] = (stamp, (digest, len(names)))
    return cached[1]


def build_date() -> date | None:
    """The date of the last build, from its report file or the store folder."""
    settings = current_app.config["MIGKG"]
    fixed = current_app.config.get("MIGKG_BUILD_DATE")
    if fixed:
        return date.fromisoformat(str(fixed))
    store_path = Path(settings.get("store_path") or settings_default("store_path"))
    for path in (Path(settings.get("report") or default_report_path(store_path)), store_path):
        if path.exists():
            return datetime.fromtimestamp(path.stat().st_mtime, UTC).date()
    return None


def page_address() -> str:
    """This page's address, without the language choice (which is the reader's, not the
    page's)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    return request.base_url + (f"?{urlencode(args)}" if args else "")


def citation() -> dict[str, Any]:
    """What the footer's "cite this" line says (the version left out when the store cannot
    be read: an error page still renders)."""
    try:
        version, documents = corpus_version()
    except Exception:  # noqa: BLE001 - the page around the footer is what matters
        version, documents = "—", 0
    return {
        "address": page_address(),
        "built": build_date(),
        "version": version,
        "documents": documents,
        "accessed": datetime.now(UTC).date(),
    }
