"""The body of a document read into a tree of nodes, each with its line span.

Below the header come the bases (``Căn cứ …``, ``Thực hiện …``, ``Theo / Xét đề nghị của
…``), then the content: parts (``Phần``, ``Chương``, Roman headings ``I.``), articles
(``Điều 1.``), items (``1.``, ``1.1``), points (``a)``), dash items (``-``, ``+``) and
running paragraphs; tables (rendered one row a line, cells joined by tabs); then the
signature block and the recipients (``Nơi nhận:``). A node holds the lines down to the
next node of its rank or above; a line that starts none continues the open node.
"""

from __future__ import annotations

import re

from loaders.document import Node, NodeKind, Signature, Span, Stated
from loaders.header_block import PERSON_NAME, cells, plain
from migkg.text import fold, squash_spaces

_PART = re.compile(
    r"^(?:(?:phan|chuong|muc)\s+(?P<w>[ivxlc\d]+|thu \S+)\b|"
    r"(?P<r>[ivx]{1,5})\s*(?:[.,:]\s|[-–]\s*\S))"
)
_ARTICLE = re.compile(r"^dieu\s+(?P<n>\d{1,3})\s*[.:]?")
_ITEM = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]?\s+\S")
# A line that opens with the rest of a date ("20 tháng 11 năm 2019;") goes on from the
# line above ("Căn cứ Bộ Luật Lao động ngày"): it is no numbered item.
_DATE_GOES_ON = re.compile(r"^\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}")
_POINT = re.compile(r"^(?P<l>[a-zđ])\s*\)\s*")
_DASH = re.compile(r"^[-+•–]\s*")
# "Để (tiếp tục) thực hiện …", "Nhằm triển khai thực hiện …" open a preamble as "Thực hiện"
# does; a saved page may glue "Theo" to "đề nghị" ("Theođề nghị của …")
_BASIS = re.compile(
    r"^(?:(?:de|nham)(?: tiep tuc)?(?: trien khai)? )?"
    r"(?:can cu|thuc hien|th\S{1,3} hi\S{1,2}n|theo ?de nghi|xet ?de nghi|theo ?to trinh)"
)
_ENACTING = re.compile(r"^(?:quyet dinh|quyet nghi|nghi dinh|chi thi|ket luan|thong tu)\s*:?\s*$")
_RECIPIENTS = re.compile(r"^noi nhan\s*:?")
_CAPACITY = re.compile(r"^(?:kt|tm|tl|tuq|q)\s*\.\s*")
_SIGN_ROLE = re.compile(
    r"^(?:pho )?(?:chu tich|thu tuong|bo truong|chanh van phong|giam doc|bi thu|truong ban|"
    r"chu nhiem|thu truong|tong bi thu|tong cuc truong|cuc truong|vu truong)\b"
)
_RANK: dict[str, float] = {
    "part": 1,
    "article": 2,
    "item": 3,
    "point": 5,
    "dash": 6,
    "paragraph": 7,
}


def parse_body(
    lines: list[str], start: int, end: int
) -> tuple[Node, Signature | None, list[Stated]]:
    """The body tree of lines ``start``..``end`` (1-based), its signature and recipients."""
    root = Node("document", Span(start, max(start, end)))
    stack: list[tuple[float, Node]] = [(0, root)]
    signature: Signature | None = None
    recipients: list[Stated] = []
    in_content = False
    blank = False
    k = start
    while k <= end:
        raw = lines[k - 1]
        text = _text(raw)
        if not text:
            blank = True
            k += 1
            continue
        after_blank, blank = blank, False
        key = fold(text)
        if _RECIPIENTS.match(key):
            row = cells(raw)
            if len(row) > 1 and _CAPACITY.match(fold(row[1])) and signature is None:
                # a saved page's two columns on one line: recipients | signature
                signature = Signature(Span(k, k), capacity=row[1])
            k = _recipients(lines, k, end, root, recipients)
            stack = [(0, root)]
            continue
        sig = _signature_at(lines, k, end, key, text)
        if sig is not None:
            signature = sig
            root.children.append(Node("signature", sig.span, text=sig.role or ""))
            stack = [(0, root)]
            k = sig.span.end + 1
            continue
        if "\t" in raw:
            k = _table(lines, k, end, stack)
            continue
        kind, label = _kind(key, text)
        if kind == "paragraph" and not in_content and _BASIS.match(key):
            kind = "basis"
        if _ENACTING.match(key) and (key.endswith(":") or text.isupper()):
            # "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:" (or in capitals without the colon): the bases end
            root.children.append(Node("paragraph", Span(k, k), text=text))
            stack = [(0, root)]
            in_content = True
            _grow(stack, k)
            k += 1
            continue
        if (
            kind == "paragraph"
            and stack[-1][1].kind == "basis"
            and not re.search(r"[;.:,]$", stack[-1][1].text)
        ):
            _extend(stack, k, text)  # a basis carried over a line break
            k += 1
            continue
        if kind != "basis":  # whatever follows the bases stands beside them, not in them
            while len(stack) > 1 and stack[-1][1].kind == "basis":
                stack.pop()
        if kind in ("part", "article"):
            in_content = True
        if after_blank and kind == "paragraph" and stack[-1][1].kind == "paragraph":
            stack.pop()  # a paragraph after a blank line is a paragraph of its own
        elif kind == "paragraph" and stack[-1][1].kind not in _HOLDERS:
            _extend(stack, k, text)  # a sentence carried over a line break or a page
            k += 1
            continue
        rank = _rank(kind, label, key, stack)
        while len(stack) > 1 and stack[-1][0] >= rank:
            stack.pop()
        node = Node(kind, Span(k, k), label=label, text=text)
        stack[-1][1].children.append(node)
        _grow(stack, k)
        stack.append((rank, node))
        k += 1
    return root, signature, recipients


