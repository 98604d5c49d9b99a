"""Images of pages (.png, .jpg, .tif) and scanned PDF pages, read by Tesseract.

Tesseract runs with its Vietnamese model (Debian packages ``tesseract-ocr`` and
``tesseract-ocr-vie``) through pytesseract. Each word comes with Tesseract's confidence;
each line gets the mean of its words' (0..1), kept in ``SourceText.confidence`` so that
what was read from an image is known as such. Where a table's ruling lines are visible
they are found from the image (rows and columns of dark pixels spanning the table), wiped
before the page is read, and the words are put back into the cells they fall in. An
image with no text is refused, naming the file.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import replace
from pathlib import Path

from loaders import layout
from loaders.base import SourceText
from loaders.lines import TextBuilder
from migkg.errors import InputError
from migkg.text import nfc

DPI = 300
LANG = "vie"
MAX_PIXELS = 60_000_000  # about an A3 page at 600 dpi; larger images are refused
MIN_CONFIDENCE = 0.30  # words Tesseract is less sure of than this are dropped as noise
RULE = 0.5  # a ruling line: at least this share as dark as the table's longest rule
MIN_TABLE = 0.2  # a table's border runs across at least this share of the page


def read_image(path: Path, raw: bytes, meta: dict[str, str] | None = None) -> SourceText:
    """The text of an image of a page, read by OCR."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # a decompression bomb warns at open: refuse it instead
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(raw))
        with img:
            if img.width * img.height > MAX_PIXELS:
                raise InputError(path, f"image has {img.width}x{img.height} pixels (too large)")
            frames = []
            for n in range(min(getattr(img, "n_frames", 1), 200)):
                img.seek(n)
                frames.append(img.convert("L"))
    except InputError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise InputError(
            path, f"image is too large to read (a decompression bomb?): {exc}"
        ) from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise InputError(path, f"not a readable image ({exc})") from None
    pages = [ocr_page(path, frame) for frame in frames]
    layout.drop_running_heads(pages)
    out = TextBuilder("ocr")
    layout.render(pages, out)
    if not any(line.strip() for line in out.lines):
        raise InputError(path, "no text found in the image (OCR read nothing)")
    return out.source(path, "image/png", meta)


