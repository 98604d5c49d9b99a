"""The text of a source document as the build read it, line by line, for the document page.

The file is found by its ``mkg:fileName`` in the corpus folder the site was configured with
(the ``corpus`` setting, else the shipped corpus) and read by the same reader as the build,
so line numbers are those every ``mkg:sourceLineStart`` points at.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from flask import current_app
from flask_babel import gettext

import corpus as shipped
from loaders.reading import read_source
from migkg.errors import MigkgError

_SPAN = re.compile(r"^([0-9]{1,7})(?:-([0-9]{1,7}))?$", re.ASCII)


def corpus_dir() -> Path:
    """The corpus folder the site reads source texts from."""
    return Path(current_app.config["MIGKG"].get("corpus") or shipped.CORPUS_DIR)


def lines_of(file_name: str) -> list[str] | None:
    """The lines of ``file_name`` in the corpus folder (None when the file is not there)."""
    if not file_name or "/" in file_name or "\\" in file_name or file_name.startswith("."):
        return None
    path = corpus_dir() / file_name
    if not path.is_file():
        return None
    stat = path.stat()
    return list(_read(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=16)
def _read(path: str, _mtime: int, _size: int) -> tuple[str, ...]:
    return tuple(read_source(Path(path)).lines)


def line_span(raw: str) -> tuple[int, int] | None:
    """``"12-15"`` → (12, 15); ``"12"`` → (12, 12); empty → None; anything else a 400."""
    raw = raw.strip()
    if not raw:
        return None
    m = _SPAN.match(raw)
    if not m:
        raise MigkgError(
            gettext(
                "Parameter “lines”: “%(value)s” is not a line number or a span such as 12-15.",
                value=raw[:40],
            )
        )
    start = int(m.group(1))
    end = int(m.group(2) or start)
    return (min(start, end), max(start, end))
