"""Reading text whose diacritics an OCR lost or garbled (plan 139-KH/TU, file 004).

Matching is done on folded text (``migkg.text.fold``) with the misreadings the OCR makes
allowed for: ``Số`` read as ``S6``/``S§``/``Sé``, ``ư``/``ơ`` read as ``w``, ``đ`` read as
``P``, ``l`` as ``1``. ``repair`` goes a step further for display and search: it rewrites
the folded words the OCR garbled into their folded spelling, from a table of the
misreadings seen (``WORDS``, ``PAIRS``); a word the table does not know is kept as read.
The repaired text carries no diacritics: it is a search aid, never a label.
"""

from __future__ import annotations

import re

from migkg.text import fold, squash_spaces

# "thực hiện" as printed and as the OCR reads it ("Thyc hién", "thye hién", "thurc hién").
THUC_HIEN = r"th\S{1,3}\s+hi\S{1,2}n"
# A section heading "II. NHIỆM VỤ …" with the OCR's stray marks around it.
ROMAN_HEADING = re.compile(r"^\W{0,3}(?P<roman>[IVX]{1,4})\s*[.,]\s*(?P<title>\S.*)$")
ARABIC_HEADING = re.compile(r"^\W{0,2}(?P<no>\d{1,2})\s*\.\s+(?P<title>\S.*)$")

# Folded two-word misreadings whose words alone mean something else.
PAIRS: dict[str, str] = {
    "lao ding": "lao dong",
    "lao djng": "lao dong",
    "lao dfng": "lao dong",
    "quin iy": "quan ly",
    "quan 1y": "quan ly",
    "xi¥ iy": "xu ly",
    "nhi nwec": "nha nuoc",
    "nha nude": "nha nuoc",
    "cp iy": "cap uy",
    "cip iy": "cap uy",
    "chie ding": "chuc dang",
}
# Folded one-word misreadings.
WORDS: dict[str, str] = {
    "ting": "tang",
    "cwdng": "cuong",
    "cudng": "cuong",
    "cwong": "cuong",
    "sw": "su",
    "sy": "su",
    "linh": "lanh",
    "cita": "cua",
    "ciia": "cua",
    "clia": "cua",
    "ctia": "cua",
    "cic": "cac",
    "tic": "tac",
    "td": "to",
    "t6": "to",
    "chirc": "chuc",
    "chitc": "chuc",
    "chiic": "chuc",
    "dwa": "dua",
    "ngudi": "nguoi",
    "ngum": "nguoi",
    "1am": "lam",
    "iam": "lam",
    "viee": "viec",
    "&": "o",
    "nwdc": "nuoc",
    "nwec": "nuoc",
    "nudc": "nuoc",
    "nuec": "nuoc",
    "ngodi": "ngoai",
    "piy": "day",
    "gido": "giao",
    "ning": "nang",
    "neng": "nang",
    "nhin": "nhan",
    "thirc": "thuc",
    "higu": "hieu",
    "qui": "qua",
    "cdng": "cong",
    "djng": "dong",
    "pang": "dang",
    "s6": "so",
    "s§": "so",
    "s&": "so",
    "thye": "thuc",
    "thyc": "thuc",
    "iao": "lao",
    "vu;t": "viet",
    "viet": "viet",
}


def repair(text: str) -> str:
    """Folded ``text`` with the OCR misreadings of ``PAIRS`` and ``WORDS`` put right."""
    words = squash_spaces(fold(text)).split(" ")
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = " ".join(words[i : i + 2])
        core_pair = pair.rstrip(",.;:")
        if core_pair in PAIRS:
            out.append(PAIRS[core_pair] + pair[len(core_pair) :])
            i += 2
            continue
        word = words[i]
        core = word.rstrip(",.;:")
        out.append(WORDS.get(core, core) + word[len(core) :])
        i += 1
    return " ".join(out)