# Nodes a paragraph goes under rather than continues.
_HOLDERS = ("document", "part", "article", "basis")


def _text(raw: str) -> str:
    """A line's text without marks, and without the ``|`` of a saved page's cells."""
    return plain(raw).strip(" |")


def _rank(kind: str, label: str | None, key: str, stack: list[tuple[float, Node]]) -> float:
    """How deep a node sits: Phần/Chương above articles; a Roman heading inside an open
    article (a decision's Điều 1 that holds the plan) below it; ``1.1`` below ``1.``."""
    if kind == "basis":
        return 1
    if kind == "part" and not key.startswith(("phan", "chuong", "muc")):
        if any(node.kind == "article" for _r, node in stack):
            return 2.5
    if kind == "item" and label:
        return 3 + label.count(".") * 0.5
    return _RANK.get(kind, 7)


def _kind(key: str, text: str) -> tuple[NodeKind, str | None]:
    m = _ARTICLE.match(key)
    if m:
        return "article", f"Điều {m.group('n')}"
    m = _PART.match(key)
    if m and (m.group("r") is None or text[: len(m.group("r"))].isupper()):
        return "part", (m.group("w") or m.group("r") or "").upper()
    m = _ITEM.match(key)
    if m and not _DATE_GOES_ON.match(key):
        return "item", m.group("n")
    m = _POINT.match(key)
    if m and len(text) > 3:
        return "point", m.group("l")
    if _DASH.match(text):
        return "dash", None
    return "paragraph", None


def _grow(stack: list[tuple[float, Node]], k: int) -> None:
    """Stretch every open node's span down to line ``k``."""
    for _rank, node in stack:
        if node.span.end < k:
            node.span = Span(node.span.start, k)


def _extend(stack: list[tuple[float, Node]], k: int, text: str) -> None:
    node = stack[-1][1]
    node.text = squash_spaces(f"{node.text} {text}")
    _grow(stack, k)


def _table(lines: list[str], k: int, end: int, stack: list[tuple[float, Node]]) -> int:
    """A run of tab-separated lines as one table node under the open node."""
    first = k
    while k <= end and ("\t" in lines[k - 1] or not lines[k - 1].strip()):
        k += 1
    last = k - 1
    while last > first and not lines[last - 1].strip():
        last -= 1
    node = Node("table", Span(first, last))
    parent = stack[-1][1] if stack[-1][1].kind in ("document", "part", "article") else stack[0][1]
    while stack and stack[-1][1] is not parent:
        stack.pop()
    parent.children.append(node)
    _grow(stack, last)
    return last + 1


def _signature_at(lines: list[str], k: int, end: int, key: str, text: str) -> Signature | None:
    """A signature block starting at line ``k``: capacity, office held, the signer's name."""
    if not (_CAPACITY.match(key) or (_SIGN_ROLE.match(key) and text.isupper())):
        return None
    if len(key.split()) > 10:
        return None
    capacity = role = name = None
    last = k
    j = k
    while j <= min(end, k + 10):
        t = _text(lines[j - 1])
        if not t:
            j += 1
            continue
        tk = fold(t)
        if _CAPACITY.match(tk) and role is None:  # "TM. CHÍNH PHỦ" / "KT. THỦ TƯỚNG"
            capacity = squash_spaces(f"{capacity or ''} {t}")
        elif capacity is not None and _CAPACITY.fullmatch(fold(capacity)) and role is None:
            capacity = f"{capacity} {t}"  # "TM." / "ỦY BAN NHÂN DÂN" printed on two lines
        elif (_SIGN_ROLE.match(tk) or t.isupper()) and name is None and len(tk.split()) <= 10:
            role = squash_spaces(f"{role or ''} {t}")
        elif PERSON_NAME.match(t) and not t.isupper():
            name, last = t, j
            break
        elif t.startswith(("(", "[")):  # "(Đã ký)", "(ký tên, đóng dấu)"
            pass
        else:
            break
        last = j
        j += 1
    rest = [t for t in lines[last:end] if _text(t)]
    if name is None and capacity is None and (rest or role is None):
        return None  # an upper-case line with no signer under it: the preamble's authority
    return Signature(Span(k, last), capacity=capacity, role=role, name=name)


def _recipients(lines: list[str], k: int, end: int, root: Node, out: list[Stated]) -> int:
    """``Nơi nhận:`` and the dash lines under it (or the text after its colon)."""
    first = k
    after = (cells(lines[k - 1]) or [""])[0].split(":", 1)
    if len(after) == 2 and after[1].strip(" -;."):
        out.append(Stated(after[1].strip(" -;."), k))
    j = k + 1
    last = k
    prev = ""
    while j <= end:
        t = (cells(lines[j - 1]) or [""])[0]
        if not t:
            j += 1
            continue
        ended = bool(re.search(r"[;.:]$", prev))
        prev = t
        if not _DASH.match(t):
            if out and not ended and not t.isupper():  # an entry carried over a line
                out[-1] = Stated(squash_spaces(f"{out[-1].value} {t}").strip(" ;."), out[-1].line)
                last = j
                j += 1
                continue
            break
        out.append(Stated(_DASH.sub("", t).strip(" ;."), j))
        last = j
        j += 1
    root.children.append(Node("recipients", Span(first, last), text="Nơi nhận"))
    return last + 1
