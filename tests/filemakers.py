"""Small files in the formats and encodings migkg reads, made on the spot for tests."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258_bytes(text: str) -> bytes:
    """Encode Vietnamese text in Windows-1258 as Windows writes it: tones as combining marks.

    Letters the code page lacks precomposed (``ệ``, ``ợ`` …) become their base letter
    (``ê``, ``ơ``) followed by a combining tone mark.
    """
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        tones = "".join(c for c in parts if c in _TONES)
        out += (base + tones).encode("cp1258")
    return bytes(out)


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    """A .docx with the paragraphs, then a table (first row is the header) if given."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    document.save(str(path))
    return path


def write_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF whose text layer holds ``lines`` (any Unicode, via a ToUnicode map).

    The font is a CID font without glyphs: viewers show boxes, but the text layer,
    which is all migkg reads, is exact.
    """
    chars = sorted({c for line in lines for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    content = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        hexs = "".join(f"{cid[c]:04X}" for c in line)
        content.append(f"<{hexs}> Tj T*")
    content.append("ET")
    stream = "\n".join(content).encode("ascii")
    bfchars = "\n".join(f"<{cid[c]:04X}> <{_utf16_hex(c)}>" for c in chars)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{bfchars}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Plain /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Plain "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R /DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /Plain /Flags 32 /FontBBox [0 0 500 700] "
        b"/ItalicAngle 0 /Ascent 700 /Descent 0 /CapHeight 700 /StemV 80 >>",
    ]
    return _write_objects(path, objects)


def write_pdf_without_text(path: Path) -> Path:
    """A one-page PDF that only draws a rectangle: no text layer, as a scan."""
    stream = b"0 0 0 rg 100 100 200 200 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _write_objects(path, objects)


def _utf16_hex(c: str) -> str:
    return c.encode("utf-16-be").hex().upper()


def _write_objects(path: Path, objects: list[bytes]) -> Path:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


# --- an appendix table in every format, from the lines of a shipped text file ------------

CHROMIUM = "/usr/bin/chromium"
_TAGS = re.compile(r"</?b>|\*\*")


@dataclass
class Appendix:
    """An appendix table as the text file prints it: title lines, header, rows of cells.

    Rows split over a page break in the text (continuation lines starting with a tab) are
    joined back into one row; the header repeated after a page break is dropped.
    """

    title: list[str]
    header: list[str]
    rows: list[list[str]]


def appendix_of(path: Path, start: int, end: int | None = None) -> Appendix:
    """The appendix table printed on lines ``start``..``end`` of a text file."""
    lines = path.read_text(encoding="utf-8").splitlines()[start - 1 : end]
    title: list[str] = []
    header: list[str] | None = None
    rows: list[list[str]] = []
    for line in lines:
        if not line.strip():
            continue
        cells = [_TAGS.sub("", c).strip() for c in line.split("\t")]
        if header is None:
            if cells[0] == "STT":
                header = cells
            else:
                title.append(_TAGS.sub("", line).strip("# "))
            continue
        if cells == header or len(cells) == 1:
            continue
        cells += [""] * (len(header) - len(cells))
        if not cells[0] and rows:  # the rest of the row above, after a page break
            rows[-1] = [
                " ".join(p for p in (a, b) if p) for a, b in zip(rows[-1], cells, strict=False)
            ]
        else:
            rows.append(cells[: len(header)])
    assert header is not None, f"no table header in {path.name} from line {start}"
    return Appendix(title, header, rows)


def appendix_docx(path: Path, table: Appendix, merge_column: int) -> tuple[Path, list[int]]:
    """The appendix as a Word table, a header repeated on each page, and the first run of
    consecutive rows sharing one value in ``merge_column`` merged into a single cell.

    Returns the path and the indexes (in ``table.rows``) of the merged rows.
    """
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    for text in table.title:
        document.add_paragraph(text)
    t = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    t.style = "Table Grid"
    for r, row in enumerate([table.header, *table.rows]):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    trpr = t.rows[0]._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))
    run = _first_run(table.rows, merge_column)
    top = t.cell(1 + run[0], merge_column)
    merged = top.merge(t.cell(1 + run[-1], merge_column))
    merged.text = table.rows[run[0]][merge_column]  # the text once, not once per row
    document.save(str(path))
    return path, run


def _first_run(rows: list[list[str]], column: int) -> list[int]:
    for i in range(len(rows) - 1):
        j = i
        while j + 1 < len(rows) and rows[j + 1][column] == rows[i][column] and rows[i][column]:
            j += 1
        if j > i:
            return list(range(i, j + 1))
    raise AssertionError("no two consecutive rows share a value in that column")


def appendix_html(table: Appendix, *, saved_from: str = "") -> str:
    """The appendix as a web page: title paragraphs and a ruled table with a <thead>
    (which Chromium repeats on each printed page; a row may break across pages).

    ``saved_from`` adds the comment a browser writes when it saves a page, a menu, a
    banner and a loading notice.
    """
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.header)
    rows_html = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in table.rows
    )
    title = "".join(f"<p>{html.escape(t)}</p>" for t in table.title)
    noise = ""
    if saved_from:
        noise = (
            '<div class="menu"><a href="/">Trang chủ</a> <a href="/vb">Văn bản</a></div>'
            '<div id="banner">Cổng thông tin điện tử</div><p>Đang tải nội dung...</p>'
        )
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Phụ lục</title>"
        "<style>body{font-family:'DejaVu Serif',serif;font-size:12px}"
        "table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #000;padding:3px;vertical-align:top}</style></head><body>"
        f"{noise}<div class='content'>{title}<table><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows_html}</tbody></table></div></body></html>"
    )
    if saved_from:
        page = f"<!-- saved from url=({len(saved_from):04d}){saved_from} -->\n" + page
    return page


def appendix_markdown(table: Appendix) -> str:
    """The appendix as markdown: title lines, then a pipe table."""
    out = [*table.title, "", "| " + " | ".join(table.header) + " |"]
    out.append("|" + "|".join("---" for _ in table.header) + "|")
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


def print_pdf(html_path: Path, pdf_path: Path, *, header_footer: bool = True) -> Path:
    """Print a web page to PDF with Debian's headless Chromium (A4, its page header and
    footer with the date, title, address and page numbers, unless told not to)."""
    args = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        f"--print-to-pdf={pdf_path}",
    ]
    if not header_footer:
        args.append("--no-pdf-header-footer")
    subprocess.run([*args, html_path.as_uri()], check=True, capture_output=True, timeout=120)
    assert pdf_path.exists() and pdf_path.stat().st_size > 0
    return pdf_path


def render_png(pdf_path: Path, png_path: Path, page: int = 1, dpi: int = 200) -> Path:
    """One page of a PDF as a greyscale PNG image, as a scanner would give it (pdftoppm)."""
    stem = png_path.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(dpi), "-gray", "-png",
         "-singlefile", str(pdf_path), str(stem)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return png_path


# --- wrapped lines in a printed page -------------------------------------------------------

SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def wrapped_html(cases: list[tuple[str, str]], width: int = 640, size: int = 16) -> str:
    """Justified paragraphs, each case ``(head, rest)`` set in a box exactly as wide as
    its first line, which ends with ``head``: the printer must wrap right after it.

    Words ("di cư …") go before ``head`` so that every first line is about ``width``
    pixels long: the lines reach the same right margin, as in a printed page. The widths
    are measured with the font Chromium uses (DejaVu Serif, kerning off).
    """
    from PIL import ImageFont

    font = ImageFont.truetype(SERIF, size)
    paras = []
    for head, rest in cases:
        line = head
        while font.getlength("di cư " + line) <= width:
            line = "di cư " + line
        box = font.getlength(line) + 1
        paras.append(f'<p style="width:{box:.2f}px">{html.escape(line)} {html.escape(rest)}</p>')
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Tờ trình</title><style>"
        f"p{{font-family:'DejaVu Serif';font-size:{size}px;font-kerning:none;"
        "text-align:justify;margin:0 0 1.5em 0}</style></head><body>"
        + "".join(paras)
        + "</body></html>"
    )


def text_image(path: Path, lines: list[str], size: int = 40) -> Path:
    """A white image with ``lines`` drawn in DejaVu Sans (as a scanned note), or blank."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1800, 120 + 90 * max(len(lines), 1)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", size)
    for i, line in enumerate(lines):
        draw.text((80, 60 + 90 * i), line, fill=0, font=font)
    image.save(path)
    return path


