"""What a corpus says about its files that the files do not say themselves.

A ``manifest.csv`` in the corpus folder has a row per file: ``file`` (its name) and any of
``source_url``, ``title``, ``publisher``, ``province``, ``date`` (ISO, ``2024-05-31``) and
``doc_type``. A text file may say the same in YAML front matter at its top, between two
``---`` lines. These facts travel in ``SourceText.meta``; the document model takes them as
stated "from the manifest" (a province places the bare provincial bodies a text names).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import lru_cache
from pathlib import Path

from migkg.errors import InputError
from migkg.text import nfc

FILE_NAME = "manifest.csv"
FIELDS = ("source_url", "title", "publisher", "province", "date", "doc_type")


def for_file(path: Path) -> dict[str, str]:
    """The manifest row of ``path`` (from the manifest beside it), or an empty dict."""
    path = Path(path)
    manifest = path.parent / FILE_NAME
    if not manifest.is_file():
        return {}
    stat = manifest.stat()
    return dict(_load(manifest, stat.st_mtime_ns, stat.st_size).get(path.name, {}))


def load(manifest: Path) -> dict[str, dict[str, str]]:
    """File name → facts, from a manifest file; a bad row is refused with its line."""
    stat = Path(manifest).stat()
    return _load(Path(manifest), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load(manifest: Path, _mtime: int, _size: int) -> dict[str, dict[str, str]]:
    try:
        text = manifest.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(manifest, f"manifest cannot be read as UTF-8 ({exc})") from None
    reader = csv.DictReader(io.StringIO(nfc(text)))
    columns = [c.strip() for c in reader.fieldnames or []]
    if "file" not in columns:
        raise InputError(manifest, "manifest has no 'file' column", 1)
    unknown = [c for c in columns if c != "file" and c not in FIELDS]
    if unknown:
        raise InputError(
            manifest,
            f"unknown manifest column {unknown[0]!r} (columns: file, {', '.join(FIELDS)})",
            1,
        )
    rows: dict[str, dict[str, str]] = {}
    for row in reader:
        line = reader.line_num
        facts = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
        name = facts.pop("file", "")
        if not name:
            raise InputError(manifest, "manifest row names no file", line)
        if name in rows:
            raise InputError(manifest, f"{name} is listed twice", line)
        rows[name] = checked({k: v for k, v in facts.items() if v}, manifest, line)
    return rows


def checked(facts: dict[str, str], where: Path, line: int | None) -> dict[str, str]:
    """The facts with a date checked as ISO; a bad date is refused naming the line."""
    if "date" in facts:
        try:
            dt.date.fromisoformat(facts["date"])
        except ValueError:
            raise InputError(
                where, f"manifest date {facts['date']!r} is not an ISO date (YYYY-MM-DD)", line
            ) from None
    return facts


def front_matter(lines: list[str], path: Path) -> tuple[dict[str, str], list[str]]:
    """Facts from YAML front matter at the top of a text, and the lines with it blanked."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    try:
        end = next(i for i in range(1, min(len(lines), 60)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        return {}, lines
    import yaml

    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise InputError(path, "front matter is not valid YAML", line) from None
    if not isinstance(data, dict):
        return {}, lines
    facts = {k: str(v).strip() for k, v in data.items() if k in FIELDS and v is not None and str(v)}
    blanked = [""] * (end + 1) + lines[end + 1 :]
    return checked(facts, path, 1), blanked
