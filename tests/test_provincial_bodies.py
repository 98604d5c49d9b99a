"""The standard bodies of every province, generated from the reference tables.

Expected facts come from reading data/reference/provinces_2025.csv and
provincial_departments_2025.csv (row named in each comment), not from the program's output.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from expect import present
from rdflib import Literal
from rdflib.namespace import OWL, RDF, RDFS, XSD

from loaders.gazetteer import Gazetteer
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG, ORG

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference"

# bodies every province has (the standard list of provincial_departments_2025.csv with scope
# "all provinces", and the bodies outside the People's Committee)
EVERYWHERE = [
    "ubnd", "van-phong-ubnd", "hdnd", "cong-an", "bo-chi-huy-quan-su",
    "bo-chi-huy-bo-doi-bien-phong", "tinh-uy", "ban-to-chuc-tinh-uy", "ban-dan-van-tinh-uy",
    "ban-tuyen-giao-tinh-uy", "ban-noi-chinh-tinh-uy", "uy-ban-kiem-tra-tinh-uy", "uy-ban-mttq",
    "hoi-lien-hiep-phu-nu", "tinh-doan", "hoi-nong-dan", "lien-doan-lao-dong",
    "hoi-cuu-chien-binh", "ban-quan-ly-khu-kinh-te", "bao-hiem-xa-hoi",
    "so-noi-vu", "so-tu-phap", "so-tai-chinh", "so-cong-thuong", "so-nong-nghiep-va-moi-truong",
    "so-xay-dung", "so-khoa-hoc-va-cong-nghe", "so-van-hoa-the-thao-va-du-lich",
    "so-giao-duc-va-dao-tao", "so-y-te", "thanh-tra", "so-ngoai-vu", "so-dan-toc-va-ton-giao",
    "so-lao-dong-thuong-binh-va-xa-hoi", "so-ke-hoach-va-dau-tu",
    "so-thong-tin-va-truyen-thong", "so-tai-nguyen-va-moi-truong",
    "so-nong-nghiep-va-phat-trien-nong-thon", "so-giao-thong-van-tai",
    "cac-so-ban-nganh", "ubnd-cap-huyen",
]  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def full_graph(gazetteer: Gazetteer):
    return gazetteer.to_graph(full=True)


def provinces_in_the_table() -> list[str]:
    with (REFERENCE / "provinces_2025.csv").open(encoding="utf-8", newline="") as fh:
        return [row["province_before"] for row in csv.DictReader(fh)]


def test_the_table_lists_63_provinces() -> None:
    assert len(set(provinces_in_the_table())) == 63


@pytest.mark.parametrize("province", provinces_in_the_table())
def test_every_province_has_the_standard_bodies(gazetteer: Gazetteer, province: str) -> None:
    for slug in EVERYWHERE:
        record = gazetteer.body(province, slug)
        assert record is not None, (province, slug)
        assert record.province == province
        assert record.body == slug


def test_every_department_of_the_table_is_generated(gazetteer: Gazetteer) -> None:
    with (REFERENCE / "provincial_departments_2025.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["scope"] == "all provinces"]
    names = {r["department_after_vi"] for r in rows if r["department_after_vi"]}
    names |= {r["department_before_vi"].split(" (")[0] for r in rows if r["department_before_vi"]}
    generic = {g for r in gazetteer.records() if r.province == "Cà Mau" for g in r.generic_labels}
    for name in names:
        assert name in generic, name


def test_a_department_and_its_labels(gazetteer: Gazetteer, full_graph) -> None:
    record = present(gazetteer.record("ca-mau/so-ngoai-vu"))
    assert str(record.iri) == "https://w3id.org/migkg/id/agency/ca-mau/so-ngoai-vu"
    assert record.label_vi == "Sở Ngoại vụ tỉnh Cà Mau"
    assert record.label_en == "Cà Mau Department of Foreign Affairs"
    assert "Sở NgV tỉnh Cà Mau" in record.alt_labels
    assert {"Sở Ngoại vụ", "Sở NgV"} <= set(record.generic_labels)
    node = record.iri
    assert (node, RDF.type, MKG.ProvincialDepartment) in full_graph
    assert (node, MKG.province, iris.province("Cà Mau")) in full_graph
    assert (node, RDFS.label, Literal("Sở Ngoại vụ tỉnh Cà Mau", lang="vi")) in full_graph
    assert (node, MKG.contextLabel, Literal("Sở Ngoại vụ", lang="vi")) in full_graph
    assert (node, MKG.standardBody, Literal("so-ngoai-vu")) in full_graph
    assert (node, ORG.subOrganizationOf, iris.agency("ca-mau/ubnd")) in full_graph


@pytest.mark.parametrize(
    ("key", "vi", "kind"),
    [
        ("ca-mau/ubnd", "Ủy ban nhân dân tỉnh Cà Mau", "ProvincialPeoplesCommittee"),
        ("ca-mau/cong-an", "Công an tỉnh Cà Mau", "ProvincialBody"),
        ("ca-mau/tinh-uy", "Tỉnh ủy Cà Mau", "PartyBody"),
        ("ca-mau/ban-to-chuc-tinh-uy", "Ban Tổ chức Tỉnh ủy Cà Mau", "PartyBody"),
        ("ca-mau/hdnd", "Hội đồng nhân dân tỉnh Cà Mau", "StateBody"),
        ("ca-mau/uy-ban-mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cà Mau", "MassOrganisation"),
        ("ca-mau/tinh-doan", "Tỉnh đoàn Cà Mau", "MassOrganisation"),
        ("ca-mau/bao-hiem-xa-hoi", "Bảo hiểm xã hội tỉnh Cà Mau", "AgencyUnit"),
        ("ca-mau/cac-so-ban-nganh", "Các sở, ban, ngành tỉnh Cà Mau", "CollectiveActor"),
        # centrally run cities say "thành phố", "Thành ủy", "Thành đoàn"
        ("ha-noi/ubnd", "Ủy ban nhân dân thành phố Hà Nội", "ProvincialPeoplesCommittee"),
        ("ha-noi/cong-an", "Công an thành phố Hà Nội", "ProvincialBody"),
        ("ha-noi/tinh-uy", "Thành ủy Hà Nội", "PartyBody"),
        ("ha-noi/tinh-doan", "Thành đoàn Hà Nội", "MassOrganisation"),
        ("thanh-pho-ho-chi-minh/ubnd", "Ủy ban nhân dân Thành phố Hồ Chí Minh",
         "ProvincialPeoplesCommittee"),
        # a province merged away in 2025 keeps its bodies (Kiên Giang → An Giang)
        ("kien-giang/so-y-te", "Sở Y tế tỉnh Kiên Giang", "ProvincialDepartment"),
        # Hải Dương was a province, not a city like Hải Phòng, which it joined
        ("hai-duong/cong-an", "Công an tỉnh Hải Dương", "ProvincialBody"),
    ],
)  # fmt: skip
def test_labels_of_standard_bodies(gazetteer: Gazetteer, key: str, vi: str, kind: str) -> None:
    record = present(gazetteer.record(key), key)
    assert record.label_vi == vi
    assert record.kind == kind
    assert record.level == "provincial"


def test_status_follows_the_scope_of_the_table(gazetteer: Gazetteer, full_graph) -> None:
    def status(key: str) -> str | None:
        return present(gazetteer.record(key), key).status

    # "standard department (organised in every province)", scope "all provinces"
    assert status("ca-mau/so-y-te") == "confirmed"
    # Sở Dân tộc và Tôn giáo: a specific department; the row "Ban Dân tộc tỉnh became …"
    # names Quảng Trị among the provinces that set one up, not Cà Mau
    assert status("quang-tri/so-dan-toc-va-ton-giao") == "confirmed"
    assert status("ca-mau/so-dan-toc-va-ton-giao") == "unconfirmed"
    note = present(gazetteer.record("ca-mau/so-dan-toc-va-ton-giao")).note or ""
    assert "standard list" in note and "not confirmed for Cà Mau" in note
    # Sở Quy hoạch - Kiến trúc: "Hà Nội, TP Hồ Chí Minh"
    assert status("ha-noi/so-quy-hoach-kien-truc") == "confirmed"
    assert status("thanh-pho-ho-chi-minh/so-quy-hoach-kien-truc") == "confirmed"
    assert status("ca-mau/so-quy-hoach-kien-truc") == "unconfirmed"
    node = iris.agency("ca-mau/so-dan-toc-va-ton-giao")
    assert (node, MKG.referenceStatus, Literal("unconfirmed")) in full_graph


def test_merged_departments_end_and_new_ones_begin(full_graph) -> None:
    # "Sở Lao động - Thương binh và Xã hội, merged into, Sở Nội vụ, …, all provinces, 2025-03-01"
    feb_28 = Literal(dt.date(2025, 2, 28), datatype=XSD.date)
    for slug in (
        "so-lao-dong-thuong-binh-va-xa-hoi",
        "so-ke-hoach-va-dau-tu",
        "so-giao-thong-van-tai",
    ):
        assert (iris.agency(f"ca-mau/{slug}"), MKG.validUntil, feb_28) in full_graph, slug
    # "Ban Dân tộc tỉnh, became, Sở Dân tộc và Tôn giáo, …, 2025-03-01"
    mar_1 = Literal(dt.date(2025, 3, 1), datatype=XSD.date)
    assert (iris.agency("ca-mau/so-dan-toc-va-ton-giao"), MKG.validFrom, mar_1) in full_graph
    assert (iris.agency("ca-mau/so-y-te"), MKG.validUntil, None) not in full_graph


def test_curated_bodies_keep_their_iris_and_the_generated_ones_point_to_them(
    gazetteer: Gazetteer, full_graph
) -> None:
    assert gazetteer.canonical("kien-giang/so-ngoai-vu") == "kien-giang-dofa"
    assert gazetteer.body("Kiên Giang", "so-ngoai-vu").key == "kien-giang-dofa"  # type: ignore[union-attr]
    assert gazetteer.record("kien-giang/so-ngoai-vu") is None
    old, new = iris.agency("kien-giang-dofa"), iris.agency("kien-giang/so-ngoai-vu")
    assert (new, OWL.sameAs, old) in full_graph
    assert (old, RDF.type, MKG.ProvincialDepartment) in full_graph
    assert (
        iris.agency("hai-duong/tinh-uy"),
        OWL.sameAs,
        iris.agency("hai-duong-party-committee"),
    ) in full_graph
    # the curated body answers to the standard generic names of its slot
    assert "Sở NgV" in present(gazetteer.record("kien-giang-dofa")).generic_labels


def test_the_corpus_graph_describes_only_the_bodies_in_use(gazetteer: Gazetteer) -> None:
    fresh = Gazetteer.load()
    graph = fresh.to_graph()
    assert (iris.agency("ca-mau/so-ngoai-vu"), RDF.type, None) not in graph
    assert (iris.agency("kien-giang-dofa"), RDF.type, MKG.ProvincialDepartment) in graph
    assert (
        iris.agency("kien-giang/so-ngoai-vu"),
        OWL.sameAs,
        iris.agency("kien-giang-dofa"),
    ) in graph
    fresh.use("ca-mau/so-ngoai-vu")
    graph = fresh.to_graph()
    assert (iris.agency("ca-mau/so-ngoai-vu"), RDF.type, MKG.ProvincialDepartment) in graph
    # with the body it belongs to
    assert (iris.agency("ca-mau/ubnd"), RDF.type, MKG.ProvincialPeoplesCommittee) in graph


def test_generation_is_read_from_the_table(tmp_path: Path) -> None:
    for path in REFERENCE.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    with (tmp_path / "provincial_departments_2025.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            ",,standard department (organised in every province),Sở Thử nghiệm,"
            "Department of Trials,,all provinces,2025-03-01,x,confirmed,x,\n"
        )
    gaz = Gazetteer.load(reference_dir=tmp_path)
    record = gaz.body("Sơn La", "so-thu-nghiem")
    assert record is not None and record.label_vi == "Sở Thử nghiệm tỉnh Sơn La"
    assert record.status == "confirmed"


def test_a_broken_bodies_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "provincial_bodies.toml"
    path.write_text('[[body]]\nslug = "x"\ngeneric = ["X {unit}"]\nen = "X"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        Gazetteer.load(bodies_path=path)
    assert str(path) in str(err.value) and "missing type" in str(err.value)


def test_a_curated_entry_naming_an_unknown_standard_body_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "agencies.toml"
    shipped = (REFERENCE.parent / "agencies.toml").read_text(encoding="utf-8")
    path.write_text(
        shipped + '\n[[agency]]\nkey = "x"\nvi = "Sở X tỉnh Cà Mau"\nen = "X"\n'
        'type = "ProvincialDepartment"\nlevel = "provincial"\nprovince = "Cà Mau"\n'
        'body = "so-khong-co"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        Gazetteer.load(path)
    assert str(path) in str(err.value) and "so-khong-co" in str(err.value)
