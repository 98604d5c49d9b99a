"""Joining a line a printer wrapped to the line before it, without breaking what it cut.

Vietnamese does not hyphenate words, so a line that ends in a hyphen or slash glued to a
letter or digit was cut inside a number, date or document symbol (``272/TTr-CAT-`` +
``XNC``, ``20/`` + ``3/2020``, ``2025-`` + ``2030``): those pieces join with no space.
Everything else joins with one space (``Bộ Lao động -`` + ``Thương binh``, ``ngày 20
tháng 3`` + ``năm 2020``).
"""

from __future__ import annotations

import re

# A piece ending inside a token: a hyphen, dash or slash right after a letter or digit.
_CUT_AFTER = re.compile(r"[\w)][-‐‑/]$")
# A piece starting inside a token: a slash or hyphen before a letter or digit.
_CUT_BEFORE = re.compile(r"^[/][\w]")
# Thousands written with separators: "600." + "000 người".
_THOUSANDS_HEAD = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,]\d{3})*[.,]$")
_THOUSANDS_TAIL = re.compile(r"^\d{3}(?![\d/])")
# What starts a new item rather than continuing a sentence.
ITEM_START = re.compile(
    r"^(\d+(\.\d+)*[.)]\s|[a-zđ][)]\s|[-–+•*]\s|[IVXLC]+[.)]\s|Điều\s+\d|Chương\s|Phần\s|Mục\s"
    r"|Căn cứ\s|Nơi nhận|Kính gửi)",
    re.IGNORECASE,
)


def glue(before: str, after: str) -> str:
    """The separator to put between two pieces of wrapped text: "" or " "."""
    before, after = before.rstrip(), after.lstrip()
    if not before or not after:
        return ""
    if _CUT_AFTER.search(before) and after[0].isalnum():
        return ""
    if _CUT_BEFORE.match(after) and before[-1].isalnum():
        return ""
    if _THOUSANDS_HEAD.search(before) and _THOUSANDS_TAIL.match(after):
        return ""
    return " "


# A document symbol with a space after one of its hyphens ("272/TTr-CAT- XNC"): a PDF
# places the glyphs of "-" and of a space alike, so word boxes cannot tell them apart.
_SPLIT_SYMBOL = re.compile(r"(\b\d+/[\wĐđ.]+(?:-[\wĐđ.]+)*-) (?=[A-ZĐ][A-ZĐ0-9]*\b)")


def mend_symbols(text: str) -> str:
    """Close the space a layout left inside a document symbol after a hyphen."""
    return _SPLIT_SYMBOL.sub(r"\1", text)


def join(pieces: list[str]) -> str:
    """Pieces of one wrapped text (a paragraph, a table cell) joined back together."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if piece:
            out = out.rstrip() + glue(out, piece) + piece if out else piece
    return mend_symbols(out)
