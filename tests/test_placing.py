"""Provincial bodies placed in context: the document's province, the province a name gives,
office titles for their bodies, collectives of a province, and never a guess.

The keys are the generated IRIs of the standard bodies (id:agency/<province>/<body>); the
provinces are those of data/reference/provinces_2025.csv.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from expect import present
from rdflib import Graph

from loaders import office_titles, prose, reading, segment
from loaders.base import EmitContext
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.errors import InputError
from migkg.namespaces import ID, MKG


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def key(resolver: Resolver, mention: str, province: str | None = None) -> str | None:
    return resolver.resolve(mention, province=province).key


def test_a_bare_name_is_the_body_of_the_documents_province(resolver: Resolver) -> None:
    # "Sở Ngoại vụ" in a plan of Bà Rịa - Vũng Tàu is that province's department
    assert key(resolver, "Sở Ngoại vụ", "Bà Rịa - Vũng Tàu") == "ba-ria-vung-tau/so-ngoai-vu"
    assert key(resolver, "Sở Ngoại vụ", "Thanh Hóa") == "thanh-hoa/so-ngoai-vu"
    # a document of 2020 from Kiên Giang: the body of the old province (its curated IRI)
    assert key(resolver, "Sở Ngoại vụ", "Kiên Giang") == "kien-giang-dofa"
    assert key(resolver, "Sở Ngoại vụ", "An Giang") == "an-giang/so-ngoai-vu"


@pytest.mark.parametrize(
    "mention",
    ["Sở Ngoại vụ", "Công an tỉnh", "UBND tỉnh", "Chủ tịch UBND tỉnh", "Sở Tư pháp", "Tỉnh ủy",
     "BCH Quân sự tỉnh", "Giám đốc Công an tỉnh", "UBND các huyện, thị xã, thành phố"],
)  # fmt: skip
def test_a_bare_name_without_a_province_is_never_guessed(resolver: Resolver, mention: str) -> None:
    res = resolver.resolve(mention)
    assert res.key is None and res.score == 0.0
    # nor with a province the tables do not know
    assert key(resolver, mention, "Atlantis") is None


def test_no_bare_name_lands_in_another_province(resolver: Resolver) -> None:
    gaz = resolver.gazetteer
    for province in ("Bà Rịa - Vũng Tàu", "Thanh Hóa", "Cà Mau", "Hà Nội", "Hải Dương"):
        for generic in ("Sở Ngoại vụ", "Công an tỉnh", "Công an thành phố", "UBND tỉnh", "Sở Y tế"):
            found = key(resolver, generic, province)
            if found is not None:
                assert present(gaz.record(found)).province == province, (generic, province, found)


def test_a_name_with_its_province_keeps_it(resolver: Resolver) -> None:
    # whatever the document's province
    for doc in (None, "Cà Mau", "Kiên Giang"):
        assert key(resolver, "Sở Ngoại vụ tỉnh Thanh Hóa", doc) == "thanh-hoa/so-ngoai-vu"
        assert key(resolver, "Sở Ngoại vụ Thanh Hóa", doc) == "thanh-hoa/so-ngoai-vu"
        assert key(resolver, "Công an tỉnh Nghệ An", doc) == "nghe-an/cong-an"
        assert key(resolver, "Ủy ban nhân dân tỉnh Nghệ An", doc) == "nghe-an/ubnd"
        assert key(resolver, "CA tỉnh Cà Mau", doc) == "ca-mau/cong-an"
        assert key(resolver, "Sở Tư pháp tỉnh Kiên Giang", doc) == "kien-giang-doj"
    assert key(resolver, "Công an TP. Hồ Chí Minh") == "thanh-pho-ho-chi-minh/cong-an"
    assert key(resolver, "Sở Ngoai vu tinh Thanh Hoa") == "thanh-hoa/so-ngoai-vu"
    # a province the tables do not know is not replaced by the document's
    assert key(resolver, "Sở Ngoại vụ tỉnh Atlantis", "Cà Mau") is None


@pytest.mark.parametrize(
    ("mention", "slug"),
    [
        ("Sở NgV", "so-ngoai-vu"),
        ("CA tỉnh", "cong-an"),
        ("BCH Quân sự tỉnh", "bo-chi-huy-quan-su"),
        ("BĐBP tỉnh", "bo-chi-huy-bo-doi-bien-phong"),
        ("Sở LĐTBXH", "so-lao-dong-thuong-binh-va-xa-hoi"),
        ("Sở KH&ĐT", "so-ke-hoach-va-dau-tu"),
        ("Văn phòng UBND tỉnh", "van-phong-ubnd"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "uy-ban-mttq"),
        ("Hội LHPN tỉnh", "hoi-lien-hiep-phu-nu"),
        ("Tỉnh đoàn", "tinh-doan"),
        ("Ban Quản lý Khu kinh tế tỉnh", "ban-quan-ly-khu-kinh-te"),
        ("BHXH tỉnh", "bao-hiem-xa-hoi"),
        ("Ban Tuyên giáo Tỉnh ủy", "ban-tuyen-giao-tinh-uy"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "uy-ban-kiem-tra-tinh-uy"),
    ],
)
def test_abbreviations_in_a_provincial_document(
    resolver: Resolver, mention: str, slug: str
) -> None:
    assert key(resolver, mention, "Cà Mau") == f"ca-mau/{slug}"


def test_a_centrally_run_city_names_its_bodies_as_a_city(resolver: Resolver) -> None:
    assert key(resolver, "Công an thành phố", "Hà Nội") == "ha-noi/cong-an"
    assert key(resolver, "Thành ủy", "Hà Nội") == "ha-noi/tinh-uy"
    assert key(resolver, "UBND thành phố", "Thành phố Hà Nội") == "ha-noi/ubnd"
    assert key(resolver, "Thành ủy", "TP Hồ Chí Minh") == "thanh-pho-ho-chi-minh/tinh-uy"
    # a province's "UBND thành phố" is a city inside it, not the province
    assert key(resolver, "UBND thành phố", "Cà Mau") is None
    # Huế was the province of Thừa Thiên Huế until it became a centrally run city
    assert key(resolver, "Công an tỉnh Thừa Thiên Huế") == "hue/cong-an"
    assert key(resolver, "UBND tỉnh", "Huế") == "hue/ubnd"


@pytest.mark.parametrize(
    ("mention", "slug"),
    [
        ("Giám đốc Công an tỉnh", "cong-an"),
        ("Giám đốc Sở Ngoại vụ", "so-ngoai-vu"),
        ("Chánh Văn phòng UBND tỉnh", "van-phong-ubnd"),
        ("Chánh Văn phòng", "van-phong-ubnd"),
        ("Chủ tịch UBND tỉnh", "ubnd"),
        ("Phó Chủ tịch Thường trực UBND tỉnh", "ubnd"),
        ("Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh", "bo-chi-huy-quan-su"),
        ("Chỉ huy trưởng Bộ đội Biên phòng tỉnh", "bo-chi-huy-bo-doi-bien-phong"),
        ("Chánh Thanh tra tỉnh", "thanh-tra"),
        ("Bí thư Tỉnh ủy", "tinh-uy"),
        ("Thủ trưởng các sở, ban, ngành", "cac-so-ban-nganh"),
        ("Chủ tịch UBND các huyện, thị xã, thành phố", "ubnd-cap-huyen"),
    ],
)
def test_officeholders_stand_for_their_bodies(resolver: Resolver, mention: str, slug: str) -> None:
    assert key(resolver, mention, "Cà Mau") == f"ca-mau/{slug}"


def test_an_officeholder_of_a_named_province(resolver: Resolver) -> None:
    assert key(resolver, "Giám đốc Sở Tư pháp tỉnh Thanh Hóa", "Cà Mau") == "thanh-hoa/so-tu-phap"
    assert key(resolver, "Giám đốc Công an tỉnh", "Cà Mau") == "ca-mau/cong-an"


def test_collectives_of_a_province(resolver: Resolver) -> None:
    gaz = resolver.gazetteer
    res = resolver.resolve("UBND các huyện, thị xã, thành phố", province="Cà Mau")
    assert res.key == "ca-mau/ubnd-cap-huyen" and res.collective
    record = present(gaz.record(res.key))
    assert (record.kind, record.province) == ("CollectiveActor", "Cà Mau")
    assert key(resolver, "các sở, ban, ngành tỉnh", "Cà Mau") == "ca-mau/cac-so-ban-nganh"
    # without a province: the collective of all provinces, as before
    assert key(resolver, "Các sở, ban, ngành cấp tỉnh") == "provincial-departments"


def test_an_article_charging_officeholders(resolver: Resolver) -> None:
    text = (
        "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Ngoại vụ, Giám đốc Công an tỉnh, Chủ tịch UBND "
        "các huyện, thị xã, thành phố và Thủ trưởng các sở, ban, ngành có liên quan"
    )
    found = [r.key for r in resolver.resolve_cell(text, province="Cà Mau")]
    assert found == [
        "ca-mau/van-phong-ubnd",
        "ca-mau/so-ngoai-vu",
        "ca-mau/cong-an",
        "ca-mau/ubnd-cap-huyen",
        "ca-mau/cac-so-ban-nganh",
    ]
    # the same article read without its province places nothing provincial
    assert all(r.key is None for r in resolver.resolve_cell(text)[:3])


def test_the_title_table_is_data_and_broken_rows_are_named(tmp_path: Path) -> None:
    titles = office_titles.load()
    assert titles.without_title("Giám đốc Sở Y tế") == "Sở Y tế"
    assert titles.body_of(office_titles.title_key("Chánh Văn phòng")) == "van-phong-ubnd"
    path = tmp_path / "titles.toml"
    path.write_text('[[title]]\nvi = "Giám đốc"\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        office_titles.load(path)
    assert str(path) in str(err.value)


LETTER = """UBND TỈNH CÀ MAU
VĂN PHÒNG
Số: 100 /VP-VX

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Cà Mau, ngày 2 tháng 4 năm 2020

