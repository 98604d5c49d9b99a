"""The mention resolver: every spelling the corpus prints, cells split as printed,
and the mentions that must stay unresolved.

Expected keys were read from the corpus files (file and line noted); they are not taken
from the program's output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.gazetteer import Gazetteer
from loaders.resolver import Resolver

F000 = "000_2ea71573e8b386bf.txt"
F002 = "002_cdf9dff2b193bbc4.txt"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> Resolver:
    return Resolver(gazetteer)


# (spelling as printed, expected key, where it is printed)
SPELLINGS = [
    # 000, letter 1692/VP-VHXH of Kiên Giang
    ("UBND TỈNH KIÊN GIANG", "kien-giang-ppc", "000:3"),
    ("Ủy ban nhân dân tỉnh Kiên Giang", "kien-giang-ppc", "000:16"),
    ("Thủ tướng Chính phủ", "prime-minister", "000:16"),
    ("các ngành có liên quan", "relevant-bodies", "000:20"),
    ("Các sở, ban, ngành cấp tỉnh", "provincial-departments", "000:29"),
    # 000, Decision 402: preamble, sections, addressees
    ("THỦ TƯỚNG CHÍNH PHỦ", "prime-minister", "000:39"),
    ("Bộ Ngoại giao", "mofa", "000:57"),
    ("Liên hợp quốc", "un", "000:61"),
    ("Chính phủ", "government", "000:137"),
    ("Bộ Kế hoạch và Đầu tư", "mpi", "000:139"),
    ("Nhóm Công tác liên ngành về triển khai Thỏa thuận GCM", "gcm-working-group", "000:143"),
    ("Bộ Công an", "mps", "000:145"),
    ("Bộ Tư pháp", "moj", "000:147"),
    ("Bộ Quốc phòng", "mod", "000:149"),
    ("Bộ Lao động - Thương binh và Xã hội", "molisa", "000:151"),
    ("Bộ Thông tin và Truyền thông", "mic", "000:155"),
    ("các bộ, cơ quan, địa phương có liên quan", "relevant-bodies", "000:155"),
    (
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "provincial-peoples-committees",
        "000:157",
    ),
    ("Các bộ, cơ quan, địa phương", "relevant-bodies", "000:163"),
    ("Mặt trận Tổ quốc Việt Nam", "vff", "000:165"),
    ("Công đoàn Việt Nam", "vgcl", "000:165"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "hcyu", "000:165"),
    ("Hội Liên hiệp phụ nữ Việt Nam", "vwu", "000:165"),
    ("các tổ chức chính trị - xã hội", "socio-political-organisations", "000:165"),
    ("tổ chức xã hội - nghề nghiệp", "socio-professional-organisations", "000:165"),
    ("cộng đồng doanh nghiệp", "business-community", "000:165"),
    ("các bộ, cơ quan trung ương, địa phương", "relevant-bodies", "000:169"),
    ("các bộ, cơ quan, địa phương, tổ chức có liên quan", "relevant-bodies", "000:173"),
    ("Thủ trưởng các cơ quan có liên quan", "relevant-bodies", "000:178"),
    ("Các bộ, cơ quan ngang bộ, cơ quan thuộc CP", "ministries-and-agencies", "000:183"),
    ("UBND các tỉnh, thành phố trực thuộc TW", "provincial-peoples-committees", "000:184"),
    ("Văn phòng Trung ương Đảng", "party-central-office", "000:185"),
    ("Văn phòng Chủ tịch nước", "president-office", "000:186"),
    ("Tòa án nhân dân tối cao", "supreme-court", "000:187"),
    ("Viện kiểm sát nhân dân tối cao", "supreme-procuracy", "000:188"),
    ("Ủy ban trung ương Mặt trận Tổ quốc Việt Nam", "vff", "000:189"),
    ("Cơ quan trung ương của các đoàn thể", "socio-political-organisations", "000:190"),
    ("Phòng Thương mại và Công nghiệp VN", "vcci", "000:191"),
    ("VPCP", "government-office", "000:192"),
    # 000, the appendix of 402
    (
        "Các bộ, cơ quan, địa tổ chức có liên quan theo yêu cầu của cơ quan chủ trì",
        "relevant-bodies",
        "000:207",
    ),
    ("Phòng Thương mại và Công nghiệp Việt Nam", "vcci", "000:207"),
    ("Hội Liên Hiệp phụ nữ Việt Nam", "vwu", "000:212"),
    ("Ủy ban Dân tộc", "cema", "000:212"),
    ("Bộ Giáo dục và Đào tạo", "moet", "000:213"),
    ("Các bộ, cơ quan, địa phương và cơ quan, tổ chức có liên quan", "relevant-bodies", "000:214"),
    ("Các bộ, cơ quan, địa phương, cơ quan, tổ chức có liên quan", "relevant-bodies", "000:215"),
    ("Các tổ chức chính tri - xã hội", "socio-political-organisations", "000:216-218"),
    ("Các bộ, cơ quan, tổ chức có liên quan", "relevant-bodies", "000:220"),
    ("Cơ quan đại diện Việt Nam ở nước ngoài", "overseas-missions", "000:220"),
    (
        "Các bộ, cơ quan, địa phương, tổ chức có liên quan, theo yêu cầu của cơ quan chủ trì.",
        "relevant-bodies",
        "000:221",
    ),
    ("Tổ chức Lao động thế giới (ILO)", "ilo", "000:234"),
    ("Bộ Y tế", "moh", "000:249"),
    ("Hội Liên hiệp Phụ nữ Việt Nam", "vwu", "000:262"),
    ("Bộ Tài nguyên và Môi trường", "monre", "000:268"),
    ("Bộ Nông nghiệp và Phát triển nông thôn", "mard", "000:268"),
    ("Bảo hiểm Xã hội Việt Nam", "vss", "000:269"),
    ("Các bộ, cơ quan, tổ chức liên quan", "relevant-bodies", "000:273"),
    ("Các bộ, cơ quan, địa phương liên quan", "relevant-bodies", "000:289"),
    (
        "Các bộ, cơ quan, địa phương, tổ chức có liên quan theo yêu cầu của cơ quan chủ trì",
        "relevant-bodies",
        "000:212",
    ),
    (
        "Các bộ, cơ quan, địa phương, cơ quan, tổ chức liên quan theo yêu cầu của cơ quan chủ trì",
        "relevant-bodies",
        "000:226",
    ),
    ("Các bộ, cơ quan, địa phương theo yêu cầu của cơ quan chủ trì", "relevant-bodies", "000:232"),
    ("Tổ chức Lao động thế giới", "ilo", "000:234"),
    ("ILO", "ilo", "000:234"),
    (
        "Các bộ, cơ quan, địa phương có liên quan theo yêu cầu của cơ quan chủ trì",
        "relevant-bodies",
        "000:288",
    ),
    (
        "Các bộ, cơ quan, địa phương, tổ chức liên quan theo yêu cầu của cơ quan chủ trì",
        "relevant-bodies",
        "000:291",
    ),
    ("Thủ trưởng, các Phó Thủ tướng Chính phủ", "prime-minister", "000:182"),
    ("UBND TỈNH KIÊN GIANG VĂN PHÒNG", "kien-giang-ppc-office", "000:3-4"),
    # 001, news page of 2021
    ("các bộ, cơ quan, địa phương (khu vực phía Bắc và miền Trung)", "relevant-bodies", "001:4"),
    ("các tổ chức quốc tế tại Việt Nam", "international-organisations", "001:4"),
    ("Tổ chức Di cư quốc tế", "iom", "001:4"),
    ("Tổ chức Lao động quốc tế", "ilo", "001:4"),
    (
        "Cơ quan Liên hợp quốc về bình đẳng giới và trao quyền cho phụ nữ",
        "un-women",
        "001:4",
    ),
    ("Thứ trưởng Bộ Ngoại giao", "mofa", "001:6"),
    ("Phái đoàn IOM tại Việt Nam", "iom", "001:11"),
    ("Bộ Công an Việt Nam", "mps", "001:18"),
    ("đại diện các tổ chức quốc tế tại Việt Nam", "international-organisations", "001:4"),
    ("Nhóm Công tác liên ngành triển khai Thỏa thuận GCM", "gcm-working-group", "001:10"),
    ("IOM", "iom", "001:11"),
    # 002, Resolution 225
    ("CHÍNH PHỦ", "government", "002:3"),
    ("Ban Bí thư Trung ương Đảng khóa XIII", "party-secretariat", "002:14"),
    ("Ban Bí thư", "party-secretariat", "002:22"),
    ("Bộ trưởng Bộ Lao động - Thương binh và Xã hội", "molisa", "002:24"),
    ("Ban Bí thư Trung ương Đảng", "party-secretariat", "002:36"),
    ("Thủ tướng", "prime-minister", "002:37"),
    (
        "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
        "ministries-and-agencies",
        "002:38",
    ),
    ("Văn phòng Trung ương", "party-central-office", "002:40"),
    ("các Ban của Đảng", "party-central-commissions", "002:40"),
    ("Ban Bí Thư Trung ương Đảng khóa XIII", "party-secretariat", "002:62"),
    ("Bộ Lao động – Thương binh và Xã hội", "molisa", "002:146"),
    ("Ban Tuyên giáo Trung ương", "cpec", "002:148"),
    ("các đoàn thể", "socio-political-organisations", "002:156"),
    ("Các bộ, ngành", "relevant-bodies", "002:170"),
    ("UBND các tỉnh, thành phố trực thuộc trung ương", "provincial-peoples-committees", "002:170"),
    ("các Bộ, ngành liên quan", "relevant-bodies", "002:175"),
    ("Bộ, ngành liên quan", "relevant-bodies", "002:177"),
    ("Bộ Tài chính", "mof", "002:178"),
    ("Bộ Nội vụ", "moha", "002:190"),
    ("các cơ quan liên quan", "relevant-bodies", "002:191"),
    ("các Bộ, ngành có liên quan", "relevant-bodies", "002:194"),
    ("Bộ Lao động – Thương binh và xã hội", "molisa", "002:197"),
    ("Bộ Khoa học và Công nghệ", "most", "002:202"),
    (
        "các cơ quan, tổ chức, cá nhân có liên quan",
        "relevant-bodies",
        "002:32",
    ),
    ("Thủ tướng, các Phó Thủ tướng Chính phủ", "prime-minister", "002:37"),
    ("Tỉnh ủy, Thành ủy", "provincial-party-committees", "002:39"),
    ("HĐND", "provincial-peoples-councils", "002:39"),
    ("TM. CHÍNH PHỦ", "government", "002:46"),
    ("KT. THỦ TƯỚNG", "prime-minister", "002:47"),
    ("xã hội nghề nghiệp", "socio-professional-organisations", "002:126"),
    # 003, news item of Dec 2025
    ("Cục Lãnh sự", "mofa-consular-department", "003:17"),
    ("Trưởng Phái đoàn Tổ chức Di cư quốc tế (IOM)", "iom", "003:19"),
    ("các bộ, ngành liên quan", "relevant-bodies", "003:31"),
    ("đại diện 31 địa phương", "localities", "003:31"),
    ("Tổ chức Di cư quốc tế (IOM)", "iom", "003:31"),
    ("Tổ chức Lao động quốc tế (ILO)", "ilo", "003:31"),
    ("Tổ chức Hợp tác quốc tế Đức (GIZ)", "giz", "003:31"),
    ("Tổ chức Hợp tác quốc tế Đức", "giz", "003:31"),
    ("GIZ", "giz", "003:31"),
    # 004, the OCR of plan 139-KH/TU (diacritics lost or wrong)
    ("TiNH UY HAI DUONG", "hai-duong-party-committee", "004:1"),
    ("PANG CONG SAN VIET NAM", "cpv", "004:1"),
    ("Ban Bf thw", "party-secretariat", "004:6"),
    ("Ban Bi thu", "party-secretariat", "004:10"),
    ("Mit trdn TS quoc", "vff", "004:34"),
    ("céc td chirc chinh tri - x4 hoi", "socio-political-organisations", "004:34-35"),
    ("Ban Bi thu khoa XI", "party-secretariat", "004:44"),
    ("td chirc chinh trj - x3 hdi", "socio-political-organisations", "004:126"),
]

# Bare provincial names: they name a body only in a document of its province (the letter of
# Kiên Giang, 000:1-30; the plan of Hải Dương, 004). (spelling, key, where, province)
BARE_PROVINCIAL = [
    ("Sở Ngoại vụ", "kien-giang-dofa", "000:14", "Kiên Giang"),
    ("UBND tỉnh", "kien-giang-ppc", "000:18", "Kiên Giang"),
    ("Công an tỉnh", "kien-giang-police", "000:20", "Kiên Giang"),
    ("Sở Tư pháp", "kien-giang-doj", "000:20", "Kiên Giang"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "kien-giang-border-guard", "000:20", "Kiên Giang"),
    ("BCH Quân sự tỉnh", "kien-giang-military-command", "000:20", "Kiên Giang"),
    ("Sở Lao động - Thương binh và Xã hội", "kien-giang-dolisa", "000:20", "Kiên Giang"),
    ("Sở Thông tin và Truyền thông", "kien-giang-dic", "000:20", "Kiên Giang"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "kien-giang-ppc-office", "000:22", "Kiên Giang"),
    ("CT và các PCT UBND tỉnh", "kien-giang-ppc", "000:28", "Kiên Giang"),
    ("Ban Thudng vy Tinh ty", "hai-duong-party-standing-board", "004:12-13", "Hải Dương"),
]

# Made-up spellings a user or another document may type: no diacritics, other dashes,
# case, spacing, line breaks, abbreviations, typos.
VARIANTS = [
    ("Bo Ngoai giao", "mofa"),
    ("BO NGOAI GIAO", "mofa"),
    ("Bo Cong an", "mps"),
    ("Bo Tu phap", "moj"),
    ("Bo Quoc phong", "mod"),
    ("Bo Lao dong - Thuong binh va Xa hoi", "molisa"),
    ("Bo Thong tin va Truyen thong", "mic"),
    ("Bo Giao duc va Dao tao", "moet"),
    ("Bo Y te", "moh"),
    ("Bo Ke hoach va Dau tu", "mpi"),
    ("Bo Tai chinh", "mof"),
    ("Bo Noi vu", "moha"),
    ("Uy ban Dan toc", "cema"),
    ("Mat tran To quoc Viet Nam", "vff"),
    ("Hoi Lien hiep Phu nu Viet Nam", "vwu"),
    ("UBND cac tinh, thanh pho truc thuoc trung uong", "provincial-peoples-committees"),
    ("Tinh uy Hai Duong", "hai-duong-party-committee"),
    ("Bộ Lao động — Thương binh và Xã hội", "molisa"),
    ("bộ  lao động-thương binh   và xã hội", "molisa"),
    ("Bộ\nNgoại giao", "mofa"),
    ("  Bộ Tư pháp;  ", "moj"),
    ("Bộ LĐTBXH", "molisa"),
    ("MOLISA", "molisa"),
    ("MOFA", "mofa"),
    ("Uỷ ban Dân tộc", "cema"),
    ("Ministry of Foreign Affairs", "mofa"),
    ("Bộ Ngoai gaio", "mofa"),
    ("Bộ Thông tin và Truyền thônh", "mic"),
    ("Hội Liên hiệp Phụ nư Việt Nm", "vwu"),
    ("Sở Tư pháp tỉnh Kiên Giang", "kien-giang-doj"),
    ("<b>Bộ Công an</b>", "mps"),
]

MUST_STAY_UNRESOLVED = [
    "Bộ Du lịch",
    "Sở Kế hoạch",
    "Sở Ngoại vụ",  # a bare provincial name, with no province given
    "Công an tỉnh",
    "UBND tỉnh",
    "Bộ Kế hoạch",
    "Ministry of Tourism",
    "the relevant ministries",
    "Bộ",
    "cơ quan",
    "Công an",  # a short name only means the ministry through resolve_short_names
    "Tổ chức Hải quan thế giới",
    "UNESCO",
    "HĐBA LHQ",
    "…",
    "-",
]


@pytest.mark.parametrize(("mention", "key", "where"), SPELLINGS)
def test_every_corpus_spelling_resolves(
    resolver: Resolver, mention: str, key: str, where: str
) -> None:
    res = resolver.resolve(mention)
    assert res.key == key, f"{mention!r} ({where})"
    assert res.score > 0.9


@pytest.mark.parametrize(("mention", "key", "where", "province"), BARE_PROVINCIAL)
def test_bare_provincial_names_resolve_in_their_province_only(
    resolver: Resolver, mention: str, key: str, where: str, province: str
) -> None:
    res = resolver.resolve(mention, province=province)
    assert res.key == key, f"{mention!r} ({where})"
    assert res.score > 0.9
    # no province, no body: a bare name is never guessed into one
    assert resolver.resolve(mention).key is None, f"{mention!r} ({where})"


@pytest.mark.parametrize(("mention", "key"), VARIANTS)
def test_variant_spellings_resolve(resolver: Resolver, mention: str, key: str) -> None:
    assert resolver.resolve(mention).key == key


@pytest.mark.parametrize("mention", MUST_STAY_UNRESOLVED)
def test_unplaceable_mentions_stay_unresolved(resolver: Resolver, mention: str) -> None:
    res = resolver.resolve(mention)
    assert res.key is None
    assert res.score == 0.0


def test_typos_resolve_with_a_lower_score_than_exact_matches(resolver: Resolver) -> None:
    exact = resolver.resolve("Bộ Ngoại giao")
    typo = resolver.resolve("Bộ Ngoai gaio")
    assert exact.score == 1.0
    assert 0.9 <= typo.score < 1.0


def test_every_spelling_in_the_table_is_printed_in_the_corpus(corpus_dir: Path) -> None:
    files = {
        p.name[:3]: p.read_text(encoding="utf-8").split("\n") for p in corpus_dir.glob("*.txt")
    }
    for mention, _key, where in SPELLINGS + [b[:3] for b in BARE_PROVINCIAL]:
        name, lines = where.split(":")
        first, _, last = lines.partition("-")
        span = files[name][int(first) - 1 : int(last or first)]
        if last:
            # a name cut by a page break: every word is on the lines given
            words = " ".join(span).split()
            assert all(w in words for w in mention.split()), (mention, where)
        else:
            assert " ".join(mention.split()) in " ".join(span[0].split()), (mention, where)


# ------------------------------------------------------------------ cells


def keys(resolver: Resolver, cell: str) -> list[str | None]:
    return [r.key for r in resolver.resolve_cell(cell)]


CELLS = [
    (
        "Bộ Thông tin và Truyền thông, Bộ Ngoại giao, Mặt trận Tổ quốc Việt Nam, "
        "Hội Liên Hiệp phụ nữ Việt Nam, Ủy ban Dân tộc",
        ["mic", "mofa", "vff", "vwu", "cema"],
    ),
    (
        "Bộ Ngoại giao, các bộ, cơ quan, địa phương, tổ chức có liên quan theo yêu cầu của "
        "cơ quan chủ trì; Mặt trận Tổ quốc Việt Nam",
        ["mofa", "relevant-bodies", "vff"],
    ),
    (
        "Bộ Tư pháp, Bộ Công an, Bộ Lao động - Thương binh và Xã hội, Bộ Giáo dục và Đào tạo "
        "và các bộ, cơ quan, địa phương, cơ quan, tổ chức có liên quan theo yêu cầu của cơ "
        "quan chủ trì",
        ["moj", "mps", "molisa", "moet", "relevant-bodies"],
    ),
    (
        "Giao Sở Ngoại vụ chủ trì, phối hợp với Công an tỉnh, Sở Tư pháp, Bộ Chỉ huy Bộ đội "
        "Biên phòng tỉnh, BCH Quân sự tỉnh, Sở Lao động - Thương binh và Xã hội, Sở Thông tin "
        "và Truyền thông và các ngành có liên quan".split("phối hợp với ", 1)[1],
        [
            "kien-giang-police",
            "kien-giang-doj",
            "kien-giang-border-guard",
            "kien-giang-military-command",
            "kien-giang-dolisa",
            "kien-giang-dic",
            "relevant-bodies",
        ],
    ),
    (
        "Tỉnh ủy, Thành ủy, HĐND, UBND các tỉnh, thành phố trực thuộc TW",
        [
            "provincial-party-committees",
            "provincial-peoples-councils",
            "provincial-peoples-committees",
        ],
    ),
    (
        "Văn phòng Trung ương và các Ban của Đảng",
        ["party-central-office", "party-central-commissions"],
    ),
    (
        "Tổ chức Di cư quốc tế (IOM), Tổ chức Lao động quốc tế (ILO) và Tổ chức Hợp tác quốc "
        "tế Đức (GIZ)",
        ["iom", "ilo", "giz"],
    ),
    (
        "các tổ chức quốc tế tại Việt Nam (Tổ chức Di cư quốc tế, Tổ chức Lao động quốc tế, "
        "Cơ quan Liên hợp quốc về bình đẳng giới và trao quyền cho phụ nữ...)",
        ["international-organisations", "iom", "ilo", "un-women"],
    ),
    # 000:178, Điều 3 of Decision 402
    (
        "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ, Thủ trưởng cơ quan thuộc Chính phủ, Chủ "
        "tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương và Thủ trưởng các cơ "
        "quan có liên quan",
        ["ministries-and-agencies", "provincial-peoples-committees", "relevant-bodies"],
    ),
    # 000:182 (with its typo "Thủ trưởng") and 002:37: the Prime Minister and his deputies
    ("Thủ trưởng, các Phó Thủ tướng Chính phủ", ["prime-minister"]),
    ("Thủ tướng, các Phó Thủ tướng Chính phủ", ["prime-minister"]),
    # 004:34-35, OCR
    (
        "Mit trdn TS quoc va céc td chirc\nchinh tri - x4 hoi trong tinh",
        ["vff", "socio-political-organisations"],
    ),
    ("Bộ Ngoại giao (Cục Lãnh sự)", ["mofa", "mofa-consular-department"]),
    ("1. Bộ Ngoại giao;\n2. Bộ Công an", ["mofa", "mps"]),
    ("**Bộ Tư pháp**, <b>Bộ Y tế</b>", ["moj", "moh"]),
    ("Bộ Du lịch, Bộ Thể thao và Bộ Ngoại giao", [None, None, "mofa"]),
    ("Bộ Ngoại giao và Sở Kế hoạch tỉnh Nghệ An", ["mofa", None]),
]


@pytest.mark.parametrize(("cell", "expected"), CELLS)
def test_cells_split_without_breaking_names(
    resolver: Resolver, cell: str, expected: list[str | None]
) -> None:
    # the Kiên Giang letter's bodies are bare names: read in the letter's province
    province = "Kiên Giang" if any(k and k.startswith("kien-giang") for k in expected) else None
    assert [r.key for r in resolver.resolve_cell(cell, province=province)] == expected


def test_unresolved_mentions_keep_their_text(resolver: Resolver) -> None:
    found = resolver.resolve_cell("Bộ Du lịch, Bộ Ngoại giao")
    assert [(r.mention, r.key) for r in found] == [("Bộ Du lịch", None), ("Bộ Ngoại giao", "mofa")]


@pytest.mark.parametrize("cell", ["", "   ", " - ", "\n\n", ";", "…"])
def test_empty_cells_give_no_mentions(resolver: Resolver, cell: str) -> None:
    assert resolver.resolve_cell(cell) == []


def test_short_ministry_names_after_nhu(resolver: Resolver) -> None:
    # 003 line 31
    text = (
        "các bộ, ngành liên quan như Công an, Quốc phòng, Nội vụ, Tư pháp, Y tế, "
        "Giáo dục và Đào tạo, Tài chính"
    )
    assert [r.key for r in resolver.resolve_short_names(text)] == [
        "relevant-bodies",
        "mps",
        "mod",
        "moha",
        "moj",
        "moh",
        "moet",
        "mof",
    ]


def test_short_names_do_not_guess(resolver: Resolver) -> None:
    found = resolver.resolve_short_names("Công an, Du lịch")
    assert [(r.mention, r.key) for r in found] == [("Công an", "mps"), ("Du lịch", None)]


def test_province_context_places_generic_provincial_labels(resolver: Resolver) -> None:
    assert resolver.resolve("Sở Tư pháp", province="Kiên Giang").key == "kien-giang-doj"
    # every province has its standard departments: Hải Dương's, not Kiên Giang's
    assert resolver.resolve("Sở Tư pháp", province="Hải Dương").key == "hai-duong/so-tu-phap"
    assert resolver.resolve("Bộ Tư pháp", province="Hải Dương").key == "moj"


# ------------------------------------------------------------------ collectives

COLLECTIVE_PHRASES = [
    "Các bộ, cơ quan, địa phương, tổ chức có liên quan theo yêu cầu của cơ quan chủ trì",
    "Các bộ, cơ quan, địa phương, cơ quan, tổ chức liên quan theo yêu cầu của cơ quan chủ trì",
    "các bộ, cơ quan, tổ chức, địa phương có liên quan",  # an ordering the corpus does not print
    "các bộ, ngành, địa phương liên quan",
    "Các bộ, ngành",
    "Bộ, ngành liên quan",
    "UBND các tỉnh, thành phố trực thuộc trung ương",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
    "Cơ quan đại diện Việt Nam ở nước ngoài",
    "Các tổ chức chính trị - xã hội",
    "các Bộ, ngành liên quan",
    "các ngành có liên quan",
    "Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
]


@pytest.mark.parametrize("phrase", COLLECTIVE_PHRASES)
def test_collectives_resolve_to_collective_actors_only(
    resolver: Resolver, gazetteer: Gazetteer, phrase: str
) -> None:
    res = resolver.resolve(phrase)
    assert res.key is not None, phrase
    assert res.collective
    assert gazetteer.agencies[res.key].kind == "CollectiveActor"


def test_no_collective_label_resolves_to_a_ministry(
    resolver: Resolver, gazetteer: Gazetteer
) -> None:
    ministries = {k for k, a in gazetteer.agencies.items() if not a.collective}
    for record in gazetteer.agencies.values():
        if not record.collective:
            continue
        for label in record.labels:
            for res in resolver.resolve_cell(label):
                assert res.key not in ministries, (label, res)


# ------------------------------------------------------------------ the appendix tables


def row_cells(path: Path, line: int) -> list[str]:
    """The cells of the table row starting at ``line`` (1-based), page-break parts joined.

    Continuation lines start with a tab; blank lines and repeated header lines in between
    are skipped (002 repeats the header after a page break).
    """
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[line - 1].split("\t")
    n = line
    while n < len(lines):
        nxt = lines[n]
        if not nxt.strip() or nxt.startswith("STT\t"):
            n += 1
            continue
        if not nxt.startswith("\t"):
            break
        for i, part in enumerate(nxt.split("\t")):
            if part.strip() and i < len(cells):
                cells[i] = f"{cells[i]}\n{part}"
        n += 1
    return cells


# (file, line of the row, column: 2 = lead, 3 = cooperating, expected keys), read by eye
APPENDIX_CELLS = [
    (F000, 207, 3, ["relevant-bodies", "vff", "vwu", "vcci"]),
    (F000, 209, 3, ["mofa", "relevant-bodies", "vff"]),
    (F000, 212, 2, ["mic", "mofa", "vff", "vwu", "cema"]),
    (
        F000,
        213,
        3,
        [
            "relevant-bodies",
            "socio-political-organisations",
            "socio-professional-organisations",
            "relevant-bodies",
        ],
    ),
    (F000, 214, 2, ["relevant-bodies"]),
    (F000, 215, 2, ["relevant-bodies"]),
    (F000, 216, 2, ["vff"]),
    (F000, 216, 3, ["socio-political-organisations"]),
    (
        F000,
        220,
        2,
        ["relevant-bodies", "provincial-peoples-committees", "overseas-missions"],
    ),
    (F000, 222, 3, ["mofa", "relevant-bodies"]),
    (F000, 223, 3, ["relevant-bodies"]),
    (F000, 229, 3, ["moj", "mps", "molisa", "moet", "relevant-bodies"]),
    (
        F000,
        246,
        3,
        ["mofa", "molisa", "moet", "provincial-peoples-committees", "relevant-bodies"],
    ),
    (F000, 250, 3, ["relevant-bodies"]),
    (F000, 261, 3, ["relevant-bodies", "overseas-missions"]),
    (
        F000,
        262,
        3,
        [
            "relevant-bodies",
            "socio-political-organisations",
            "socio-professional-organisations",
            "relevant-bodies",
        ],
    ),
    (F000, 263, 2, ["relevant-bodies"]),
    (F000, 268, 2, ["monre", "mard"]),
    (F000, 269, 3, ["relevant-bodies", "vss"]),
    (F000, 270, 3, ["vff", "relevant-bodies", "socio-political-organisations"]),
    (F000, 273, 2, ["provincial-peoples-committees"]),
    (F000, 277, 3, ["relevant-bodies", "overseas-missions"]),
    (F000, 283, 3, ["relevant-bodies", "overseas-missions"]),
    (F000, 288, 2, ["mofa", "relevant-bodies"]),
    (F000, 291, 2, ["molisa", "moet", "provincial-peoples-committees"]),
    (F000, 294, 2, ["molisa", "provincial-peoples-committees"]),
    (F000, 296, 2, ["vss"]),
    (F002, 170, 2, ["relevant-bodies", "provincial-peoples-committees"]),
    (F002, 171, 3, ["moj", "mofa", "provincial-peoples-committees"]),
    (F002, 172, 3, ["molisa", "relevant-bodies"]),
    (F002, 177, 3, ["moj", "mofa", "relevant-bodies"]),
    (F002, 183, 3, ["mof", "mofa", "mod", "cema", "provincial-peoples-committees"]),
    (F002, 190, 2, ["moha"]),
    (F002, 191, 3, ["mpi", "mofa", "relevant-bodies"]),
    (F002, 192, 2, ["provincial-peoples-committees"]),
    (F002, 194, 3, ["mofa", "moet", "moh", "relevant-bodies"]),
    (F002, 197, 3, ["molisa"]),
    (F002, 202, 3, ["most", "mic"]),
    (F002, 212, 3, ["relevant-bodies", "provincial-peoples-committees"]),
]


@pytest.mark.parametrize(("name", "line", "column", "expected"), APPENDIX_CELLS)
def test_hard_appendix_cells(
    resolver: Resolver,
    corpus_dir: Path,
    name: str,
    line: int,
    column: int,
    expected: list[str],
) -> None:
    cell = row_cells(corpus_dir / name, line)[column]
    assert keys(resolver, cell) == expected
    # the same cell with its page-break parts joined by a space instead of a line break
    assert keys(resolver, " ".join(cell.split("\n"))) == expected
