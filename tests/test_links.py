"""Links between instruments, with their kind, in real documents of the genre.

The files are openings of public documents (tests/data/layouts, addresses in
tests/test_layouts.py and below); expected links are read from their text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from loaders import pipeline
from loaders.base import SourceText
from loaders.gazetteer import Gazetteer
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg.namespaces import ID, MKG
from migkg.text import nfc

LAYOUTS = Path(__file__).resolve().parent / "data" / "layouts"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.load())


def load(name: str, resolver: Resolver, report: BuildReport | None = None) -> Graph:
    path = LAYOUTS / name
    lines = nfc(path.read_text(encoding="utf-8")).splitlines()
    report = report if report is not None else BuildReport()
    return pipeline.load_source(SourceText(path, lines), resolver, report)


def inst(slug: str) -> URIRef:
    return ID[f"instrument/{slug}"]


def test_implements_and_a_basis_in_one_paragraph(resolver: Resolver) -> None:
    # "Thực hiện Quyết định số 402/QĐ-TTg …; Căn cứ Công văn số 1378/BNG-LS …"
    g = load("ca_mau_65_kh_ubnd.txt", resolver)
    plan = ID["plan/65-kh-ubnd"]
    assert (plan, MKG.implements, inst("402-qd-ttg")) in g
    assert (plan, MKG.legalBasis, inst("1378-bng-ls")) in g
    assert (plan, MKG.implements, inst("1378-bng-ls")) not in g
    assert g.value(inst("1378-bng-ls"), MKG.issuedBy) == ID["agency/mofa"]
    assert g.value(inst("402-qd-ttg"), MKG.issuedBy) == ID["agency/prime-minister"]


def test_a_plan_annexed_to_a_decision_and_a_proposal(resolver: Resolver) -> None:
    # "Thực hiện Kế hoạch … ban hành kèm theo Quyết định số 402/QĐ-TTg … và chỉ đạo, hướng
    # dẫn của Bộ Ngoại giao tại Văn bản số 1378/BNG-LS …; xét đề nghị của Sở Ngoại vụ tại
    # Văn bản số 322/SNgV-LSBG ngày 06/5/2020"
    report = BuildReport()
    g = load("ha_tinh_167_kh_ubnd.txt", resolver, report)
    plan = ID["plan/167-kh-ubnd"]
    assert (plan, MKG.implements, inst("402-qd-ttg")) in g
    assert (plan, MKG.implements, inst("1378-bng-ls")) in g
    assert (plan, MKG.proposal, inst("322-sngv-lsbg")) in g
    proposers = set(g.objects(plan, MKG.proposedBy))
    if proposers:  # the Hà Tĩnh department, where the gazetteer knows it
        assert set(g.objects(inst("322-sngv-lsbg"), MKG.issuedBy)) == proposers
    else:  # otherwise a mention left for a reader, with its line, never a guess
        assert (18, "Sở Ngoại vụ") in [(i.line, i.message) for i in report.unresolved_mentions]


def test_broken_law_titles_and_amending_instruments(resolver: Resolver) -> None:
    # https://thuvienphapluat.vn/van-ban/Linh-vuc-khac/Quyet-dinh-1994-QD-UBND-2021-Ke-hoach-chuyen-doi-co-cau-cay-trong-An-Giang-2021-2025-556532.aspx
    g = load("an_giang_1994_qd_ubnd.txt", resolver)
    doc = inst("1994-qd-ubnd")
    local_2015 = inst("luat-to-chuc-chinh-quyen-dia-phuong-2015")
    amending = inst(
        "luat-sua-doi-bo-sung-mot-so-dieu-cua-luat-to-chuc-chinh-phu-va-"
        "luat-to-chuc-chinh-quyen-dia-phuong-2019"
    )
    # "Luật Tổ chức Chính" / "quyền địa phương ngày 19 tháng 6 năm 2015" is one law
    assert {local_2015, amending} <= set(g.objects(doc, MKG.legalBasis))
    assert not [o for o in g.objects(doc, MKG.refersTo) if str(o).endswith("luat-to-chuc-chinh")]
    assert (amending, MKG.amends, local_2015) in g
    assert (amending, MKG.amends, inst("luat-to-chuc-chinh-phu")) in g
    # "Nghị định số 62/2019/NĐ-CP về điều chỉnh bổ sung một số điều của Nghị định số
    # 35/2015/NĐ-CP"
    assert (inst("62-2019-nd-cp"), MKG.amends, inst("35-2015-nd-cp")) in g
    assert {inst("35-2015-nd-cp"), inst("62-2019-nd-cp")} <= set(g.objects(doc, MKG.legalBasis))
    # "Theo đề nghị của Giám đốc Sở Nông nghiệp … tại Tờ trình số 190/TTr-SNNPTNT"
    assert (doc, MKG.proposal, inst("190-ttr-snnptnt")) in g


def test_a_decree_amending_another_among_the_bases(resolver: Resolver) -> None:
    # https://phapluatcongdong.vn/van-ban/quyet-dinh-2096-qd-ubnd-ban-hanh-tinh-phu-yen-nam-2014-p184286.htm
    g = load("phu_yen_2096_qd_ubnd.txt", resolver)
    doc = inst("2096-qd-ubnd")
    assert {inst("92-2006-nd-cp"), inst("04-2008-nd-cp")} <= set(g.objects(doc, MKG.legalBasis))
    assert (inst("04-2008-nd-cp"), MKG.amends, inst("92-2006-nd-cp")) in g
    # "Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân năm 2003": one law, read past "và"
    law = inst("luat-to-chuc-hoi-dong-nhan-dan-va-uy-ban-nhan-dan-2003")
    assert law in set(g.objects(doc, MKG.legalBasis))


def test_a_decision_that_replaces_another(resolver: Resolver) -> None:
    # https://luatminhkhue.vn/quyet-dinh-14-2014-qd-ubnd-ve-trach-nhiem-quan-ly-nha-nuoc-ve-chat-luong-cong-trinh-xay-dung-tren-dia-ban-tinh-long-an.aspx
    g = load("long_an_14_2014_qd_ubnd.txt", resolver)
    doc = inst("14-2014-qd-ubnd")
    # "Quyết định này có hiệu lực … và thay thế Quyết định số 44/2010/QĐ-UBND"
    assert (doc, MKG.replaces, inst("44-2010-qd-ubnd")) in g
    assert (doc, MKG.legalBasis, inst("44-2010-qd-ubnd")) not in g
    # "Theo đề nghị của Sở Xây dựng tạiTờ trình số 350/TTr-SXD" (words glued on the page)
    assert (doc, MKG.proposal, inst("350-ttr-sxd")) in g


def test_abbreviated_and_spelt_out_law_names_meet(resolver: Resolver) -> None:
    # https://thuviennhadat.vn/vbpl/quyet-dinh-1209-qd-ubnd-2013-quy-che-ban-chi-dao-cong-tac-dan-so-tinh-ha-giang-208300.html
    g = load("ha_giang_1209_qd_ubnd.txt", resolver)
    doc = inst("1209-qd-ubnd")
    # "Luật Tổ chức HĐND và UBND" / "ngày 26/11/2003"
    law = inst("luat-to-chuc-hoi-dong-nhan-dan-va-uy-ban-nhan-dan-2003")
    assert (doc, MKG.legalBasis, law) in g
    # "Xét đề nghị của Sở Y tế tại Tờ" / "trình số 66/TTr-SYT"
    assert (doc, MKG.proposal, inst("66-ttr-syt")) in g


def test_each_clause_keeps_its_own_kind_and_the_province_is_the_documents(
    resolver: Resolver,
) -> None:
    # https://ls1.hethongphapluat.com/ke-hoach-120-kh-ubnd-nam-2020-ve-thuc-hien-thoa-thuan-toan-cau-ve-di-cu-hop-phap-an-toan-va-trat-tu-cua-lien-hop-quoc-tren-dia-ban-tinh-ba-ria-vung-tau.html
    report = BuildReport()
    g = load("ba_ria_vung_tau_120_kh_ubnd.txt", resolver, report)
    plan = ID["plan/120-kh-ubnd"]
    # "Căn cứ Quyết định số 402/QĐ-TTg …": a basis here; "Thực hiện Công văn số 1378/BNG-LS"
    assert (plan, MKG.legalBasis, inst("402-qd-ttg")) in g
    assert (plan, MKG.implements, inst("1378-bng-ls")) in g
    assert (plan, MKG.implements, inst("402-qd-ttg")) not in g
    assert (plan, MKG.proposal, inst("19-ttr-sngv")) in g
    # "Sở Ngoại vụ" of a Bà Rịa - Vũng Tàu plan is never another province's department
    for agency in g.objects(plan, MKG.proposedBy):
        assert "kien-giang" not in str(agency)
    (entry,) = report.documents
    assert entry["province"] == "Bà Rịa - Vũng Tàu"


def test_addressees_under_a_bare_kinh_gui(resolver: Resolver) -> None:
    # "Kính gửi:" / "| - Bộ Ngoại giao, |" (a portal's cells); "Kính gửi:" / "" / "- Các Bộ …"
    g = load("vpcp_1691_vpcp_qhqt.txt", resolver)
    assert set(g.objects(inst("1691-vpcp-qhqt"), MKG.addressee)) == {ID["agency/mofa"]}
    g = load("vpcp_2592_vpcp_qhqt.txt", resolver)
    # "- Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ;" / "- Ủy ban nhân dân các tỉnh,
    # thành phố trực thuộc Trung ương."
    assert set(g.objects(inst("2592-vpcp-qhqt"), MKG.addressee)) == {
        ID["agency/ministries-and-agencies"],
        ID["agency/provincial-peoples-committees"],
    }


def test_a_circular_guiding_a_decision_is_its_basis_not_the_decision(resolver: Resolver) -> None:
    # https://thuvienphapluat.vn/van-ban/doanh-nghiep/quyet-dinh-09-2011-qd-ubnd-quy-che-xet-cho-phep-su-dung-the-di-lai-123918.aspx
    # "Căn cứ Thông tư số 10/2006/TT-BCA … của Bộ Công an hướng dẫn thực hiện Quy chế cấp và
    # quản lý thẻ … ban hành kèm theo Quyết định số 45/2006/QĐ-TTg …"
    g = load("quang_ngai_09_2011_qd_ubnd.txt", resolver)
    doc = inst("09-2011-qd-ubnd")
    assert {inst("45-2006-qd-ttg"), inst("10-2006-tt-bca")} <= set(g.objects(doc, MKG.legalBasis))
    assert (inst("10-2006-tt-bca"), MKG.refersTo, inst("45-2006-qd-ttg")) in g
    assert g.value(inst("10-2006-tt-bca"), MKG.issuedBy) == ID["agency/mps"]
    # "Theo đề nghị của Giám đốc Sở Ngoại vụ tại Công văn số 23/SNgV-LSLTBC … và Báo cáo
    # thẩm định số 192/BC-STP …"
    assert {inst("23-sngv-lsltbc"), inst("192-bc-stp")} <= set(g.objects(doc, MKG.proposal))


def test_a_provincial_decision_numbered_with_its_year(resolver: Resolver) -> None:
    # https://thuvienphapluat.vn/van-ban/Bo-may-hanh-chinh/Quyet-dinh-13-2017-QD-UBND-Quy-che-Quan-ly-hoat-dong-cua-To-chuc-Phi-chinh-phu-Binh-Duong-352749.aspx
    g = load("binh_duong_13_2017_qd_ubnd.txt", resolver)
    doc = inst("13-2017-qd-ubnd")
    assert (
        g.value(doc, MKG.number) is not None and str(g.value(doc, MKG.number)) == "13/2017/QĐ-UBND"
    )
    assert str(g.value(doc, MKG.dateIssued)) == "2017-06-19"
    # "Luật Tổ chức chính quyền địa" / "phương ngày 19 tháng 6 năm 2015"
    bases = set(g.objects(doc, MKG.legalBasis))
    assert {
        inst("luat-to-chuc-chinh-quyen-dia-phuong-2015"),
        inst("12-2012-nd-cp"),
        inst("05-2012-tt-bng"),
    } <= bases
    assert (inst("05-2012-tt-bng"), MKG.refersTo, inst("12-2012-nd-cp")) in g
    # "Theo đề nghị của Giám đốc Sở Ngoại" / "vụ tại Tờ trình số 495/TTr-SNgV"
    assert (doc, MKG.proposal, inst("495-ttr-sngv")) in g


def test_laws_passed_on_one_day_are_told_apart_by_name(resolver: Resolver) -> None:
    # https://thuvienphapluat.vn/van-ban/Tai-chinh-nha-nuoc/Thong-tu-43-2022-TT-BTC-quan-ly-kinh-phi-ngan-sach-bao-dam-cong-tac-dieu-uoc-quoc-te-522762.aspx?tab=2
    report = BuildReport()
    g = load("btc_43_2022_tt_btc.txt", resolver, report)
    doc = inst("43-2022-tt-btc")
    bases = set(g.objects(doc, MKG.legalBasis))
    # "Luật Thỏa" / "thuận quốc tế ngày 13 tháng 11 năm 2020" is not the contract-workers
    # law passed the same day
    assert inst("luat-thoa-thuan-quoc-te-2020") in bases and inst("69-2020-qh14") not in bases
    assert {inst("luat-dieu-uoc-quoc-te-2016"), inst("luat-ngan-sach-nha-nuoc-2015")} <= bases
    # "… thi hành một số điều của Luật Ngân sách nhà nước": the law the document cites dated
    assert (inst("163-2016-nd-cp"), MKG.refersTo, inst("luat-ngan-sach-nha-nuoc-2015")) in g
    # "Theo đề nghị của Vụ trưởng Vụ Tài chính Hành" / "chính sự nghiệp": "Tài" is not "tại"
    (entry,) = report.documents
    proposer = [w for w in entry["warnings"] if "Vụ Tài chính Hành chính sự nghiệp" in w["message"]]
    assert proposer or g.value(doc, MKG.proposedBy) is not None


def test_amended_by_read_the_other_way_round(resolver: Resolver) -> None:
    # http://hethongphapluat.com/quyet-dinh-168-2025-qd-ubnd-ve-quy-che-phoi-hop-trong-cong-tac-ho-tro-khach-du-lich-tren-dia-ban-tinh-ninh-binh.html
    g = load("ninh_binh_168_2025_qd_ubnd.txt", resolver)
    doc = inst("168-2025-qd-ubnd")
    # "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi
    # Luật số 87/2025/QH15": a law of eight words read with its number
    assert {inst("72-2025-qh15"), inst("64-2025-qh15")} <= set(g.objects(doc, MKG.legalBasis))
    assert (inst("87-2025-qh15"), MKG.amends, inst("64-2025-qh15")) in g
    # "Thông tư số 06/2017/TT-BVHTTDL … được sửa đổi, bổ sung bởi Thông tư số
    # 13/2019/TT-BVHTTDL, Thông tư số 04/2024/TT-BVHTTDL"
    for amending in ("13-2019-tt-bvhttdl", "04-2024-tt-bvhttdl"):
        assert (inst(amending), MKG.amends, inst("06-2017-tt-bvhttdl")) in g
    assert (inst("187-2025-nd-cp"), MKG.amends, inst("78-2025-nd-cp")) in g
    # "… một số điều của Luật Du lịch": the law the document cites by its number
    assert (inst("168-2017-nd-cp"), MKG.refersTo, inst("09-2017-qh14")) in g
    assert (inst("luat-du-lich"), None, None) not in g


def test_a_law_named_past_va_up_to_who_published_it(resolver: Resolver) -> None:
    # https://phapluatcongdong.vn/van-ban/quyet-dinh-93-2005-qd-ubnd-ban-hanh-tinh-dong-thap-nam-2005-p358253.htm
    g = load("dong_thap_93_2005_qd_ubnd.txt", resolver)
    doc = inst("93-2005-qd-ubnd")
    # "Luật Tổ chức HĐND và UBND do Chủ tịch nước … công bố ngày 26/11/2003"
    law = inst("luat-to-chuc-hoi-dong-nhan-dan-va-uy-ban-nhan-dan")
    assert {law, inst("34-2000-nd-cp")} <= set(g.objects(doc, MKG.legalBasis))
    assert str(g.value(doc, MKG.placeIssued)) == "Thị xã Cao Lãnh"


def test_a_signer_printed_in_a_portals_cells(resolver: Resolver) -> None:
    from rdflib.namespace import RDFS

    # "|" / "TM." / "ỦY BAN NHÂN DÂN" / "CHỦ TỊCH" / "Nguyễn Xuân Huế" / "|"
    g = load("quang_ngai_09_2011_qd_ubnd.txt", resolver)
    (signer,) = g.objects(inst("09-2011-qd-ubnd"), MKG.signedBy)
    assert str(g.value(signer, RDFS.label)) == "Nguyễn Xuân Huế"
    assert str(g.value(signer, MKG.role)) == "CHỦ TỊCH"


def test_a_symbol_with_one_side_of_a_dash_spaced() -> None:
    from loaders.instruments import find_instruments

    # https://phapluatcongdong.vn/van-ban/quyet-dinh-2096-qd-ubnd-ban-hanh-tinh-phu-yen-nam-2014-p184286.htm
    text = "số 147/2007/QĐ- TTg ngày 10/9/2007 về một số chính sách phát triển rừng sản xuất"
    assert [m.number for m in find_instruments(text)] == ["147/2007/QĐ-TTg"]
    # a dash spaced on both sides separates: the plan, then the body that issued it
    assert [m.number for m in find_instruments("Kế hoạch số 65/KH-UBND - UBND tỉnh")] == [
        "65/KH-UBND"
    ]


def test_a_copy_from_its_title_and_an_instrument_its_title_names_inside_another(
    resolver: Resolver, tmp_path: Path
) -> None:
    # a portal copy that starts at "CHƯƠNG TRÌNH": no header, no number, still a document;
    # "… KẾ HOẠCH SỐ 7-KH/TU … VỀ VIỆC TRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 9-CT/TW": the plan
    # carries the directive out, the programme carries out the plan
    path = tmp_path / "titled.txt"
    path.write_text(
        "CHƯƠNG TRÌNH\nTRIỂN KHAI THỰC HIỆN KẾ HOẠCH\nSỐ 7-KH/TU NGÀY 24 THÁNG 8 NĂM 2022 "
        "CỦA BAN THƯỜNG VỤ TỈNH ỦY VỀ VIỆC TRIỂN\nKHAI THỰC HIỆN CHỈ THỊ SỐ 9-CT/TW NGÀY 05 "
        "THÁNG 01 NĂM 2022 CỦA BAN BÍ THƯ\nCăn cứ Kế hoạch số 7-KH/TU ngày 24 tháng 8 năm 2022 "
        "của Ban Thường vụ Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Chương trình như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n",
        encoding="utf-8",
    )
    g = pipeline.load_source(
        SourceText(path, path.read_text(encoding="utf-8").splitlines()), resolver, BuildReport()
    )
    own = [s for s in g.subjects(MKG.documentType, None) if (s, MKG.number, None) not in g]
    assert len(own) == 1 and "titled" in str(own[0])
    assert g.value(own[0], MKG.dateIssued) is None  # the title's date is the plan's
    assert (own[0], MKG.implements, inst("7-kh-tu")) in g
    assert (own[0], MKG.legalBasis, inst("7-kh-tu")) in g
    assert (own[0], MKG.implements, inst("9-ct-tw")) not in g
    assert (inst("7-kh-tu"), MKG.implements, inst("9-ct-tw")) in g