V/v triển khai Kế hoạch thực hiện Thỏa thuận toàn cầu về Di cư.

Kính gửi: Sở Ngoại vụ.

{body}
""".format(
    body="Giao Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh, Sở Tư pháp và Sở Ngoại vụ tỉnh "
    "Thanh Hóa tham mưu cho UBND tỉnh văn bản triển khai thực hiện (hoàn thành chậm nhất ngày "
    "22/4/2020)."
)


def test_a_provincial_letter_places_its_bodies_in_its_province(
    tmp_path: Path, resolver: Resolver
) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    graph, report = Graph(), BuildReport()
    for seg in segment.split(reading.read_source(path), report):
        for fact in prose.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    leads = set(graph.objects(None, MKG.leadAgency))
    coops = set(graph.objects(None, MKG.cooperatingAgency))
    assert leads == {ID["agency/ca-mau/so-ngoai-vu"]}
    assert coops == {
        ID["agency/ca-mau/cong-an"],
        ID["agency/ca-mau/so-tu-phap"],
        ID["agency/thanh-hoa/so-ngoai-vu"],
    }
    assert ID["agency/kien-giang-dofa"] not in leads | coops


def test_the_site_answers_for_an_alias_of_a_curated_body(corpus_store_dir: Path) -> None:
    from graph.embedded import EmbeddedStore
    from webapp import create_app

    store = EmbeddedStore(corpus_store_dir, read_only=True)
    try:
        app = create_app({"TESTING": True, "MIGKG_STORE": store, "MIGKG_TODAY": "2025-06-01"})
        client = app.test_client()
        old = client.get("/id/agency/kien-giang-dofa")
        assert old.status_code == 200
        alias = client.get("/id/agency/kien-giang/so-ngoai-vu", headers={"Accept": "text/turtle"})
        assert alias.status_code == 200
        assert "kien-giang-dofa" in alias.get_data(as_text=True)
        assert client.get("/id/agency/kien-giang/so-ngoai-vu").status_code == 200
    finally:
        store.close()


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        # the issuing body printed under the body it belongs to (Nghị định 30/2020, Phụ lục I)
        ("UBND TỈNH CÀ MAU SỞ NGOẠI VỤ", "ca-mau/so-ngoai-vu"),
        ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU VĂN PHÒNG", "ca-mau/van-phong-ubnd"),
        ("UBND THÀNH PHỐ HÀ NỘI SỞ TƯ PHÁP", "ha-noi/so-tu-phap"),
        ("TỈNH ỦY THANH HÓA BAN TUYÊN GIÁO", "thanh-hoa/ban-tuyen-giao-tinh-uy"),
        ("UBND TỈNH KIÊN GIANG VĂN PHÒNG", "kien-giang-ppc-office"),
        ("Bộ Công an Cà Mau", None),
    ],
)
def test_an_issuer_under_its_parent_body(resolver: Resolver, issuer: str, expected: str) -> None:
    assert key(resolver, issuer) == expected
    assert key(resolver, issuer, "Nghệ An") == expected


def test_a_name_that_cannot_be_placed_is_reported_with_its_file_and_line(
    tmp_path: Path, resolver: Resolver
) -> None:
    # the same letter with no province in its header: "Sở Ngoại vụ" names no body
    text = LETTER.replace("UBND TỈNH CÀ MAU", "BỘ NGOẠI GIAO").replace(
        "Cà Mau, ngày", "Hà Nội, ngày"
    )
    path = tmp_path / "central.txt"
    path.write_text(text, encoding="utf-8")
    graph, report = Graph(), BuildReport()
    for seg in segment.split(reading.read_source(path), report):
        for fact in prose.parse(seg):
            fact.emit(EmitContext(graph, seg, resolver, report))
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("Giao "))) + 1
    unplaced = {(i.line, i.message) for i in report.unresolved_mentions if i.file == str(path)}
    assert (line, "Sở Ngoại vụ") in unplaced
    assert (line, "Công an tỉnh") in unplaced
    placed = set(graph.objects(None, MKG.cooperatingAgency))
    assert placed == {ID["agency/thanh-hoa/so-ngoai-vu"]}
