"""Saved web pages (.html, .htm) from legal and provincial portals: the document, not the page.

- Menus, banners, forms, scripts and the like are dropped (by tag, and by class or id
  names such as ``menu``, ``nav``, ``banner``, ``footer``), and so are loading notices
  ("Đang tải nội dung").
- The document is the smallest element that holds most of the page's text outside links
  (the largest text block); its paragraphs become lines and its tables tables (a cell
  spanning rows repeated in each, marked merged; one spanning columns written once).
- A small two-column table without a header (the form's issuer | national motto block) is
  read column by column, as the text of such a document prints it.
- The page's address (``<link rel=canonical>``, ``og:url`` or the "saved from url" comment
  a browser writes) and title go into ``meta``.
"""

from __future__ import annotations

import re
from pathlib import Path

from loaders.base import SourceText
from loaders.lines import TextBuilder, cell_text
from migkg.errors import InputError
from migkg.text import fold

DROP_TAGS = frozenset(
    "script style noscript nav aside form iframe svg button select input "
    "textarea template object embed canvas menu dialog".split()
)
BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol section article main blockquote pre dd dt dl center "
    "address figure figcaption hr br tr".split()
)
CONTAINERS = frozenset("div article section main td body".split())
_NOISE = re.compile(
    r"(^|[\s_-])(menu|nav|navbar|banner|breadcrumbs?|sidebar|share|social|"
    r"comments?|advert|ads|login|search|related|popup|cookie|toolbar)($|[\s_-])",
    re.IGNORECASE,
)
LOADING = ("dang tai", "loading", "vui long cho")  # "Đang tải nội dung…", "Vui lòng chờ…"
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)", re.IGNORECASE)


def read_html(path: Path, text: str, meta: dict[str, str] | None = None) -> SourceText:
    """The document text of a saved page, its tables as tables, its address and title."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"not a readable HTML page ({exc})") from None
    facts = page_facts(root, text)
    for el in list(root.iter()):
        if el.getparent() is not None and _is_noise(el):
            el.drop_tree()
    body = root.find("body")
    out = TextBuilder("html")
    _Walker(out).walk(main_block(body if body is not None else root))
    return out.source(path, "text/html", {**(meta or {}), **facts})


def _parser():
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=False, no_network=True)


def page_facts(root, text: str) -> dict[str, str]:
    """The page's address and title, as the page states them."""
    facts: dict[str, str] = {}
    url = root.xpath("string(//link[@rel='canonical']/@href)") or root.xpath(
        "string(//meta[@property='og:url']/@content)"
    )
    if not url:
        m = _SAVED_FROM.search(text[:4000])
        url = m.group(1) if m else ""
    if url.strip():
        facts["source_url"] = url.strip()
    title = root.xpath("string(//meta[@property='og:title']/@content)") or root.xpath(
        "string(//title)"
    )
    if cell_text(title):
        facts["title"] = cell_text(title)
    return facts


def _is_noise(el) -> bool:
    if not isinstance(el.tag, str):
        return False  # comments and processing instructions are skipped when walking
    if el.tag in ("header", "footer"):
        # the site's header and footer, not those of an article (its title, its signature)
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    if el.tag in DROP_TAGS:
        return True
    names = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
    return bool(names.strip()) and bool(_NOISE.search(names))


def _own_text(el) -> int:
    """Characters of text under ``el`` outside links."""
    total = len(" ".join(el.itertext()).split())
    links = sum(len(" ".join(a.itertext()).split()) for a in el.iter("a"))
    return total - links


def main_block(el):
    """The smallest element that holds at least 70% of the text of the one above it."""
    while True:
        total = _own_text(el)
        best = None
        for child in el.iterchildren():
            if isinstance(child.tag, str) and child.tag in CONTAINERS | {"table", "tbody", "tr"}:
                if total and _own_text(child) >= 0.7 * total:
                    best = child
                    break
        if best is None or best.tag in ("table", "tbody", "tr"):
            return el
        el = best


