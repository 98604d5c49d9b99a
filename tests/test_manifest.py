"""A corpus manifest (or a text's front matter) says what a file does not say itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS

from graph.build import build_dataset, note_ignored
from loaders import manifest, pipeline
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG

NEWS = [
    "Tập huấn công tác lãnh sự và bảo hộ công dân năm 2024",
    "",
    "Ngày 15/6/2024, Sở Ngoại vụ tổ chức Hội nghị tập huấn công tác lãnh sự và bảo hộ công "
    "dân cho cán bộ các huyện, thị xã, thành phố trong tỉnh.",
    "",
    "Tham dự Hội nghị có đại diện Công an tỉnh, Sở Tư pháp và Ủy ban nhân dân các huyện.",
]
MANIFEST = (
    "file,source_url,publisher,province,date,doc_type\n"
    "tin-tap-huan.txt,https://songoaivu.thanhhoa.gov.vn/tin/1,Sở Ngoại vụ,Thanh Hóa,"
    "2024-06-15,news\n"
)


def folder_with(tmp_path: Path, manifest_text: str = MANIFEST) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tin-tap-huan.txt").write_text("\n".join(NEWS) + "\n", encoding="utf-8")
    (corpus / "manifest.csv").write_text(manifest_text, encoding="utf-8")
    return corpus


def test_the_manifest_row_travels_with_the_file(tmp_path: Path) -> None:
    corpus = folder_with(tmp_path)
    files = pipeline.corpus_files(corpus)
    assert [p.name for p in files] == ["tin-tap-huan.txt"]  # the manifest is not a document
    ignored = BuildReport()
    note_ignored(corpus, files, ignored)
    assert ignored.warnings == []  # nor a file of an unsupported type
    facts = manifest.for_file(files[0])
    assert facts == {
        "source_url": "https://songoaivu.thanhhoa.gov.vn/tin/1",
        "publisher": "Sở Ngoại vụ",
        "province": "Thanh Hóa",
        "date": "2024-06-15",
        "doc_type": "news",
    }
    report = BuildReport()
    ds = pipeline.load_corpus(files, Resolver(Gazetteer.load()), report)
    assert report.readers == {"tin-tap-huan.txt": {"reader": "text"}}
    doc = iris.document("tin-tap-huan")
    graph = ds.graph(doc)
    assert graph.value(doc, DCTERMS.source) == URIRef("https://songoaivu.thanhhoa.gov.vn/tin/1")
    assert graph.value(doc, MKG.extractionMethod) == Literal("text")
    assert graph.value(doc, MKG.ocrConfidence) is None


def test_the_file_says_first_the_manifest_fills_in(tmp_path: Path) -> None:
    from loaders.reading import read_source

    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><title>Trang</title><link rel="canonical" href="https://a.gov.vn/1">'
        "</head><body><p>Kế hoạch số 12/KH-UBND</p></body></html>",
        encoding="utf-8",
    )
    source = read_source(path, {"source_url": "https://b.gov.vn/2", "province": "Cà Mau"})
    assert source.meta["source_url"] == "https://a.gov.vn/1"
    assert source.meta["province"] == "Cà Mau"


def test_front_matter_is_read_and_its_lines_left_blank(tmp_path: Path) -> None:
    from loaders.reading import read_source

    path = tmp_path / "ke-hoach.md"
    body = ["KẾ HOẠCH", "Triển khai Quyết định số 402/QĐ-TTg"]
    path.write_text(
        "---\nprovince: Cà Mau\ndate: 2020-05-04\nsource_url: https://camau.gov.vn/kh\n---\n"
        + "\n".join(body)
        + "\n",
        encoding="utf-8",
    )
    source = read_source(path)
    assert source.meta == {
        "province": "Cà Mau",
        "date": "2020-05-04",
        "source_url": "https://camau.gov.vn/kh",
    }
    assert source.lines == ["", "", "", "", "", *body]  # line numbers as the file has them


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("file,region\na.txt,x\n", 1, "unknown manifest column 'region'"),
        ("source_url\nhttps://a\n", 1, "no 'file' column"),
        ("file,date\na.txt,2024-01-01\nb.txt,15/6/2024\n", 3, "not an ISO date"),
        ("file,province\na.txt,Cà Mau\na.txt,Huế\n", 3, "listed twice"),
    ],
)
def test_a_bad_manifest_is_refused_naming_its_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        manifest.load(path)
    assert str(err.value).startswith(f"{path}:{line}: ") and words in str(err.value)


def test_the_manifest_province_places_a_bare_provincial_body(tmp_path: Path) -> None:
    """A news item says only "Sở Ngoại vụ"; its manifest row says it is from Thanh Hóa."""
    ds = build_dataset(folder_with(tmp_path), BuildReport())
    organisers = set(ds.graph(iris.document("tin-tap-huan")).objects(None, MKG.organiser))
    assert len(organisers) == 1  # "Sở Ngoại vụ tổ chức Hội nghị …"
    (body,) = organisers
    placed = {p for g in ds.graphs() for p in g.objects(body, MKG.province)}
    assert placed == {iris.province("Thanh Hóa")}
