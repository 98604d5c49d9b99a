"""The reader's language: Vietnamese (default) or English, from ``?lang=`` or a cookie.

UI strings live in one table with both languages; labels from the graph are picked
per language with a fallback to the other (see ``pick``).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from flask import Flask, Response, g, request

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
COOKIE = "lang"

# key → (Vietnamese, English)
STRINGS: dict[str, tuple[str, str]] = {
    "site.title": ("Đồ thị tri thức di cư", "Migration knowledge graph"),
    "site.tagline": (
        "Nghĩa vụ quản trị di cư của Việt Nam: văn kiện, kế hoạch, nhiệm vụ và cơ quan.",
        "Viet Nam's migration-governance obligations: instruments, plans, tasks and agencies.",
    ),
    "nav.home": ("Trang chủ", "Home"),
    "nav.sparql": ("SPARQL", "SPARQL"),
    "nav.queries": ("Câu hỏi", "Queries"),
    "nav.network": ("Mạng lưới", "Network"),
    "nav.charts": ("Biểu đồ", "Charts"),
    "nav.exports": ("Xuất dữ liệu", "Exports"),
    "nav.main": ("Điều hướng chính", "Main navigation"),
    "lang.switch": ("English", "Tiếng Việt"),
    "lang.switch_title": ("Switch to English", "Chuyển sang tiếng Việt"),
    # home
    "home.holds": ("Đồ thị chứa", "The graph holds"),
    "home.documents": ("Văn bản nguồn", "Source documents"),
    "home.tasks": ("nhiệm vụ", "tasks"),
    "home.task_groups": ("nhóm nhiệm vụ", "task groups"),
    "home.agencies": ("cơ quan", "agencies"),
    "home.instruments": ("văn kiện", "instruments"),
    "home.plans": ("kế hoạch", "plans"),
    "home.conventions": ("công ước", "conventions"),
    "home.triples": ("bộ ba RDF", "RDF triples"),
    "home.most_loaded": ("Cơ quan được giao nhiều nhất", "Most loaded agencies"),
    "home.deadlines": ("Thời hạn sắp tới", "Deadlines ahead"),
    "home.no_deadlines": ("Không có thời hạn nào sắp tới.", "No deadlines ahead."),
    "home.from_document": ("Kế hoạch, sự kiện", "Plans and events"),
    "home.instruments_named": ("văn kiện được nêu", "instruments named"),
    # common columns
    "col.agency": ("Cơ quan", "Agency"),
    "col.led": ("Chủ trì", "Leads"),
    "col.joined": ("Phối hợp", "Joins"),
    "col.total": ("Tổng", "Total"),
    "col.code": ("Mã", "Code"),
    "col.task": ("Nhiệm vụ", "Task"),
    "col.plan": ("Kế hoạch", "Plan"),
    "col.due": ("Hạn", "Due"),
    "col.property": ("Thuộc tính", "Property"),
    "col.value": ("Giá trị", "Value"),
    "col.subject": ("Chủ thể", "Subject"),
    "col.instrument": ("Văn kiện", "Instrument"),
    "col.status": ("Tình trạng của Việt Nam", "Viet Nam's status"),
    "col.shared": ("Nhiệm vụ chung", "Shared tasks"),
    "col.kind": ("Loại", "Kind"),
    "col.file": ("Tệp", "File"),
    "col.format": ("Định dạng", "Format"),
    "col.download": ("Tải về", "Download"),
    # resource pages
    "kind.agency": ("Cơ quan", "Agency"),
    "kind.task": ("Nhiệm vụ", "Task"),
    "kind.plan": ("Kế hoạch", "Plan"),
    "kind.instrument": ("Văn kiện", "Instrument"),
    "kind.convention": ("Công ước", "Convention"),
    "kind.province": ("Tỉnh, thành phố", "Province"),
    "kind.resource": ("Tài nguyên", "Resource"),
    "res.iri": ("IRI", "IRI"),
    "res.other_names": ("Tên gọi khác", "Other names"),
    "res.tasks_led": ("Nhiệm vụ chủ trì", "Tasks it leads"),
    "res.tasks_joined": ("Nhiệm vụ phối hợp", "Tasks it joins"),
    "res.partners": ("Cơ quan cùng thực hiện", "Agencies it works with"),
    "res.none": ("Không có.", "None."),
    "res.lead": ("Cơ quan chủ trì", "Lead agencies"),
    "res.cooperating": ("Cơ quan phối hợp", "Cooperating agencies"),
    "res.output": ("Kết quả dự kiến", "Expected output"),
    "res.timeframe": ("Thời gian thực hiện", "Timeframe"),
    "res.years": ("Năm", "Years"),
    "res.recurrence": ("Tần suất", "Recurrence"),
    "res.deadline": ("Hạn chót", "Deadline"),
    "res.parent": ("Thuộc nhóm", "Part of"),
    "res.children": ("Nhiệm vụ con", "Sub-tasks"),
    "res.refers_to": ("Dẫn chiếu văn kiện", "Refers to"),
    "res.referred_by": ("Được dẫn chiếu bởi", "Referred to by"),
    "res.source": ("Nguồn", "Source"),
    "res.lines": ("dòng", "lines"),
    "res.section": ("mục", "section"),
    "res.plan_tasks": ("Các nhiệm vụ của kế hoạch", "Tasks of the plan"),
    "res.links": ("Liên kết với văn kiện khác", "Links to other instruments"),
    "res.incoming": ("Được liên kết từ", "Linked from"),
    "res.data": ("Toàn bộ dữ liệu", "All data"),
    "res.agencies_here": ("Cơ quan tại địa phương", "Bodies in the province"),
    "res.changes": ("Thay đổi tổ chức", "Restructuring"),
    "res.level": ("Cấp", "Level"),
    "res.adopted_by": ("Ban hành kèm theo", "Adopted by"),
    "res.date_issued": ("Ngày ban hành", "Date issued"),
    "res.issued_by": ("Cơ quan ban hành", "Issued by"),
    "res.title": ("Tiêu đề", "Title"),
    "res.subject": ("V/v", "Subject"),
    "res.treaty_body": ("Tổ chức, năm thông qua", "Body, year adopted"),
    "res.valid_from": ("Hiệu lực từ", "Valid from"),
    "res.valid_until": ("Hiệu lực đến", "Valid until"),
    "res.reference_status": ("Mức độ xác nhận", "Reference status"),
    "res.as_rdf": ("Tải mô tả", "Download the description"),
    # SPARQL page
    "sparql.title": ("Truy vấn SPARQL", "SPARQL query"),
    "sparql.examples": ("Ví dụ", "Examples"),
    "sparql.choose": ("— chọn một câu hỏi mẫu —", "— pick a canned query —"),
    "sparql.run": ("Chạy", "Run"),
    "sparql.share": ("Liên kết chia sẻ", "Shareable link"),
    "sparql.downloads": ("Tải kết quả", "Download results"),
    "sparql.running": ("Đang chạy…", "Running…"),
    "sparql.rows": ("dòng", "rows"),
    "sparql.truncated": ("đã cắt ở mức tối đa", "cut at the limit of"),
    "sparql.editor": ("Trình soạn truy vấn", "Query editor"),
    "sparql.noscript": (
        "Trang này cần JavaScript để chạy truy vấn; có thể dùng các liên kết tải về.",
        "This page needs JavaScript to run queries; the download links work without it.",
    ),
    # queries page
    "queries.title": ("Câu hỏi phân tích", "Analyst questions"),
    "queries.intro": (
        "Các truy vấn SPARQL soạn sẵn; điền tham số rồi chạy, hoặc mở trong trình soạn.",
        "Canned SPARQL queries; fill in the parameters and run, or open them in the editor.",
    ),
    "queries.none": ("Chưa có câu hỏi soạn sẵn.", "No canned queries yet."),
    "queries.run": ("Chạy", "Run"),
    "queries.open_editor": ("Mở trong trình soạn SPARQL", "Open in the SPARQL editor"),
    "queries.results": ("Kết quả", "Results"),
    "queries.no_rows": ("Không có kết quả.", "No results."),
    # network / charts / exports
    "network.title": ("Mạng lưới phối hợp giữa các cơ quan", "Agency coordination network"),
    "network.filters": ("Bộ lọc", "Filters"),
    "network.all": ("Tất cả", "All"),
    "network.year": ("Năm", "Year"),
    "network.collectives": ("Hiện chủ thể tập hợp", "Show collective actors"),
    "network.apply": ("Áp dụng", "Apply"),
    "network.kind": ("Mạng", "Network"),
    "network.unavailable": ("Chưa có mạng lưới.", "The network is not available yet."),
    "network.coordination": ("Phối hợp giữa các cơ quan", "Agency coordination"),
    "network.dependency": (
        "Văn kiện → kế hoạch → nhiệm vụ → cơ quan",
        "Instrument → plan → task → agency",
    ),
    "network.bipartite": ("Cơ quan – nhiệm vụ", "Agencies and tasks"),
    "network.nodes": ("nút", "nodes"),
    "network.edges": ("cạnh", "edges"),
    "charts.title": ("Biểu đồ", "Charts"),
    "charts.load": ("Khối lượng nhiệm vụ theo cơ quan", "Load per agency"),
    "charts.heatmap": ("Nhiệm vụ đang thực hiện theo năm", "Active tasks per year"),
    "charts.timeline": ("Tiến độ", "Timeline"),
    "charts.timeline_agency": ("Cơ quan (tiến độ)", "Agency (timeline)"),
    "charts.unavailable": ("Chưa có biểu đồ.", "The charts are not available yet."),
    "exports.title": ("Xuất dữ liệu", "Exports"),
    "exports.graph": ("Toàn bộ đồ thị", "The whole graph"),
    "exports.networks": ("Mạng lưới", "Networks"),
    "exports.intro": (
        "Mọi tệp đều được tạo từ đồ thị hiện tại.",
        "Every file is made from the graph as it is now.",
    ),
    "exports.filters_note": (
        "Mạng lưới có thể lọc theo kế hoạch, văn kiện, năm và chủ thể tập hợp.",
        "Networks can be filtered by plan, instrument, year and collective actors.",
    ),
    "exports.unavailable": ("Chưa có tệp xuất.", "Exports are not available yet."),
    # errors
    "error.title": ("Lỗi", "Error"),
    "error.not_found": ("Không tìm thấy trang hoặc tài nguyên này.", "No such page or resource."),
    "error.back_home": ("Về trang chủ", "Back to the home page"),
}


def current_lang() -> str:
    """The language of this request (``vi`` or ``en``)."""
    return getattr(g, "lang", DEFAULT_LANG)


def other_lang(lang: str | None = None) -> str:
    """The language that is not ``lang``."""
    return "en" if (lang or current_lang()) == "vi" else "vi"


def t(key: str, lang: str | None = None) -> str:
    """A UI string in the reader's language (the key itself when the table lacks it)."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    return pair[0] if (lang or current_lang()) == "vi" else pair[1]


