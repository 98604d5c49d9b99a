"""PDF files: the text layer read with pdfplumber, pages without one read by OCR.

Text pages: words placed on the page become lines in reading order and tables found from
their ruling lines become rows and cells (``loaders.layout``: page headers, footers and
page numbers dropped, wrapped lines joined without breaking numbers, dates or symbols, a
table row that goes on over a page break joined to its row). A page with no text layer is
rendered and read by Tesseract (``loaders.ocr_reader``); the source is then named as read
by ``ocr``, with each OCR'd line's confidence.

Before anything is parsed the file is bounded: its size, its number of pages, the size of
its pages and how far its page contents expand when unpacked (a decompression bomb is
refused, naming the file). An encrypted PDF is refused unless it opens with no password.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from pathlib import Path

from loaders import layout, wrapping
from loaders.base import SourceText
from loaders.lines import TextBuilder, cell_text
from migkg.errors import InputError
from migkg.text import nfc

MEDIA_TYPE = "application/pdf"
MAX_BYTES = 100 * 1024 * 1024
MAX_PAGES = 2000
MAX_CONTENT = 64 * 1024 * 1024  # unpacked page content streams, all pages together
MAX_RATIO = 100  # unpacked contents / file size, once contents pass 8 MB
MAX_PAGE_SIDE = 5000  # points (about 1.75 m): larger pages are not documents


def read_pdf(path: Path, raw: bytes, meta: dict[str, str] | None = None) -> SourceText:
    """The lines and tables of a PDF, in reading order."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    check_pdf(path, raw)
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    pages: list[layout.Page] = []
    scanned = 0
    facts: dict[str, str] = {}
    try:
        with pdfplumber.open(io.BytesIO(raw)) as pdf:
            title = (pdf.metadata or {}).get("Title")
            if isinstance(title, str) and cell_text(title):
                facts["title"] = cell_text(title)
            for page in pdf.pages:
                if page.chars:
                    pages.append(text_page(page))
                else:
                    pages.append(scanned_page(path, page))
                    scanned += 1
    except InputError:
        raise
    except (PDFSyntaxError, ValueError, KeyError, TypeError, OSError, AssertionError) as exc:
        raise InputError(path, f"not a readable PDF ({_reason(exc)})") from None
    layout.drop_running_heads(pages, facts.get("title"))
    out = TextBuilder("ocr" if scanned else "pdf")
    layout.render(pages, out)
    if scanned == len(pages) and not any(line.strip() for line in out.lines):
        raise InputError(path, "PDF has no text layer and OCR found no text on its pages")
    if scanned:
        out.note(None, f"{scanned} of {len(pages)} pages had no text layer and were read by OCR")
    return out.source(path, MEDIA_TYPE, {**(meta or {}), **facts})


