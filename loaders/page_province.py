"""The province a page without a provincial header belongs to (a portal's news item, a letter
printed without its issuer block), so that its bare provincial names ("Sở Ngoại vụ", "UBND
các huyện") are placed there.

First the text: the province a People's Committee, Council or Party committee acting on the
page is named with ("UBND tỉnh Khánh Hòa đã ban hành", "Phó Chủ tịch UBND Quảng Nam");
then the address the page was published at, where a provincial portal or newspaper carries
the province's name in its host (``langson.gov.vn``, ``baokhanhhoa.vn``). Nothing else is
guessed: a page that names no province and comes from no provincial host stays unplaced.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from loaders.document_split import province_names
from migkg.text import fold

# a provincial body that acts, followed by the province's name
_ACTOR = re.compile(
    r"\b(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd|tỉnh ủy|tỉnh uỷ)"
    r"\s+(?:tỉnh\s+|thành phố\s+|tp\.?\s*)?(?P<rest>.{0,40})",
    re.IGNORECASE,
)
# shortest province key read inside a host name (shorter ones only as a whole label)
_HOST_KEY_MIN = 5


def named_in_text(lines: Iterable[str]) -> str | None:
    """The province the first acting provincial body of the text is named with, or None."""
    names = province_names()
    for line in lines:
        for match in _ACTOR.finditer(line):
            rest = f"{re.sub(r'[^a-z ]+', ' ', fold(match['rest']))} "
            rest = re.sub(r"\s+", " ", rest).lstrip()
            found = [(len(k), name) for k, name in names.items() if rest.startswith(f"{k} ")]
            if found:
                return max(found)[1]
    return None


def named_in_address(url: str) -> str | None:
    """The province a provincial portal's or newspaper's host names, or None."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    labels = [label for label in host.lower().split(".") if label]
    found = set()
    for key, name in province_names().items():
        squashed = key.replace(" ", "")
        for label in labels[:-1]:  # not the top-level domain
            exact = label == squashed
            if exact or (len(squashed) >= _HOST_KEY_MIN and label.endswith(squashed)):
                found.add((len(squashed), name))
    return max(found)[1] if found else None


def province_of_page(lines: Iterable[str], url: str | None) -> str | None:
    """The page's province: named in its text, else in its address."""
    return named_in_text(lines) or (named_in_address(url) if url else None)
