"""Reading a corpus file into NFC text lines."""

from __future__ import annotations

from pathlib import Path

from migkg.errors import InputError
from migkg.loaders.base import SourceText
from migkg.text import nfc

SUPPORTED_SUFFIXES = (".txt", ".md")


def read_source(path: Path) -> SourceText:
    """Read a text file as UTF-8 into NFC lines; refuse what is not text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror})") from None
    if not raw.strip():
        raise InputError(path, "file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, "not UTF-8 text", line) from None
    return SourceText(path=path, lines=nfc(text).splitlines())
