"""Word documents (.docx): paragraphs and tables in body order, tables cell by cell.

- A cell merged across columns is written once, with empty cells after it (the columns
  keep their places); a cell merged down several rows (a lead agency shared by three tasks)
  is repeated in each row it spans and marked ``merged``.
- A table nested in a cell is read into that cell's text, row by row.
- Header rows marked to repeat on each page count as the table's header.
- Footnotes are kept apart: after the body, one a line as ``[n] text``; their markers are
  left out of the body text.
- The package is checked before it is opened: size, number of parts, expansion ratio and
  number of paragraphs are bounded, so a decompression bomb is refused, not unpacked.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from loaders.base import SourceText
from loaders.lines import TextBuilder, cell_text
from migkg.errors import InputError

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Bounds that no real administrative document comes near.
MAX_UNPACKED = 200 * 1024 * 1024  # bytes, all parts together
MAX_RATIO = 200  # unpacked / packed, for any part larger than 1 MB unpacked
MAX_PARTS = 5000
MAX_PARAGRAPHS = 200_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_docx(path: Path, raw: bytes, meta: dict[str, str] | None = None) -> SourceText:
    """The text of a .docx: body paragraphs and tables in order, then its footnotes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_package(path, raw)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable Word document ({_reason(exc)})") from None
    body = document.element.body
    if sum(1 for _ in body.iter(f"{_W}p")) > MAX_PARAGRAPHS:
        raise InputError(path, f"Word document has more than {MAX_PARAGRAPHS} paragraphs")
    out = TextBuilder("docx")
    for block in blocks(body):
        if block.tag == f"{_W}p":
            out.line(paragraph_text(block))
        else:
            rows, header = table_rows(block)
            out.table(rows, header=header)
    notes = footnotes(document)
    if notes:
        out.blank()
        for number, text in notes:
            out.line(f"[{number}] {text}")
    return out.source(path, MEDIA_TYPE, meta)


def blocks(parent):
    """The paragraphs and tables of the body in order, inside content controls too."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from blocks(child)


def check_package(path: Path, raw: bytes) -> None:
    """Refuse what is not a Word package, or would unpack to far more than it weighs."""
    if raw.startswith(OLE_MAGIC):
        raise InputError(
            path, "an encrypted or old-format (.doc) Word file: save it as an unprotected .docx"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(path, f"not a readable Word document ({_reason(exc)})") from None
    if len(infos) > MAX_PARTS:
        raise InputError(path, f"Word package has {len(infos)} parts (at most {MAX_PARTS})")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise InputError(
            path,
            f"Word package would unpack to {total // 2**20} MB (at most {MAX_UNPACKED // 2**20})",
        )
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > 2**20 and ratio > MAX_RATIO:
            raise InputError(
                path,
                f"Word package part {info.filename} expands {ratio} times (a decompression bomb?)",
            )


def paragraph_text(p) -> str:
    """A paragraph's text: its runs, tabs as spaces, breaks as spaces, footnote marks left out."""
    parts: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        elif el.tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append(" ")
    return "".join(parts)


def table_rows(tbl) -> tuple[list[list[str | tuple[str, bool]]], int]:
    """A Word table as rows of cells by grid column, and how many header rows it has."""
    rows: list[list[str | tuple[str, bool]]] = []
    above: dict[int, str] = {}  # grid column → text of the cell a vertical merge continues
    header = 0
    counting_header = True
    for tr in tbl.iterchildren(f"{_W}tr"):
        trpr = tr.find(f"{_W}trPr")
        repeats = trpr is not None and trpr.find(f"{_W}tblHeader") is not None
        if counting_header and repeats:
            header += 1
        else:
            counting_header = False
        row: list[str | tuple[str, bool]] = []
        col = 0
        for tc in tr.iterchildren(f"{_W}tc"):
            span, vmerge = _cell_props(tc)
            if vmerge == "continue":
                row.append((above.get(col, ""), True))
            else:
                text = cell_content(tc)
                above[col] = text
                row.append(text)
            row.extend("" for _ in range(span - 1))
            col += span
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    for row in rows:
        row.extend("" for _ in range(width - len(row)))
    return rows, max(header, 1)


def cell_content(tc) -> str:
    """A cell's paragraphs joined by spaces; a nested table read row by row into it."""
    parts: list[str] = []
    for child in blocks(tc):
        if child.tag == f"{_W}p":
            parts.append(paragraph_text(child))
        elif child.tag == f"{_W}tbl":
            nested, _ = table_rows(child)
            for row in nested:
                texts = [c[0] if isinstance(c, tuple) else c for c in row]
                parts.append(" ".join(t for t in texts if t.strip()) + ";")
    return cell_text(" ".join(p for p in parts if p.strip()))


def _cell_props(tc) -> tuple[int, str | None]:
    """(grid span, vertical merge: 'restart', 'continue' or None) of a cell."""
    span, vmerge = 1, None
    tcpr = tc.find(f"{_W}tcPr")
    if tcpr is not None:
        gs = tcpr.find(f"{_W}gridSpan")
        if gs is not None:
            try:
                span = max(1, int(gs.get(f"{_W}val", "1")))
            except ValueError:
                span = 1
        vm = tcpr.find(f"{_W}vMerge")
        if vm is not None:
            vmerge = vm.get(f"{_W}val") or "continue"
    return span, vmerge


def footnotes(document) -> list[tuple[str, str]]:
    """The document's footnotes (id, text), the separator notes Word adds left out."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        part = document.part.part_related_by(RT.FOOTNOTES)
    except KeyError:
        return []
    from lxml import etree

    root = etree.fromstring(part.blob, parser=etree.XMLParser(resolve_entities=False))
    out: list[tuple[str, str]] = []
    for note in root.iterchildren(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = cell_text(" ".join(paragraph_text(p) for p in note.iter(f"{_W}p")))
        if text:
            out.append((note.get(f"{_W}id", "?"), text))
    return out


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