def ocr_page(path: Path, image, scale: float = 1.0) -> layout.Page:
    """One page image → placed words (in ``scale`` units per pixel) and tables."""
    import pytesseract

    gray = image.convert("L")
    rows, cols = rules(gray)
    joined: tuple[set[tuple[int, int]], set[tuple[int, int]]] = (set(), set())
    if len(rows) >= 2 and len(cols) >= 2:
        joined = spans(gray, rows, cols)
        gray = wipe(gray, rows, cols)
    try:
        data = pytesseract.image_to_data(
            gray, lang=LANG, config="--psm 3", output_type=pytesseract.Output.DICT
        )
    except pytesseract.TesseractNotFoundError:
        raise InputError(
            path, "Tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-vie)"
        ) from None
    except pytesseract.TesseractError as exc:
        raise InputError(path, f"OCR failed ({exc.message.strip()[:120]})") from None
    words = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if not text.strip() or conf < 100 * MIN_CONFIDENCE:
            continue
        x, y, w, h = (data[k][i] for k in ("left", "top", "width", "height"))
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        box = (x * scale, (x + w) * scale, y * scale, (y + h) * scale)
        words.append(layout.Word(unglue(text), *box, conf=conf / 100, line=line))
    page = layout.Page(width=gray.width * scale, height=gray.height * scale)
    if len(rows) >= 2 and len(cols) >= 2:
        grid = ([r * scale for r in rows], [c * scale for c in cols])
        table, words = grid_table(words, *grid, *joined)
        reread_empty_cells(gray, table, rows, cols, joined[0] | joined[1])
        page.tables.append(table)
    heights = sorted(w.bottom - w.top for w in words)
    size = heights[len(heights) // 2] if heights else 10.0
    page.lines = layout.visual_lines(words, gap=2.5 * size)
    return page


def unglue(token: str) -> str:
    """A word the OCR read without its inner spaces split into syllables (``loaders.restore``)."""
    from loaders.restore import split_glued

    m = re.fullmatch(r"(\W*)(.*?)(\W*)", nfc(token))
    if m is None or not m.group(2):
        return token
    return m.group(1) + split_glued(m.group(2)) + m.group(3)


def rules(gray) -> tuple[list[int], list[int]]:
    """The y of each horizontal and the x of each vertical ruling line of a table."""
    from PIL import Image

    dark = gray.point(lambda v: 255 if v < 128 else 0)
    across = dark.resize((1, dark.height), Image.Resampling.BOX).tobytes()
    longest = max(across, default=0)
    if longest < 255 * MIN_TABLE:
        return [], []  # no line runs across a fifth of the page: no ruled table
    # rules: thin runs of rows at least half as dark as the longest (the table's border),
    # so a rule broken by a cell spanning rows still counts; a line of text is thick
    rows = _centres([y for y, v in enumerate(across) if v >= longest * RULE], thin=12)
    if len(rows) < 2:
        return rows, []
    x0, x1 = _extent(dark, rows[0])
    band = dark.crop((x0, rows[0], x1, rows[-1] + 1))
    down = band.resize((band.width, 1), Image.Resampling.BOX).tobytes()
    cols = [x0 + x for x in _centres([x for x, v in enumerate(down) if v >= 255 * 0.75])]
    if cols:
        # a row cut by the page's end has no rule under it: the column rules end there
        end = _rule_end(dark, cols, rows[-1])
        if end - rows[-1] > 20:
            rows.append(end)
    return rows, cols


def _rule_end(dark, cols: list[int], start: int) -> int:
    """How far down the column rules run below ``start`` (the median of their ends)."""
    ends = []
    for x in cols:
        y = start
        while y + 1 < dark.height and any(
            dark.getpixel((min(max(x + d, 0), dark.width - 1), y + 1)) for d in (-2, -1, 0, 1, 2)
        ):
            y += 1
        ends.append(y)
    return sorted(ends)[len(ends) // 2]


def _centres(hits: list[int], thin: int | None = None) -> list[int]:
    """Runs of adjacent pixel rows (or columns) → the centre of each run (of the runs no
    thicker than ``thin``, when given)."""
    runs: list[list[int]] = []
    for h in hits:
        if runs and h - runs[-1][-1] <= 2:
            runs[-1].append(h)
        else:
            runs.append([h])
    return [sum(r) // len(r) for r in runs if thin is None or len(r) <= thin]


def _extent(dark, y: int) -> tuple[int, int]:
    """Where the rule at height ``y`` starts and ends (the table's left and right)."""
    line = (
        dark.crop((0, max(y - 1, 0), dark.width, y + 2))
        .resize((dark.width, 1), _box_filter())
        .tobytes()
    )
    inked = [x for x, v in enumerate(line) if v >= 128]
    return (max(inked[0] - 5, 0), min(inked[-1] + 6, dark.width)) if inked else (0, dark.width)


def _box_filter():
    from PIL import Image

    return Image.Resampling.BOX


def wipe(gray, rows: list[int], cols: list[int]):
    """The image with the table's ruling lines painted white (they confuse the OCR)."""
    from PIL import ImageDraw

    img = gray.copy()
    draw = ImageDraw.Draw(img)
    for y in rows:
        draw.rectangle((cols[0] - 3, y - 3, cols[-1] + 3, y + 3), fill=255)
    for x in cols:
        draw.rectangle((x - 3, rows[0] - 3, x + 3, rows[-1] + 3), fill=255)
    return img


def reread_empty_cells(
    gray, table: layout.TableBlock, rows: list[int], cols: list[int], spanned: set
) -> None:
    """Read again, alone, a cell with ink in it where the page's OCR found no word (a lone
    row number is easily lost among the page's text)."""
    import pytesseract
    from PIL import Image

    for r in range(len(rows) - 1):
        for c in range(len(cols) - 1):
            if table.rows[r][c] or (r, c) in spanned:
                continue
            crop = gray.crop((cols[c] + 5, rows[r] + 5, cols[c + 1] - 5, rows[r + 1] - 5))
            if crop.width < 8 or crop.height < 8:
                continue
            if sum(crop.histogram()[:128]) < 30:
                continue  # (almost) no dark pixel: nothing to read
            framed = Image.new("L", (crop.width + 40, crop.height + 40), 255)
            framed.paste(crop, (20, 20))
            data = pytesseract.image_to_data(
                framed, lang=LANG, config="--psm 6", output_type=pytesseract.Output.DICT
            )
            words = [
                (unglue(t), float(data["conf"][i]) / 100)
                for i, t in enumerate(data["text"])
                if t.strip() and float(data["conf"][i]) >= 100 * MIN_CONFIDENCE
            ]
            if words:
                table.rows[r][c] = " ".join(t for t, _ in words)


def spans(gray, rows: list[int], cols: list[int]) -> tuple[set, set]:
    """Cells with no rule between them and the cell above (``down``) or to the left
    (``right``): one cell spanning rows (a lead agency shared by several tasks) or columns."""
    from PIL import Image

    dark = gray.point(lambda v: 255 if v < 128 else 0)

    def ruled(box: tuple[int, int, int, int], across: bool) -> bool:
        strip = dark.crop(box)
        if strip.width < 4 or strip.height < 4:
            return True
        size = (1, strip.height) if across else (strip.width, 1)
        return max(strip.resize(size, Image.Resampling.BOX).tobytes()) >= 255 * 0.5

    down = {
        (r, c)
        for r in range(1, len(rows) - 1)
        for c in range(len(cols) - 1)
        if not ruled((cols[c] + 8, rows[r] - 3, cols[c + 1] - 8, rows[r] + 4), True)
    }
    right = {
        (r, c)
        for r in range(len(rows) - 1)
        for c in range(1, len(cols) - 1)
        if not ruled((cols[c] - 3, rows[r] + 8, cols[c] + 4, rows[r + 1] - 8), False)
    }
    return down, right


def _anchor(r: int, c: int, down: set, right: set) -> tuple[int, int]:
    """The top-left cell of the merged cell that (r, c) belongs to."""
    while (r, c) in right or (r, c) in down:
        while (r, c) in right:
            c -= 1
        while (r, c) in down:
            r -= 1
    return r, c


def grid_table(
    words: list[layout.Word],
    rows: list[float],
    cols: list[float],
    down: set[tuple[int, int]] | None = None,
    right: set[tuple[int, int]] | None = None,
) -> tuple[layout.TableBlock, list[layout.Word]]:
    """Words inside the grid put into its cells (read line by line); the others returned.

    A merged cell's words all go to its top-left cell; a cell spanning rows is copied into
    each row it covers (marked merged), one spanning columns leaves the others empty.
    """
    from loaders import wrapping

    down, right = down or set(), right or set()
    cells: dict[tuple[int, int], list[layout.Word]] = {}
    outside: list[layout.Word] = []
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        r = next((i for i in range(len(rows) - 1) if rows[i] <= cy < rows[i + 1]), None)
        c = next((i for i in range(len(cols) - 1) if cols[i] <= cx < cols[i + 1]), None)
        if r is None or c is None:
            outside.append(w)
        else:
            cells.setdefault(_anchor(r, c, down, right), []).append(w)
    texts: dict[tuple[int, int], str] = {}
    for key, ws in cells.items():
        # in a cell, lines by position: the OCR's lines may run across the columns
        lines = layout.visual_lines([replace(w, line=None) for w in ws], gap=float("inf"))
        texts[key] = wrapping.join([x.text for x in lines])
    table_rows: list[list[str]] = []
    confs: list[float | None] = []
    merged: set[tuple[int, int]] = set()
    for r in range(len(rows) - 1):
        row: list[str] = []
        for c in range(len(cols) - 1):
            ar, ac = _anchor(r, c, down, right)
            if (ar, ac) == (r, c):
                row.append(texts.get((r, c), ""))
            elif ac == c:  # below the top of a cell spanning rows: a copy
                row.append(texts.get((ar, ac), ""))
                merged.add((r, c))
            else:
                row.append("")
        table_rows.append(row)
        cs = [w.conf for c in range(len(cols) - 1) for w in cells.get((r, c), []) if w.conf]
        confs.append(sum(cs) / len(cs) if cs else None)
    block = layout.TableBlock(rows=table_rows, top=rows[0], bottom=rows[-1], conf=confs)
    block.merged = merged
    return block, outside
