"""The kinds of administrative document, from one table (``data/document_types.toml``).

A kind is known by the name printed as a document's title line ("KẾ HOẠCH"), by the code
letters of its number ("…/KH-UBND") and, for labels, by its English name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from data import DATA_DIR
from loaders.tabular import read_toml
from migkg.text import fold, nfc


@dataclass(frozen=True)
class DocumentTypes:
    """Lookups over the table: English names, title words, number codes."""

    english: dict[str, str]
    """Vietnamese name → English name, for every kind."""
    by_words: dict[str, str]
    """Folded name → Vietnamese name, for every kind (a cited law too)."""
    titles: dict[str, str]
    """Folded name → Vietnamese name, for the kinds printed as a title line."""
    by_code: dict[str, str]
    """Upper-cased code letters → Vietnamese name."""

    def from_code(self, number: str) -> str | None:
        """The kind the first known code of a document number stands for, if any."""
        for part in re.split(r"[-/]", number):
            found = self.by_code.get(part.upper())
            if found is not None:
                return found
        return None


@cache
def document_types() -> DocumentTypes:
    """The table, read once."""
    path = DATA_DIR / "document_types.toml"
    rows = read_toml(path, "document type table")["type"]
    english: dict[str, str] = {}
    by_words: dict[str, str] = {}
    titles: dict[str, str] = {}
    by_code: dict[str, str] = {}
    for row in rows:
        vi = nfc(row["vi"])
        english[vi] = row["en"]
        by_words[fold(vi)] = vi
        if row.get("title", True):
            titles[fold(vi)] = vi
        for code in row["codes"]:
            by_code[nfc(code).upper()] = vi
    return DocumentTypes(english, by_words, titles, by_code)