class _Walker:
    """Turns an element tree into lines and tables, in document order."""

    def __init__(self, out: TextBuilder) -> None:
        self.out = out
        self.buf: list[str] = []

    def flush(self) -> None:
        text = cell_text("".join(self.buf))
        self.buf = []
        if text and not (len(text) < 60 and fold(text).strip(" .…").startswith(LOADING)):
            self.out.line(text)

    def walk(self, el) -> None:
        if not isinstance(el.tag, str):
            self.buf.append(el.tail or "")
            return
        if el.tag == "table":
            self.flush()
            self.table(el)
            self.buf.append(el.tail or "")
            return
        block = el.tag in BLOCKS
        if block:
            self.flush()
        self.buf.append(el.text or "")
        for child in el.iterchildren():
            self.walk(child)
        if block:
            self.flush()
        self.buf.append(el.tail or "")

    def table(self, tbl) -> None:
        rows, header = table_rows(tbl)
        width = max((len(r) for r in rows), default=0)
        if width <= 2 and len(rows) <= 4 and not header:
            # a layout block (issuer | motto): each column's lines, the left one first
            trs = [tr for tr in tbl.iter("tr") if _closest_table(tr) is tbl]
            grid = [[c for c in tr.iterchildren() if c.tag in ("td", "th")] for tr in trs]
            for col in range(width):
                for cells in grid:
                    if col < len(cells):
                        self.flush()
                        self.buf.append(cells[col].text or "")
                        for child in cells[col].iterchildren():
                            self.walk(child)
                        self.flush()
            return
        self.out.table(rows, header=max(header, 1))


def table_rows(tbl) -> tuple[list[list[tuple[str, bool]]], int]:
    """An HTML table as rows of (text, merged) by column, and its count of header rows."""
    trs = [tr for tr in tbl.iter("tr") if _closest_table(tr) is tbl]
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still to fill)
    rows: list[list[tuple[str, bool]]] = []
    header = 0
    for tr in trs:
        row: list[tuple[str, bool]] = []
        col = 0
        cells = [c for c in tr.iterchildren() if c.tag in ("td", "th")]
        if cells and all(c.tag == "th" for c in cells) and len(rows) == header:
            header += 1
        for cell in cells:
            col = _fill_pending(row, col, pending)
            text = cell_text(" ".join(_cell_text(cell)))
            rowspan = _int(cell.get("rowspan"))
            colspan = _int(cell.get("colspan"))
            row.append((text, False))
            if rowspan > 1:
                pending[col] = (text, rowspan - 1)
            row.extend(("", False) for _ in range(colspan - 1))
            col += colspan
        _fill_pending(row, col, pending, to_end=True)
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend(("", False) for _ in range(width - len(row)))
    return rows, header


def _fill_pending(row, col: int, pending, to_end: bool = False) -> int:
    """Put the copies of cells spanning down from above into this row, from ``col`` on."""
    while col in pending or (to_end and any(c >= col for c in pending)):
        if col in pending:
            text, left = pending[col]
            row.append((text, True))
            if left > 1:
                pending[col] = (text, left - 1)
            else:
                del pending[col]
        else:
            row.append(("", False))
        col += 1
    return col


def _cell_text(cell) -> list[str]:
    """A cell's text pieces; a nested table's rows each end with a semicolon."""
    parts: list[str] = []
    if cell.text:
        parts.append(cell.text)
    for child in cell.iterchildren():
        if isinstance(child.tag, str) and child.tag == "table":
            for row in table_rows(child)[0]:
                parts.append(" ".join(t for t, _ in row if t) + ";")
        elif isinstance(child.tag, str):
            pad = " " if child.tag in BLOCKS else ""
            parts.append(pad + "".join(child.itertext()) + pad)
        if child.tail:
            parts.append(child.tail)
    return parts


def _closest_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
