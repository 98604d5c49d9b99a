"""Match keys of agency mentions, and the grammar of the "relevant bodies" family.

A mention key is what spellings of one name meet under: the text's match key
(``migkg.text.match_key``: no case, no diacritics, plain dashes), punctuation as spaces, the
abbreviations the corpus uses spelled out. The resolver indexes every label by its key.
"""

from __future__ import annotations

import re
from functools import lru_cache

from migkg.text import match_key

# Abbreviations as the corpus writes them, spelled out in match keys (folded forms).
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "tw": "trung uong",
    "vn": "viet nam",
    "cp": "chinh phu",
    "bch": "bo chi huy",
    "bdbp": "bo doi bien phong",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "ld-tb&xh": "lao dong thuong binh va xa hoi",
    "lhpn": "lien hiep phu nu",
    "tncs": "thanh nien cong san",
    "hcm": "ho chi minh",
    "tt&tt": "thong tin va truyen thong",
    "gd&dt": "giao duc va dao tao",
    "kh&dt": "ke hoach va dau tu",
    "bhxh": "bao hiem xa hoi",
    "mttq": "mat tran to quoc",
    "tp": "thanh pho",
    "tphcm": "thanh pho ho chi minh",
}
_NON_WORD = re.compile(r"[^0-9a-z&]+")

# The grammar of the "relevant bodies" family, in match-key words.
_ITEMS = sorted(
    [
        "bo",
        "nganh",
        "co quan trung uong",
        "co quan",
        "dia phuong",
        "dia",
        "to chuc khac",
        "to chuc",
        "don vi",
        "ca nhan",
    ],
    key=lambda s: -len(s.split()),
)
_SUFFIXES = ["co lien quan", "lien quan"]
_REQUESTED = "theo yeu cau cua co quan chu tri"


@lru_cache(maxsize=65536)
def mention_key(text: str) -> str:
    """The key spellings meet under: folded, unpunctuated, abbreviations spelled out."""
    words = match_key(text).split()
    words = [ABBREVIATIONS.get(w, w) for w in words]
    words = _NON_WORD.sub(" ", " ".join(words)).split()
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)


def is_relevant_bodies(key: str) -> bool:
    """True for the "các bộ, cơ quan, địa phương, tổ chức có liên quan …" family."""
    words = key.split()
    if words[-len(_REQUESTED.split()) :] == _REQUESTED.split():
        words, requested = words[: -len(_REQUESTED.split())], True
    else:
        requested = False
    related = False
    for suffix in _SUFFIXES:
        if len(words) > len(suffix.split()) and words[-len(suffix.split()) :] == suffix.split():
            words, related = words[: -len(suffix.split())], True
            break
    prefixed = bool(words) and words[0] == "cac"
    items, i = 0, 0
    while i < len(words):
        if words[i] in ("cac", "va"):
            i += 1
            continue
        for item in _ITEMS:
            n = len(item.split())
            if words[i : i + n] == item.split():
                items, i = items + 1, i + n
                break
        else:
            return False
    return items > 0 and (prefixed or related or requested or items > 1)
