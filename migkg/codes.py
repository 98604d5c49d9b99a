"""Task codes in reading order: the one sort key the views and charts share."""

from __future__ import annotations

import re
from typing import Any

_PART = re.compile(r"(\d+|[A-Za-z]+)")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def code_key(code: Any) -> tuple[bool, list[tuple[int, int, str]]]:
    """Sort key for task codes: 3.2.10 after 3.2.9, II.4 after I.12, TC-… after the rest.

    Numbers compare as numbers and upper-case Roman numerals (made of I, V and X) by their
    value; any other letters (a, b, c …) compare as text, after the numbers."""
    text = str(code or "")
    parts: list[tuple[int, int, str]] = []
    for part in _PART.findall(text):
        if part.isdigit():
            parts.append((0, int(part), ""))
        elif part.isupper() and all(c in _ROMAN for c in part):
            parts.append((0, _roman(part), ""))
        else:
            parts.append((1, 0, part))
    return (text.startswith("TC-"), parts)


def _roman(text: str) -> int:
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN[c]
        total += -v if i + 1 < len(text) and _ROMAN[text[i + 1]] > v else v
    return total
