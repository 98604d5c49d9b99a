"""Officeholders stand for their bodies: "Giám đốc Công an tỉnh" → "Công an tỉnh".

An article that charges people with executing a decision ("Điều 3. Chánh Văn phòng UBND
tỉnh; Giám đốc Sở Ngoại vụ; Thủ trưởng các sở, ban, ngành … chịu trách nhiệm thi hành
Quyết định này") names the heads of bodies; the duty falls on the bodies. ``bodies_of``
rewrites each officeholder in a list into the body it heads, keeping the rest as printed,
so that the resolver sees names of bodies ("Văn phòng UBND tỉnh", "các sở, ban, ngành").
"""

from __future__ import annotations

import re

# Titles as printed (matched without case), and what replaces them before the body's
# name. Longer titles first: "Chánh Văn phòng" before "Chánh".
TITLES: tuple[tuple[str, str], ...] = (
    ("các bộ trưởng", "các bộ"),
    ("bộ trưởng các bộ", "các bộ"),
    ("bộ trưởng", ""),
    ("thủ trưởng cơ quan", "cơ quan"),
    ("thủ trưởng các cơ quan", "các cơ quan"),
    ("thủ trưởng", ""),
    ("người đứng đầu", ""),
    ("chánh văn phòng", "Văn phòng"),
    ("chánh thanh tra", "Thanh tra"),
    ("tổng giám đốc", ""),
    ("giám đốc sở", "các sở"),  # "Giám đốc sở, Thủ trưởng …": every department
    ("giám đốc", ""),
    ("chỉ huy trưởng lực lượng vũ trang", "Bộ Chỉ huy Quân sự"),
    ("chỉ huy trưởng", ""),
    ("tổng cục trưởng", ""),
    ("cục trưởng", ""),
    ("vụ trưởng", ""),
    ("viện trưởng", ""),
    ("trưởng ban", "Ban"),
    ("trưởng đoàn", "Đoàn"),
    ("chủ tịch", ""),
    ("bí thư", ""),
)


def _spelled(title: str) -> str:
    """A title as a pattern that allows words glued by a saved page ("Chỉhuy") and the
    misprints of "đốc" ("đớc")."""
    words = [re.escape(w).replace("đốc", "đ[ốớôo]c") for w in title.split()]
    return r"\s*".join(words)


_TITLE = re.compile(
    r"(^|[,;]\s*|\s+và\s+|\s+va\s+)(?:các\s+(?=(?:bộ trưởng|thủ trưởng|giám đốc|chủ tịch)))?"
    r"(" + "|".join(_spelled(t) for t, _ in TITLES) + r")(?-i:(?![a-zà-ỹđ]))\s*",
    re.IGNORECASE,
)
_REPLACE = {t: r for t, r in TITLES}


def _title_of(printed: str) -> str:
    """The table's title for a title as printed (glued or misprinted)."""
    key = re.sub(r"\s+", "", printed.lower()).replace("đớc", "đốc").replace("đôc", "đốc")
    return next((t for t, _ in TITLES if t.replace(" ", "") == key), printed.lower())


# "Giám đốc sở" is a title of every department only where no department's name follows.
_NAMED_DEPT = re.compile(r"\s*(?:[A-ZĐÀ-Ỹ]|tư pháp|ngoại vụ|y tế|nội vụ)", re.IGNORECASE)


def bodies_of(text: str) -> str:
    """``text`` with every officeholder replaced by the body they head.

    >>> bodies_of("Chánh Văn phòng UBND tỉnh; Giám đốc Công an tỉnh")
    'Văn phòng UBND tỉnh; Công an tỉnh'
    """

    def swap(m: re.Match[str]) -> str:
        title = _title_of(m.group(2))
        replacement = _REPLACE.get(title, "")
        if title == "giám đốc sở" and _NAMED_DEPT.match(text, m.end()):
            replacement = "Sở "  # "Giám đốc Sở Ngoại vụ": that one department
        if title == "các bộ trưởng" or m.group(0).lower().lstrip(",; ").startswith("các"):
            replacement = _REPLACE.get(f"các {title}", replacement) or replacement
        if replacement and text[m.end() :].lower().startswith(replacement.strip().lower() + " "):
            replacement = ""  # "Trưởng ban Ban Quản lý …": the body already says "Ban"
        return f"{m.group(1)}{replacement.strip()} " if replacement else m.group(1)

    out = _TITLE.sub(swap, text)
    return re.sub(r"\s+(?=[,;])|(?<=\s)\s+", "", out).strip()


# What follows "có liên quan" or "trên địa bàn …" qualifies a collective, it names no body,
# up to a further body joined by "và các" ("… trên địa bàn tỉnh và các cá nhân, đơn vị …").
_QUALIFIER = re.compile(
    r"(?<=có liên quan)\s.*$|\s+trên địa bàn\s(?:(?!\s(?:và|va)\s+các\s).)*", re.IGNORECASE
)


def bodies_list(text: str) -> list[str]:
    """The bodies of a list of officeholders, one phrase per officeholder named.

    >>> bodies_list("Chánh Văn phòng UBND tỉnh, Giám đốc các Sở, Thủ trưởng các Ban, ngành")
    ['Văn phòng UBND tỉnh', 'các Sở', 'các Ban, ngành']
    """
    cuts = [m.start() for m in _TITLE.finditer(text) if m.start() > 0] + [len(text)]
    out: list[str] = []
    start = 0
    for cut in cuts:
        chunk = re.sub(r"^(?:và|va)\s+", "", text[start:cut].strip(" ,;"))
        start = cut
        body = _QUALIFIER.sub("", bodies_of(chunk)).strip(" ,;.")
        if out and _SAME_LIST.match(body):  # "các bộ, cơ quan ngang bộ, …": one formula
            out[-1] = f"{out[-1]}, {body}"
        elif body:
            out.append(body)
    return out


# The heads of ministries, ministerial-level and Government agencies are named one by one,
# but the three kinds of body make one list (the collective of the central government).
_SAME_LIST = re.compile(r"^cơ quan (?:ngang bộ|thuộc chính phủ)$", re.IGNORECASE)
