"""Vietnamese text handling: NFC on input, diacritic folding for matching.

Labels keep their diacritics; only match keys are folded.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return text in Unicode NFC, the form every stored label uses."""
    return unicodedata.normalize("NFC", text)


def normalize_dashes(text: str) -> str:
    """Map en dashes, em dashes and other dash marks to a plain hyphen."""
    return _DASHES.sub("-", text)


def squash_spaces(text: str) -> str:
    """Collapse runs of white space (tabs, newlines, no-break spaces) to one space."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Strip diacritics (đ → d too) and lower-case: the key for accent-blind matching.

    Remembered: readers fold the same names and characters over and over."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


class _OneForOne(dict[int, str]):
    """Each character's folded form, one character for one (``str.translate``'s table),
    worked out the first time it is met."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self[code] = (fold(ch) or ch)[:1]
        return out


_FOLDED = _OneForOne()


def folded(text: str) -> str:
    """``text`` folded one character at a time, so offsets match the original."""
    return text.translate(_FOLDED)


def match_key(text: str) -> str:
    """A key under which spellings that differ only in case, dashes, spacing or accents meet."""
    return squash_spaces(normalize_dashes(fold(nfc(text))))