def pick(labels: Mapping[str, str], lang: str | None = None) -> str | None:
    """The label in ``lang``, else in the other language, else an untagged one, else any."""
    lang = lang or current_lang()
    for want in (lang, other_lang(lang), ""):
        if labels.get(want):
            return labels[want]
    return next(iter(labels.values()), None)


def lang_url(lang: str) -> str:
    """This page's URL with ``lang`` set (other parameters kept)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    args.append(("lang", lang))
    return f"{request.path}?{urlencode(args)}"


def _choose_lang() -> None:
    asked = request.args.get("lang", "")
    if asked in LANGS:
        g.lang, g.lang_asked = asked, True
        return
    cookie = request.cookies.get(COOKIE, "")
    g.lang = cookie if cookie in LANGS else DEFAULT_LANG


def _remember_lang(response: Response) -> Response:
    # The choice made by ?lang= sticks for later pages.
    if getattr(g, "lang_asked", False) and request.cookies.get(COOKIE) != g.lang:
        response.set_cookie(COOKIE, g.lang, max_age=365 * 24 * 3600, samesite="Lax")
    return response


def init_app(app: Flask) -> None:
    """Choose the language before each request; make ``_`` and friends known to templates."""
    app.before_request(_choose_lang)
    app.after_request(_remember_lang)

    @app.context_processor
    def _inject() -> dict[str, object]:
        lang = current_lang()
        return {"_": t, "lang": lang, "other_lang": other_lang(lang), "lang_url": lang_url}
