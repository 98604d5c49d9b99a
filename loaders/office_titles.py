"""Office titles (``data/office_titles.toml``): an officeholder stands for the body he heads.

Two kinds of row: a title that stands before its body's name ("Giám đốc" in "Giám đốc Sở
Tư pháp"), which the resolver takes off before reading the name; and a whole title whose
body is not printed in full ("Chánh Văn phòng", "Chỉ huy trưởng Quân sự tỉnh"), mapped to a
standard body of the document's province or to an agency key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from data import DATA_DIR
from loaders.tabular import read_toml
from migkg.errors import InputError
from migkg.text import fold, nfc, normalize_dashes

TITLES_FILE = DATA_DIR / "office_titles.toml"
# what stands before a body's name without being a title: a count, a list number
_OTHER_LEADS = r"khoảng|hơn|\d+[.)]?|[a-zđ]\)"


@dataclass
class OfficeTitles:
    """The title table: ``lead`` strips titles before a name; ``bodies`` maps whole titles."""

    lead: re.Pattern[str]
    bodies: dict[str, str] = field(default_factory=dict)

    def without_title(self, text: str) -> str:
        """The mention without the titles, counts and list numbers before the body's name."""
        return self.lead.sub("", text).strip()

    def body_of(self, key: str) -> str | None:
        """The body slug or agency key of a whole title, by its folded key."""
        return self.bodies.get(key)


def load(path: Path | None = None) -> OfficeTitles:
    """Read the title table (a broken row is an InputError naming the file)."""
    path = path or TITLES_FILE
    data = read_toml(path, "office titles file")
    prefixes: list[str] = []
    bodies: dict[str, str] = {}
    for n, entry in enumerate(data.get("title", []), start=1):
        vi = entry.get("vi")
        if not vi or not entry.get("en"):
            raise InputError(path, f"title {n}: missing vi or en")
        if entry.get("body"):
            bodies[title_key(vi)] = entry["body"]
        else:
            prefixes.append(re.escape(nfc(vi).lower()))
    prefixes.sort(key=len, reverse=True)
    titles = "|".join(prefixes)
    lead = re.compile(
        rf"^(?:(?:(?:(?:phó|quyền|q\.)\s+)?(?:{titles})(?:\s+thường trực)?|{_OTHER_LEADS})\s+)+",
        re.IGNORECASE,
    )
    return OfficeTitles(lead=lead, bodies=bodies)


def title_key(text: str) -> str:
    """A title's key: folded, dashes and punctuation as spaces, "Phó" / "Quyền" left off."""
    words = re.sub(r"[^0-9a-z]+", " ", fold(normalize_dashes(nfc(text)))).split()
    while words and words[0] in ("pho", "quyen", "q"):
        words = words[1:]
    return " ".join(words)


@cache
def shipped() -> OfficeTitles:
    """The shipped title table, read once."""
    return load()
