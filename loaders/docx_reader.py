"""Word documents (.docx) as text: paragraphs in order, tables as tab-separated rows.

Tables come out as the text corpus writes them (one row a line, cells separated by
tabs, a merged cell once with empty cells after it), so the table loader finds them
by the same header.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from migkg.errors import InputError


def docx_text(path: Path, raw: bytes) -> str:
    """The text of a .docx file, body paragraphs and tables in document order."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(path, f"not a readable Word document ({_reason(exc)})") from None
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            lines.extend(table_rows(Table(block, document)))
    return "\n".join(lines)


def table_rows(table) -> list[str]:  # type: ignore[no-untyped-def]
    """Each row of a python-docx table as one tab-separated line."""
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            # A cell merged across columns is returned once per column it spans.
            if previous is not None and cell._tc is previous:
                cells.append("")
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        rows.append("\t".join(cells))
    return rows


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
