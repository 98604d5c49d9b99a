"""Reference facts: conventions and Viet Nam's status, Vietnamese instruments, GCM objectives.

Expected values were read from data/reference/*.csv and the corpus.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from expect import lang_of
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from loaders import reference
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import ID, MKG

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return reference.to_graph()


def integer(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


# key, class, adopted, vn_status, vn_year, reference status
CONVENTIONS = [
    ("ILO-C105", MKG.Convention, 1957, "ratified", 2020, "confirmed"),
    ("ILO-C087", MKG.Convention, 1948, "not ratified", None, "confirmed"),
    ("ILO-P029", MKG.Convention, 2014, "unconfirmed", None, "unconfirmed"),
    ("ILO-C181", MKG.Convention, 1997, "unconfirmed", None, "unconfirmed"),
    ("ILO-C029", MKG.Convention, 1930, "ratified", 2007, "confirmed"),
    ("ILO-C098", MKG.Convention, 1949, "ratified", 2019, "confirmed"),
    ("ICMW", MKG.Convention, 1990, "not party", None, "confirmed"),
    ("UNTOC-SOM", MKG.Convention, 2000, "not party", None, "confirmed"),
    ("UNTOC-TIP", MKG.Convention, 2000, "acceded", 2012, "confirmed"),
    ("STATELESS-1954", MKG.Convention, 1954, "not party", None, "confirmed"),
    ("PARIS", MKG.Convention, 2015, "ratified", 2016, "to verify"),
    ("GCM", MKG.Instrument, 2018, "endorsed (non-binding)", 2018, "confirmed"),
    ("GCR", MKG.Instrument, 2018, "endorsed (non-binding)", 2018, "confirmed"),
    ("AGENDA2030", MKG.Instrument, 2015, "adopted (non-binding)", 2015, "to verify"),
]


@pytest.mark.parametrize(("key", "cls", "adopted", "status", "year", "sure"), CONVENTIONS)
def test_conventions_with_viet_nams_status(
    graph: Graph, key: str, cls, adopted: int, status: str, year: int | None, sure: str
) -> None:
    node = iris.instrument(key)
    assert (node, RDF.type, cls) in graph
    assert (node, RDF.type, MKG.Instrument) in graph
    if cls == MKG.Instrument:
        assert (node, RDF.type, MKG.Convention) not in graph
    assert (node, MKG.adoptedYear, integer(adopted)) in graph
    assert (node, MKG.vnStatus, Literal(status)) in graph
    if year is None:
        assert (node, MKG.vnStatusYear, None) not in graph
    else:
        assert (node, MKG.vnStatusYear, integer(year)) in graph
    assert list(graph.objects(node, MKG.referenceStatus)) == [Literal(sure)]
    assert (node, MKG.statusSource, None) in graph
    assert (node, DCTERMS.source, None) in graph


def test_convention_iris_titles_bodies_and_notes(graph: Graph) -> None:
    c087 = ID["instrument/ilo-c087"]
    assert c087 == iris.instrument("ILO-C087")
    title = (
        "Freedom of Association and Protection of the Right to Organise Convention, 1948 (No. 87)"
    )
    assert (c087, RDFS.label, Literal(title, lang="en")) in graph
    assert (c087, MKG.treatyBody, Literal("ILO")) in graph
    assert (c087, RDFS.comment, None) in graph
    c105 = iris.instrument("ILO-C105")
    # conventions.csv, ILO-C105: its sources column names VNA and ILO news
    (source,) = graph.objects(c105, MKG.statusSource)
    assert "vnanet.vn" in str(source) and "ILO news 10 Jun 2020" in str(source)
    c098 = iris.instrument("ILO-C098")
    assert (c098, MKG.vnStatusDate, Literal(dt.date(2019, 7, 5), datatype=XSD.date)) in graph
    assert (ID["instrument/gcm"], MKG.treatyBody, Literal("UN")) in graph
    assert (ID["instrument/paris"], MKG.treatyBody, Literal("UNFCCC")) in graph


def test_vietnamese_names_as_the_corpus_prints_them(graph: Graph) -> None:
    gcm = ID["instrument/gcm"]
    vi = "Thỏa thuận toàn cầu về Di cư hợp pháp, an toàn và trật tự"  # 000:12
    assert (gcm, RDFS.label, Literal(vi, lang="vi")) in graph
    paris = "Thỏa thuận Paris về biến đổi khí hậu"  # 000:268
    assert (ID["instrument/paris"], RDFS.label, Literal(paris, lang="vi")) in graph
    # UNTOC-TIP is not named in the corpus: no Vietnamese name is made up for it
    labels = graph.objects(iris.instrument("UNTOC-TIP"), RDFS.label)
    assert {lang_of(lit) for lit in labels} == {"en"}


def test_vietnamese_instruments(graph: Graph) -> None:
    d402 = ID["instrument/402-qd-ttg"]
    assert (d402, RDF.type, MKG.Instrument) in graph
    assert (d402, MKG.number, Literal("402/QĐ-TTg")) in graph
    assert (d402, MKG.documentType, Literal("Quyết định", lang="vi")) in graph
    assert (d402, MKG.dateIssued, Literal(dt.date(2020, 3, 20), datatype=XSD.date)) in graph
    assert (d402, MKG.issuedBy, iris.agency("prime-minister")) in graph
    r225 = iris.instrument("225/NQ-CP")
    assert (r225, MKG.issuedBy, iris.agency("government")) in graph
    assert (r225, MKG.referenceStatus, Literal("confirmed")) in graph
    law = iris.instrument("69/2020/QH14")
    assert (law, MKG.issuedBy, iris.agency("national-assembly")) in graph
    assert (law, MKG.dateIssued, Literal(dt.date(2020, 11, 13), datatype=XSD.date)) in graph
    for number in ("16-CT/TW", "20-CT/TW"):
        node = iris.instrument(number)
        assert (node, MKG.issuedBy, iris.agency("party-secretariat")) in graph
        assert (node, MKG.documentType, Literal("Chỉ thị", lang="vi")) in graph
        assert (node, DCTERMS.source, None) in graph


def test_directive_20_is_preceded_by_16_not_repealing_it(graph: Graph) -> None:
    d20, d16 = ID["instrument/20-ct-tw"], ID["instrument/16-ct-tw"]
    assert (d20, MKG.precededBy, d16) in graph
    assert (d16, MKG.precededBy, d20) not in graph
    assert (d16, DCTERMS.isReplacedBy, None) not in graph


def test_23_gcm_objectives(graph: Graph) -> None:
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == 23
    scheme = reference.OBJECTIVES_SCHEME
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    gcm = ID["instrument/gcm"]
    for n in range(1, 24):
        node = ID[f"gcm-objective/{n}"]
        assert node in concepts
        assert (node, SKOS.inScheme, scheme) in graph
        assert (node, SKOS.notation, Literal(str(n))) in graph
        assert (node, DCTERMS.isPartOf, gcm) in graph
        assert (node, DCTERMS.source, None) in graph
    first = (
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies"
    )
    assert (ID["gcm-objective/1"], SKOS.prefLabel, Literal(first, lang="en")) in graph
    last = "Strengthen international cooperation and global partnerships for safe, orderly and regular migration"  # noqa: E501
    assert (ID["gcm-objective/23"], SKOS.prefLabel, Literal(last, lang="en")) in graph


def test_the_reference_copy_is_faithful() -> None:
    # the checked reference facts sit beside the project's folder, in shared/reference
    shared = Path(__file__).resolve().parents[2] / "shared" / "reference"
    if not shared.is_dir():
        pytest.skip("no shared reference folder beside the project")
    for path in shared.glob("*.csv"):
        assert (REFERENCE / path.name).read_bytes() == path.read_bytes(), path.name


def _copy(tmp_path: Path) -> Path:
    for path in REFERENCE.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def test_a_bad_year_names_the_file_and_line(tmp_path: Path) -> None:
    ref = _copy(tmp_path)
    path = ref / "conventions.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",1930,", ",nineteen-thirty,")  # the ILO-C029 row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        reference.to_graph(reference_dir=ref)
    assert "conventions.csv:4" in str(err.value)
    assert "nineteen-thirty" in str(err.value)


def test_a_missing_column_is_refused(tmp_path: Path) -> None:
    ref = _copy(tmp_path)
    path = ref / "gcm_objectives.csv"
    text = path.read_text(encoding="utf-8").replace("number,title_en", "no,title_en", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        reference.to_graph(reference_dir=ref)
    assert "gcm_objectives.csv:1" in str(err.value)
    assert "number" in str(err.value)


def test_an_issuer_the_gazetteer_lacks_is_kept_as_text_only(tmp_path: Path) -> None:
    ref = _copy(tmp_path)
    path = ref / "instruments_vn.csv"
    text = path.read_text(encoding="utf-8").replace(",Government,", ",Ministry of Tourism,", 1)
    path.write_text(text, encoding="utf-8")
    graph = reference.to_graph(reference_dir=ref)
    r225 = iris.instrument("225/NQ-CP")
    assert (r225, SKOS.note, Literal("issuer: Ministry of Tourism", lang="en")) in graph
    assert (r225, MKG.issuedBy, None) not in graph
    d402 = iris.instrument("402/QĐ-TTg")
    assert (d402, MKG.issuedBy, iris.agency("prime-minister")) in graph
