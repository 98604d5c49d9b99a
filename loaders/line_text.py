"""A printed line's text: marks and tags taken off, cut into the cells of a two-column copy.

Pages saved from legal portals and markdown copies carry marks (``**``, ``<b>``, footnote
markers) and print a header's two columns on one line, joined by ``|``, tabs or wide gaps.
Every reader of a document's lines sees them through ``plain`` and ``cells``.
"""

from __future__ import annotations

import re

from migkg.text import squash_spaces

_MARKS = re.compile(r"<[^>]+>|\*\*|__|^#+\s*|^\s*\*|\*\s*$|\[\^?\d+\]|\^\d+")
# A person's name printed alone on a line (a signer): two to five capitalised words.
PERSON_NAME = re.compile(r"^[A-ZĐÀ-Ỹ][^\s\d,;:.()]*(?: [A-ZĐÀ-Ỹ][^\s\d,;:.()]*){1,4}$")
# A rule (``-------``) glued to the next cell ("TỈNH HẬU GIANG" / "-------Số: 46/…") cuts too.
_CELL_CUT = re.compile(r"\s*(?:\||\t| {3,}|-{3,})\s*")


def plain(line: str) -> str:
    """A line without markdown marks, tags or footnote markers, spaces squashed."""
    return squash_spaces(_MARKS.sub("", line.strip()))


def cells(line: str) -> list[str]:
    """The cells of a header line: cut at ``|``, tabs or wide gaps; marks removed."""
    return [c for c in (plain(p) for p in _CELL_CUT.split(line.strip(" |"))) if c]
