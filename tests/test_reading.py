"""Reading every format and encoding migkg accepts; Vietnamese text survives with every mark."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest
from filemakers import (
    cp1258_bytes,
    print_pdf,
    write_docx,
    write_docx_with_notes,
    write_pdf,
    write_pdf_without_text,
)

from loaders import pipeline, registry
from loaders.base import Segment
from loaders.reading import (
    SUPPORTED_SUFFIXES,
    decode_text,
    read_source,
    split_lines,
    vietnamese_score,
)
from loaders.tasks import Task
from migkg.errors import InputError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Every vowel with every tone, the modified vowels, đ, in both cases.
ALPHABET = (
    "a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị "
    "o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ"
)
LINES = [
    "Bộ Ngoại giao tổ chức Hội nghị sơ kết 5 năm thực hiện Kế hoạch.",
    "Thứ trưởng Lê Thị Thu Hằng; Ủy ban Dân tộc; Đoàn TNCS Hồ Chí Minh",
    ALPHABET,
    ALPHABET.upper(),
]
TEXT = "\n".join(LINES) + "\n"


def test_supported_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".png", ".jpg", ".jpeg", ".tif", ".tiff"
    }  # fmt: skip
    assert pipeline.SUPPORTED == SUPPORTED_SUFFIXES


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_corpus_files_read_line_for_line(path: Path) -> None:
    source = read_source(path)
    assert source.lines == path.read_text(encoding="utf-8").splitlines()
    assert source.media_type == "text/plain"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", TEXT.encode("utf-8")),
        ("utf8-bom.txt", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
        ("utf16-le.txt", TEXT.encode("utf-16")),  # with its byte-order mark
        ("utf16-be.txt", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
        ("utf32.txt", TEXT.encode("utf-32")),
        ("cp1258.txt", cp1258_bytes(TEXT)),
        ("crlf.txt", TEXT.replace("\n", "\r\n").encode("utf-8")),
        ("decomposed.txt", unicodedata.normalize("NFD", TEXT).encode("utf-8")),
        ("notes.md", TEXT.encode("utf-8")),
    ],
)
def test_every_encoding_gives_the_same_nfc_lines(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    source = read_source(path)
    assert source.lines == LINES
    assert all(unicodedata.is_normalized("NFC", line) for line in source.lines)


def test_cp1258_really_uses_combining_tones() -> None:
    # the test's own encoder must write what Windows writes, or the test proves nothing
    raw = cp1258_bytes("Việt Nam được")
    assert b"\xea\xf2" in raw  # ê + combining dot below
    assert raw.decode("cp1258") != "Việt Nam được"  # not NFC as it comes
    assert unicodedata.normalize("NFC", decode_text(raw)) == "Việt Nam được"


@pytest.mark.parametrize("path", sorted(CORPUS.glob("00[0-3]*.txt")), ids=lambda p: p.name[:3])
def test_whole_corpus_files_survive_windows_1258(tmp_path: Path, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    legacy = tmp_path / path.name
    legacy.write_bytes(cp1258_bytes(text))
    assert read_source(legacy).lines == text.splitlines()


@pytest.mark.parametrize("text", ["Việt", "Đà Nẵng", "Bộ", "ở", "người"])
def test_short_windows_1258_words_are_not_taken_for_western(tmp_path: Path, text: str) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes(cp1258_bytes(text))
    assert read_source(path).lines == [text]


def test_real_utf8_is_never_redecoded(tmp_path: Path) -> None:
    # UTF-8 bytes of Vietnamese would also decode, as nonsense, in a single-byte code page
    path = tmp_path / "utf8.txt"
    path.write_bytes("Việt Nam — “GCM” đợt 1\n".encode())
    assert read_source(path).lines == ["Việt Nam — “GCM” đợt 1"]


def test_western_text_in_windows_1252_is_read_as_such(tmp_path: Path) -> None:
    path = tmp_path / "western.txt"
    path.write_bytes("Però, così: ça coûte 5 €\n".encode("cp1252"))
    assert read_source(path).lines == ["Però, così: ça coûte 5 €"]


def test_vietnamese_spelling_score() -> None:
    assert vietnamese_score("Việt Nam được đồng ý") == 1.0
    # Windows-1258 bytes read as Windows-1252: "Viêòt", "ðýõòc"
    assert vietnamese_score(cp1258_bytes("Việt Nam được").decode("cp1252")) < 0.5


def test_split_lines_only_on_line_breaks() -> None:
    assert split_lines("a\u2028b\x0cc\r\nd\re\n") == ["a\u2028b\x0cc", "d", "e"]


def test_docx_paragraphs_and_table_rows(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "plan.docx",
        ["QUYẾT ĐỊNH", "Ban hành Kế hoạch triển khai Thỏa thuận toàn cầu về di cư", ALPHABET],
        [
            ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp"],
            ["1.1", "Tổ chức phổ biến, tập huấn", "Bộ Ngoại giao", "Hội Liên hiệp Phụ nữ Việt Nam"],
        ],
    )
    source = read_source(path)
    assert source.lines == [
        "QUYẾT ĐỊNH",
        "Ban hành Kế hoạch triển khai Thỏa thuận toàn cầu về di cư",
        ALPHABET,
        "STT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp",
        "1.1\tTổ chức phổ biến, tập huấn\tBộ Ngoại giao\tHội Liên hiệp Phụ nữ Việt Nam",
    ]
    assert source.media_type.endswith("wordprocessingml.document")


def test_docx_merged_cells_keep_their_columns(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for c, value in enumerate(["STT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]):
        table.cell(0, c).text = value
    group = table.cell(1, 1).merge(table.cell(1, 3))  # a group row spanning three columns
    table.cell(1, 0).text = "2"
    group.text = "Thu thập thông tin, dữ liệu về di cư"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_source(path).lines[-1] == "2\tThu thập thông tin, dữ liệu về di cư\t\t"


def test_docx_table_is_found_by_the_table_loader(tmp_path: Path) -> None:
    """A plan typed in Word: the table loader finds its rows by the same header as in text."""
    path = write_docx(
        tmp_path / "plan.docx",
        ["PHỤ LỤC", "NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH"],
        [
            ["STT", "Nội dung công việc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả dự kiến",
             "Thời gian hoàn thành dự kiến"],
            ["1", "Tuyên truyền về di cư an toàn", "", "", "", ""],
            ["1.1", "Tổ chức tập huấn cho cán bộ", "Bộ Ngoại giao", "Bộ Tư pháp", "Hội nghị",
             "2024-2025"],
        ],
    )  # fmt: skip
    source = read_source(path)
    segment = Segment(
        source=source,
        start=1,
        end=len(source.lines),
        kind="instrument",
        number="999/QĐ-TTg",
        plan_number="999/QĐ-TTg",
    )
    rows = {getattr(f, "code", None): f for f in registry.get("table").parse(segment)}
    row = rows["1.1"]
    assert isinstance(row, Task), row
    assert row.lead == "Bộ Ngoại giao"
    assert row.start == 5  # two paragraphs, the header row, the group row


def test_pdf_text_layer(tmp_path: Path) -> None:
    # a blank line between the long lines: each is its own paragraph, not a wrapped one
    path = write_pdf(tmp_path / "plan.pdf", [*LINES[:3], "", LINES[3]])
    source = read_source(path)
    assert [line.strip() for line in source.lines if line.strip()] == LINES
    assert source.media_type == "application/pdf"
    assert source.reader == "pdf"


def test_pdf_without_text_layer_and_no_text_to_read_is_refused(tmp_path: Path) -> None:
    path = write_pdf_without_text(tmp_path / "scan.pdf")
    with pytest.raises(InputError) as err:
        read_source(path)
    message = str(err.value)
    assert message.startswith(str(path)) and "no text layer" in message
    assert "\n" not in message


def test_pdf_that_is_not_a_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not really a PDF\n")
    with pytest.raises(InputError) as err:
        read_source(path)
    assert str(err.value).startswith(str(path))


def test_docx_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_text("plain text under a Word name", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_source(path)
    assert str(err.value).startswith(str(path)) and "Word document" in str(err.value)


def test_docx_footnotes_apart_nested_tables_in_their_cell(tmp_path: Path) -> None:
    source = read_source(write_docx_with_notes(tmp_path / "notes.docx"))
    assert source.reader == "docx"
    assert source.lines[0] == "Căn cứ Luật Xuất cảnh, nhập cảnh của công dân Việt Nam"
    assert source.lines[-1] == "[1] Luật số 49/2019/QH14 ngày 22/11/2019."
    assert source.lines[-2] == ""
    (table,) = source.tables
    assert table.header == 1  # its first row repeats on each page
    assert table.rows[2].texts == [
        "2",
        "Rà soát số liệu theo địa bàn: Huyện Số người; Cái Nước 120;",
        "Công an tỉnh",
    ]
    assert source.lines[table.rows[2].span.start - 1] == "\t".join(table.rows[2].texts)


ISSUER_AND_MOTTO = """<html><head><meta charset="utf-8"><style>
body{font-family:'DejaVu Serif';font-size:14px} td{text-align:center;padding:0 20px}
</style></head><body><table><tr>
<td>ỦY BAN NHÂN DÂN<br>TỈNH CÀ MAU<br>Số: 12/KH-UBND</td>
<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>
<i>Cà Mau, ngày 4 tháng 5 năm 2020</i></td></tr></table>
<p style="text-align:center"><b>KẾ HOẠCH</b></p>
<p>Giao Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh, Sở Tư pháp và các cơ quan liên quan
tham mưu cho Ủy ban nhân dân tỉnh triển khai thực hiện Quyết định số 402/QĐ-TTg ngày 20
tháng 3 năm 2020 của Thủ tướng Chính phủ.</p></body></html>"""
HEADER_LINES = [
    "ỦY BAN NHÂN DÂN",
    "TỈNH CÀ MAU",
    "Số: 12/KH-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Cà Mau, ngày 4 tháng 5 năm 2020",
    "KẾ HOẠCH",
]


def test_pdf_issuer_beside_motto_is_read_column_by_column(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(ISSUER_AND_MOTTO, encoding="utf-8")
    source = read_source(print_pdf(page, tmp_path / "plan.pdf", header_footer=False))
    assert source.lines[: len(HEADER_LINES)] == HEADER_LINES
    # the paragraph, wrapped by the printer, is one line again
    assert source.lines[len(HEADER_LINES)].endswith(
        "ngày 20 tháng 3 năm 2020 của Thủ tướng Chính phủ."
    )


def test_saved_page_reads_the_header_block_and_spanning_cells(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        ISSUER_AND_MOTTO.replace(
            "</body>",
            "<table><tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th></tr>"
            "<tr><td>1</td><td>Tập huấn</td><td rowspan='2'>Sở Ngoại vụ</td></tr>"
            "<tr><td>2</td><td>Rà soát</td></tr>"
            "<tr><td>3</td><td colspan='2'>Nhóm nhiệm vụ khác</td></tr></table></body>",
        ),
        encoding="utf-8",
    )
    source = read_source(path)
    assert source.lines[: len(HEADER_LINES)] == HEADER_LINES
    (table,) = source.tables
    assert [c.text for c in table.rows[2].cells] == ["2", "Rà soát", "Sở Ngoại vụ"]
    assert table.rows[2].cells[2].merged and not table.rows[1].cells[2].merged
    assert table.rows[3].texts == ["3", "Nhóm nhiệm vụ khác", ""]


SPANNING = """<html><head><meta charset="utf-8"><style>body{font-family:'DejaVu Serif';
font-size:13px} table{border-collapse:collapse} td,th{border:1px solid #000;padding:3px}
</style></head><body><table>
<tr><th>STT</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Thời gian</th></tr>
<tr><td>1</td><td>Tập huấn cho cán bộ</td><td rowspan="3">Sở Ngoại vụ</td><td>2024</td></tr>
<tr><td>2</td><td>Rà soát số liệu</td><td>2025</td></tr>
<tr><td>3</td><td>Báo cáo kết quả</td><td>2026</td></tr>
<tr><td>4</td><td colspan="2">Nhóm nhiệm vụ khác</td><td>2027</td></tr></table></body></html>"""


def test_pdf_cell_spanning_rows_applies_to_each(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    page.write_text(SPANNING, encoding="utf-8")
    source = read_source(print_pdf(page, tmp_path / "plan.pdf", header_footer=False))
    (table,) = source.tables
    leads = [(r.cells[2].text, r.cells[2].merged) for r in table.rows[1:]]
    assert leads == [
        ("Sở Ngoại vụ", False),
        ("Sở Ngoại vụ", True),
        ("Sở Ngoại vụ", True),
        ("", False),
    ]
    assert table.rows[4].texts == ["4", "Nhóm nhiệm vụ khác", "", "2027"]


def test_docx_paragraphs_inside_content_controls_are_read_in_place(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("Kính gửi: Sở Ngoại vụ")
    control = parse_xml(
        f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, control)
    document.add_paragraph("Đề nghị báo cáo trước ngày 15/12.")
    path = tmp_path / "form.docx"
    document.save(str(path))
    assert read_source(path).lines == [
        "Kính gửi: Sở Ngoại vụ",
        "Số: 12/KH-UBND",
        "Đề nghị báo cáo trước ngày 15/12.",
    ]


def test_saved_page_keeps_its_articles_header_and_drops_the_sites(tmp_path: Path) -> None:
    path = tmp_path / "news.html"
    path.write_text(
        "<html><body><header><a href='/'>Cổng thông tin</a> Liên hệ</header>"
        "<nav><a href='/tin'>Tin tức</a></nav><main><article>"
        "<header><h1>Hội nghị tập huấn công tác lãnh sự</h1></header>"
        "<div class='doc-header'>Sở Ngoại vụ tỉnh Thanh Hóa</div>"
        "<p>Ngày 15/6/2024, Sở Ngoại vụ tổ chức Hội nghị tập huấn.</p></article></main>"
        "<footer>Bản quyền thuộc Cổng thông tin điện tử</footer></body></html>",
        encoding="utf-8",
    )
    assert read_source(path).lines == [
        "Hội nghị tập huấn công tác lãnh sự",
        "Sở Ngoại vụ tỉnh Thanh Hóa",
        "Ngày 15/6/2024, Sở Ngoại vụ tổ chức Hội nghị tập huấn.",
    ]
