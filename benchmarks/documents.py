"""Synthetic corpus documents of the real genre, as text files: provincial plans with prose
assignments and an appendix table of tasks, official letters that forward a plan and
assign a department with a deadline, and decisions that adopt a plan with its appendix.

The layout follows the shipped corpus (headers, "Căn cứ" lines, sections I–III, the
appendix table with tab-separated columns STT / Nhiệm vụ / Cơ quan chủ trì / Cơ quan phối
hợp / Kết quả / Thời gian, group rows in bold, the header repeated at page breaks); the
agencies are those the corpus names. The same seed gives the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

PROVINCES = [
    "Kiên Giang", "Hải Dương", "An Giang", "Nghệ An", "Thanh Hóa", "Bắc Giang", "Quảng Ninh",
    "Lào Cai", "Hà Tĩnh", "Quảng Bình", "Đồng Tháp", "Cà Mau", "Bình Định", "Phú Thọ",
]  # fmt: skip
MINISTRIES = [
    "Bộ Lao động - Thương binh và Xã hội", "Bộ Ngoại giao", "Bộ Công an", "Bộ Tư pháp",
    "Bộ Tài chính", "Bộ Thông tin và Truyền thông", "Bộ Kế hoạch và Đầu tư",
    "Bộ Giáo dục và Đào tạo", "Bộ Y tế", "Bộ Nội vụ", "Bộ Quốc phòng",
]  # fmt: skip
DEPARTMENTS = [
    "Sở Ngoại vụ", "Sở Lao động - Thương binh và Xã hội", "Công an tỉnh", "Sở Tư pháp",
    "Sở Tài chính", "Sở Thông tin và Truyền thông", "Sở Kế hoạch và Đầu tư",
    "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Nội vụ",
]  # fmt: skip
COLLECTIVES = [
    "UBND các tỉnh, thành phố trực thuộc trung ương",
    "UBND các huyện, thị xã, thành phố",
    "Các bộ, cơ quan, địa phương, tổ chức có liên quan",
]
GROUPS = [
    "Tuyên truyền, nâng cao nhận thức về di cư an toàn, trật tự và hợp pháp",
    "Rà soát, hoàn thiện chính sách, pháp luật về di cư",
    "Nâng cao năng lực quản lý nhà nước về di cư",
    "Hợp tác quốc tế và bảo hộ công dân",
    "Thu thập, chia sẻ dữ liệu về di cư",
]
VERBS = ["Tổ chức", "Nghiên cứu", "Rà soát", "Xây dựng", "Tăng cường", "Triển khai"]
OBJECTS = [
    "tuyên truyền, phổ biến thông tin về di cư lao động cho người dân",
    "cơ sở dữ liệu về người lao động đi làm việc ở nước ngoài",
    "hướng dẫn người lao động về nước tìm kiếm việc làm phù hợp",
    "phối hợp bảo hộ công dân tại các địa bàn trọng điểm",
    "tập huấn nâng cao năng lực cho cán bộ làm công tác di cư",
    "kiểm tra việc chấp hành pháp luật của doanh nghiệp dịch vụ",
    "thống kê số liệu về người nước ngoài làm việc tại địa phương",
]
OUTPUTS = ["Báo cáo", "Kế hoạch", "Tài liệu tuyên truyền", "Hội nghị tập huấn", "Văn bản chỉ đạo"]
TIMES = ["Hằng năm", "Thường xuyên", "2025-2030", "Giai đoạn 2026-2030", "Năm 2026"]
HEADER = "STT\tNhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tKết quả\tThời gian"
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1, 28), rng.randint(1, 12), rng.randint(2020, 2026)


def _head(issuer: str, number: str, place: str, day: tuple[int, int, int]) -> list[str]:
    d, m, y = day
    return [
        f"**{issuer}**",
        "",
        "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  ",
        "**Độc lập - Tự do - Hạnh phúc**",
        "",
        f"Số: {number}",
        "",
        f"{place}, ngày {d} tháng {m} năm {y}",
        "",
    ]


def _task(rng: random.Random, lead_pool: list[str], coop_pool: list[str]) -> tuple[str, ...]:
    text = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}."
    lead = rng.choice(lead_pool)
    coops = rng.sample([a for a in coop_pool if a != lead], rng.randint(0, 3))
    if rng.random() < 0.6:
        coops.append(rng.choice(COLLECTIVES))
    return text, lead, ", ".join(coops), rng.choice(OUTPUTS), rng.choice(TIMES)


def _appendix(rng: random.Random, number: str, lead_pool: list[str], coop_pool: list[str]) -> list:
    lines = ["", "## Phụ lục", "", "### CÁC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH", ""]
    lines += [f"(Kèm theo Kế hoạch số {number})", "", HEADER]
    rows = 0
    for g, title in enumerate(rng.sample(GROUPS, rng.randint(3, 5))):
        lines.append(f"<b>{ROMAN[g]}. {title}</b>\t\t\t\t\t")
        for i in range(1, rng.randint(4, 12)):
            lines.append(f"{i}\t" + "\t".join(_task(rng, lead_pool, coop_pool)))
            rows += 1
            if rows % 9 == 0:  # a page break repeats the header
                lines += ["", HEADER]
    return lines


def plan(rng: random.Random, n: int) -> str:
    """A provincial plan implementing Decision 402/QĐ-TTg: prose and an appendix table."""
    province = PROVINCES[n % len(PROVINCES)]
    number = f"{100 + n}/KH-UBND"
    day = _date(rng)
    lead, *others = rng.sample(DEPARTMENTS, 4)
    lines = _head(f"ỦY BAN NHÂN DÂN TỈNH {province.upper()}", number, province, day)
    lines += [
        "**KẾ HOẠCH**",
        "",
        "**Triển khai thực hiện Quyết định số 402/QĐ-TTg ngày 20 tháng 3 năm 2020 của Thủ "
        "tướng Chính phủ ban hành Kế hoạch triển khai thực hiện Thỏa thuận toàn cầu về di cư "
        "an toàn, trật tự và hợp pháp của Liên hợp quốc**",
        "",
        "*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;*",
        "",
        "*Căn cứ Quyết định số 402/QĐ-TTg ngày 20 tháng 3 năm 2020 của Thủ tướng Chính phủ;*",
        "",
        f"Ủy ban nhân dân tỉnh {province} ban hành Kế hoạch triển khai thực hiện như sau:",
        "",
        "### I. MỤC ĐÍCH, YÊU CẦU",
        "",
        "- Triển khai đầy đủ, kịp thời các nhiệm vụ được giao tại Quyết định số 402/QĐ-TTg.",
        "",
        "### II. NHIỆM VỤ CHỦ YẾU",
        "",
    ]
    for dept in others:
        lines += [
            f"- {dept} chủ trì, phối hợp với {lead} {rng.choice(OBJECTS)}; hoàn thành trước "
            f"ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {day[2] + 1}.",
            "",
        ]
    lines += [
        "### III. TỔ CHỨC THỰC HIỆN",
        "",
        f"1. {lead} là cơ quan thường trực, theo dõi, đôn đốc việc thực hiện Kế hoạch.",
        "",
        "2. Các sở, ban, ngành định kỳ trước ngày 15 tháng 11 hằng năm gửi báo cáo kết quả "
        f"thực hiện về {lead} để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
    ]
    lines += _appendix(rng, number, DEPARTMENTS, DEPARTMENTS)
    return "\n".join(lines) + "\n"


def letter(rng: random.Random, n: int) -> str:
    """An official letter forwarding a plan and assigning a department, with a deadline."""
    province = PROVINCES[n % len(PROVINCES)]
    day = _date(rng)
    lead, *coops = rng.sample(DEPARTMENTS, 4)
    lines = _head(f"VĂN PHÒNG UBND TỈNH {province.upper()}", f"{1000 + n}/VP-VHXH", province, day)
    lines += [
        "V/v triển khai thực hiện Quyết định số 402/QĐ-TTg",
        "",
        f"Kính gửi: {lead}.",
        "",
        f"Thực hiện Quyết định số 402/QĐ-TTg ngày 20 tháng 3 năm 2020 của Thủ tướng Chính phủ, "
        f"Chủ tịch UBND tỉnh giao {lead} chủ trì, phối hợp với {', '.join(coops)} và các cơ "
        f"quan liên quan tham mưu UBND tỉnh ban hành Kế hoạch thực hiện trên địa bàn tỉnh, "
        f"trình UBND tỉnh trước ngày {rng.randint(1, 28)} tháng {day[1]} năm {day[2]}.",
        "",
        "Văn phòng UBND tỉnh thông báo để các cơ quan biết, thực hiện./.",
    ]
    return "\n".join(lines) + "\n"


def decision(rng: random.Random, n: int) -> str:
    """A ministry's decision adopting its plan, with the plan's appendix of tasks."""
    ministry = MINISTRIES[n % len(MINISTRIES)]
    number = f"{2000 + n}/QĐ-BLĐTBXH"
    day = _date(rng)
    lines = _head(ministry.upper(), number, "Hà Nội", day)
    lines += [
        "**QUYẾT ĐỊNH**",
        "",
        "**Ban hành Kế hoạch thực hiện Chỉ thị số 20-CT/TW ngày 12 tháng 12 năm 2022 của Ban "
        "Bí thư về công tác đưa người lao động Việt Nam đi làm việc ở nước ngoài**",
        "",
        "*Căn cứ Chỉ thị số 20-CT/TW ngày 12 tháng 12 năm 2022 của Ban Bí thư;*",
        "",
        "**QUYẾT ĐỊNH:**",
        "",
        "**Điều 1.** Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chỉ thị số 20-CT/TW.",
        "",
        "**Điều 2.** Quyết định này có hiệu lực kể từ ngày ký.",
        "",
        "**Điều 3.** Thủ trưởng các đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.",
    ]
    lines += _appendix(rng, number, MINISTRIES, MINISTRIES)
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, seed: int = 20) -> list[Path]:
    """Write ``count`` documents (plans, letters and decisions in turn) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    makers = (plan, letter, decision)
    paths = []
    for n in range(count):
        rng = random.Random(seed * 100_003 + n)
        path = folder / f"{n:05d}_{makers[n % 3].__name__}.txt"
        path.write_text(makers[n % 3](rng, n), encoding="utf-8")
        paths.append(path)
    return paths