# --- bad and hostile files ---------------------------------------------------------------


def write_encrypted_pdf(path: Path, password: str = "mật-khẩu") -> Path:
    """A PDF of one line that opens only with a password (RC4/AES by pypdf)."""
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_name("plain-" + path.name), ["Kế hoạch số 12/KH-UBND"])
    writer = PdfWriter()
    for page in PdfReader(plain).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "!")
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def write_docx_bomb(path: Path, megabytes: int = 60) -> Path:
    """A real .docx with one extra part of ``megabytes`` MB of zeros, deflated to almost
    nothing: it would unpack to far more than it weighs."""
    import zipfile

    good = write_docx(path.with_name("good-" + path.name), ["Kế hoạch"])
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        out.writestr("word/media/padding.bin", bytes(megabytes * 2**20))
    return path


def write_pdf_bomb(path: Path, megabytes: int = 20) -> Path:
    """A one-page PDF whose content stream inflates from a few kB to ``megabytes`` MB."""
    import zlib

    stream = zlib.compress(b" " * (megabytes * 2**20), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return _write_objects(path, objects)


def write_docx_with_notes(path: Path) -> Path:
    """A .docx with a footnote on its first paragraph, a table whose first row repeats on
    each page, and a table nested in one of its cells."""
    import docx
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    first = document.add_paragraph("Căn cứ Luật Xuất cảnh, nhập cảnh của công dân Việt Nam")
    ref = OxmlElement("w:r")
    mark = OxmlElement("w:footnoteReference")
    mark.set(qn("w:id"), "1")
    ref.append(mark)
    first._p.append(ref)
    document.add_paragraph("Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:")
    table = document.add_table(rows=3, cols=3)
    for c, text in enumerate(["STT", "Nội dung", "Cơ quan chủ trì"]):
        table.cell(0, c).text = text
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Tập huấn cho cán bộ cấp xã"
    table.cell(1, 2).text = "Sở Ngoại vụ"
    table.cell(2, 0).text = "2"
    table.cell(2, 1).text = "Rà soát số liệu theo địa bàn:"
    nested = table.cell(2, 1).add_table(rows=2, cols=2)
    for r, row in enumerate([["Huyện", "Số người"], ["Cái Nước", "120"]]):
        for c, text in enumerate(row):
            nested.cell(r, c).text = text
    table.cell(2, 2).text = "Công an tỉnh"
    notes = (
        f"<w:footnotes {nsdecls('w')}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1"><w:p><w:r><w:t>Luật số 49/2019/QH14 ngày 22/11/2019.</w:t>'
        "</w:r></w:p></w:footnote></w:footnotes>"
    )
    parse_xml(notes)  # well-formed, or the maker is wrong
    part = Part(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.encode(), document.part.package
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(str(path))
    return path


def write_png_bomb(path: Path, side: int = 100_000) -> Path:
    """A PNG that declares ``side`` x ``side`` pixels in a few hundred bytes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + bytes((side + 7) // 8)
    data = zlib.compress(row * 16, 9)  # only the first rows: the header is what matters
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )
    return path
