"""Shorthand lists of bodies spelled out: "các Sở: Y tế, Công an, Ngoại vụ".

Letters and plans name several bodies of one kind by their kind once, then their short
names after a colon: "các Bộ: Quốc phòng, Công an" is Bộ Quốc phòng and Bộ Công an;
"các Sở: Y tế, Công an, Ngoại vụ" is Sở Y tế, Công an tỉnh (the provincial police is not
a department) and Sở Ngoại vụ; "các bộ, ngành: Công an, Tư pháp, Ủy ban Dân tộc" keeps an
item that names its own kind. ``expand`` rewrites such lists into full names joined by
commas, which the resolver reads like any list.
"""

from __future__ import annotations

import re

from migkg.text import fold

# The kind word of a list ("các Sở:", "các bộ, ngành:", "các đồng chí Giám đốc các Sở:")
# and the prefix its items take.
_LIST = re.compile(
    r"\bcác\s+(?P<kind>bộ|sở|ban|cục|vụ|hội|đoàn thể)(?:\s*,\s*(?:ngành|cơ quan|ban|đơn vị))*"
    r"(?:\s+(?:ngành|liên quan|có liên quan))?\s*:\s*",
    re.IGNORECASE,
)
_PREFIX = {"bộ": "Bộ", "sở": "Sở", "ban": "Ban", "cục": "Cục", "vụ": "Vụ", "hội": "Hội"}
# Short names that are not "<kind> <name>" (folded short name → full name by kind).
_SPECIAL: dict[str, dict[str, str]] = {
    "sở": {
        "cong an": "Công an tỉnh",
        "quan su": "Bộ Chỉ huy Quân sự tỉnh",
        "bien phong": "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "bo doi bien phong": "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "ngan hang nha nuoc": "Ngân hàng Nhà nước chi nhánh tỉnh",
    },
    "bộ": {
        "ngan hang nha nuoc": "Ngân hàng Nhà nước Việt Nam",
        "ngan hang nha nuoc viet nam": "Ngân hàng Nhà nước Việt Nam",
    },
}
# Items that already name their kind stay as printed.
_OWN_KIND = re.compile(
    r"^(?:bộ|sở|ban|cục|vụ|ủy ban|uỷ ban|ubnd|văn phòng|hội|tổ chức|ngân hàng|thanh tra|"
    r"công an (?:tỉnh|thành phố)|bộ chỉ huy|đài|báo|liên đoàn|tỉnh đoàn|đoàn|mặt trận|các|cơ quan|"
    r"tòa án|viện kiểm sát|kho bạc|cục thuế|bảo hiểm)\b",
    re.IGNORECASE,
)
# Short names holding "và" or a comma, which must not be cut there (folded).
JOINED_NAMES = (
    "lao dong, thuong binh va xa hoi",
    "lao dong - thuong binh va xa hoi",
    "van hoa, the thao va du lich",
    "van hoa - the thao va du lich",
    "thong tin va truyen thong",
    "ke hoach va dau tu",
    "tai nguyen va moi truong",
    "khoa hoc va cong nghe",
    "giao duc va dao tao",
    "nong nghiep va phat trien nong thon",
    "nong nghiep va moi truong",
    "dan toc va ton giao",
    "xay dung va giao thong",
    "giao thong va van tai",
)
# Where a list ends: a sentence mark, a bracket, or words that are no more names.
_END = re.compile(r"[.;()]|\s(?:và các|và cơ quan|chủ trì|phối hợp|tham mưu|thực hiện)\b")


def expand(text: str) -> str:
    """``text`` with each shorthand list written out in full names.

    >>> expand("các Bộ: Quốc phòng, Công an")
    'Bộ Quốc phòng, Bộ Công an'
    """
    out, pos = [], 0
    for m in _LIST.finditer(text):
        if m.start() < pos:
            continue
        kind = m.group("kind").lower()
        end_m = _END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        items = split_names(text[m.end() : end])
        # the list ends at the first item that is no short name ("thành phố …", "đại diện …")
        short = next((i for i, item in enumerate(items) if not item[:1].isupper()), len(items))
        names = [_full(kind, item) for item in items[:short]]
        rest = text[m.end() : end]
        if short < len(items):
            at = rest.find(items[short])
            end = m.end() + (at if at >= 0 else len(rest))
        joined = ", ".join(n for n in names if n)
        out += [text[pos : m.start()], joined + (", " if short < len(items) else "")]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def split_names(text: str) -> list[str]:
    """The short names of a list, cut at commas and "và" but not inside a known name."""
    pieces = [p.strip() for p in re.split(r"\s*,\s*", text.strip(" ,"))]
    merged: list[str] = []
    for piece in pieces:  # "Lao động, Thương binh và Xã hội": rejoin what a comma cut
        if merged and any(
            fold(f"{merged[-1]}, {piece}") in name or fold(f"{merged[-1]}, {piece}").endswith(name)
            for name in JOINED_NAMES
            if "," in name
        ):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    out: list[str] = []
    for piece in merged:
        out += _split_and(piece)
    return [p for p in out if p]


def _split_and(piece: str) -> list[str]:
    """ "Công an và Tư pháp" → two names; "Kế hoạch và Đầu tư" stays one."""
    key = fold(piece)
    if " va " not in key or key in JOINED_NAMES:
        return [piece]
    for name in JOINED_NAMES:
        if key.endswith(f" va {name}"):
            cut = len(piece) - len(name) - 4
            return [*_split_and(piece[:cut].strip()), piece[cut + 4 :].strip()]
        if key.startswith(f"{name} va "):
            cut = len(name)
            return [piece[:cut].strip(), *_split_and(piece[cut + 4 :].strip())]
    head, _, tail = piece.rpartition(" và ")
    return [*_split_and(head), tail] if head else [piece]


def _full(kind: str, item: str) -> str:
    item = item.strip(" .:")
    if not item or _OWN_KIND.match(item):
        return item
    special = _SPECIAL.get(kind, {}).get(fold(item))
    if special:
        return special
    if "," in item:  # "Lao động, Thương binh và Xã hội": the dash spelling, one name
        item = re.sub(r"\s*,\s*", " - ", item, count=1)
    return f"{_PREFIX.get(kind, kind.capitalize())} {item}"