def check_pdf(path: Path, raw: bytes) -> None:
    """Refuse an encrypted, broken or oversized PDF before reading it."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if len(raw) > MAX_BYTES:
        raise InputError(path, f"PDF is larger than {MAX_BYTES // 2**20} MB")
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(path, "PDF is encrypted: save an unprotected copy")
        count = len(reader.pages)
        if count == 0:
            raise InputError(path, "PDF has no pages")
        if count > MAX_PAGES:
            raise InputError(path, f"PDF has {count} pages (at most {MAX_PAGES})")
        unpacked = 0
        for n, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            if max(float(box.width), float(box.height)) > MAX_PAGE_SIDE:
                raise InputError(path, f"page {n} is larger than {MAX_PAGE_SIDE} points")
            contents = page.get_contents()
            unpacked += len(contents.get_data()) if contents is not None else 0
            if unpacked > MAX_CONTENT or (unpacked > 8 * 2**20 and unpacked > MAX_RATIO * len(raw)):
                raise InputError(
                    path,
                    f"PDF page contents expand past {unpacked // 2**20} MB by page {n} "
                    "(a decompression bomb?)",
                )
    except InputError:
        raise
    except LimitReachedError as exc:
        raise InputError(path, f"PDF stream too large to unpack ({exc})") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise InputError(path, f"not a readable PDF ({_reason(exc)})") from None
    except NotImplementedError as exc:
        raise InputError(path, f"PDF uses what migkg cannot read ({_reason(exc)})") from None


def text_page(page) -> layout.Page:
    """A page with a text layer: its tables from ruling lines, the words outside them."""
    # A row cut by the page break has no rule under it (or over it on the next page): the
    # ends of the column rules stand in for the missing ones.
    verticals = [e for e in page.edges if e["orientation"] == "v"]
    ends = []
    if verticals:
        ends = [min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)]
    found = page.find_tables({"explicit_horizontal_lines": ends})
    # running heads a tagged PDF marks as artifacts (pagination) are not the document
    chars = attach_marks([c for c in page.chars if c.get("tag") != "Artifact"])
    rules = [e["top"] for e in page.edges if e["orientation"] == "h"]
    tables = []
    taken: set[int] = set()
    for t in found:
        rows: list[list[str]] = []
        merged: set[tuple[int, int]] = set()
        for i, row in enumerate(t.rows):
            cells = []
            for j, box in enumerate(row.cells):
                if box is None:
                    # covered by a cell spanning down from above (copied) or from the left
                    above = _spanning_down(t.rows, i, j)
                    cells.append(rows[above][j] if above is not None else "")
                    if above is not None:
                        merged.add((i, j))
                    continue
                inside = [c for c in chars if _within(c, box)]
                taken.update(id(c) for c in inside)
                cells.append(_cell_text(inside))
            rows.append(cells)
        if rows:
            # no rule under the last row: the page break cut it, it goes on overleaf
            cut = not any(abs(y - t.bbox[3]) < 1.5 for y in rules)
            block = layout.TableBlock(rows=rows, top=t.bbox[1], bottom=t.bbox[3], cut=cut)
            block.merged = merged
            tables.append(block)
    placed = _words([c for c in chars if id(c) not in taken and not _in_any(c, _boxes(found))])
    size = sorted(w.bottom - w.top for w in placed)[len(placed) // 2] if placed else 10.0
    return layout.Page(
        width=float(page.width),
        height=float(page.height),
        lines=layout.visual_lines(placed, gap=2.5 * size),
        tables=tables,
    )


def _spanning_down(rows, i: int, j: int) -> int | None:
    """The row whose cell in column ``j`` reaches down over row ``i``, if one does."""
    bottom = rows[i].bbox[3]
    for k in range(i - 1, -1, -1):
        box = rows[k].cells[j]
        if box is not None:
            return k if box[3] >= bottom - 1 else None
    return None


def attach_marks(chars: list[dict]) -> list[dict]:
    """Characters with each combining mark (a font without precomposed Vietnamese letters
    draws ``ệ`` as ``e`` + marks) put on the letter it sits over, in NFC."""
    bases = [dict(c) for c in chars if not _is_mark(c["text"])]
    for mark in (c for c in chars if _is_mark(c["text"])):
        centre = (mark["x0"] + mark["x1"]) / 2
        near = [
            b for b in bases
            if b["text"].strip()
            and abs(b["bottom"] - mark["bottom"]) < 0.8 * max(b["size"], 1.0)
            and b["x0"] - 1 <= centre <= b["x1"] + max(2.0, 0.6 * (b["x1"] - b["x0"]))
        ]  # fmt: skip
        if near:
            base = min(near, key=lambda b: abs((b["x0"] + b["x1"]) / 2 - centre))
            letter = "i" if base["text"] == "ı" else base["text"]  # the dotless i under a mark
            base["text"] = nfc(letter + mark["text"])
    return bases


def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.combining(ch) for ch in text)


def _words(chars: list[dict]) -> list[layout.Word]:
    from pdfplumber.utils import extract_words

    words = extract_words(chars, keep_blank_chars=False, use_text_flow=False)
    return [layout.Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in words]


def _cell_text(chars: list[dict]) -> str:
    """A table cell's lines joined as the printer wrapped them."""
    lines = layout.visual_lines(_words(chars), gap=float("inf"))
    return cell_text(wrapping.join([x.text for x in lines]))


def _within(c: dict, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _boxes(found) -> list[tuple[float, float, float, float]]:
    """The bounding boxes of the tables found on a page."""
    return [t.bbox for t in found]


def _in_any(c: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    return any(_within(c, box) for box in boxes)


def scanned_page(path: Path, page) -> layout.Page:
    """A page with no text layer, rendered at 300 dpi and read by Tesseract."""
    from loaders import ocr_reader

    image = page.to_image(resolution=ocr_reader.DPI).original
    scale = float(page.width) / image.width
    return ocr_reader.ocr_page(path, image, scale=scale)


def _reason(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
