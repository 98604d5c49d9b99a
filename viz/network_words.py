"""The network page's words and the explanation of each metric, in both languages."""

from __future__ import annotations

from viz.style import pick

# What each size metric means, shown beside the legend.
METRIC_HELP: dict[str, tuple[str, str]] = {
    "degree": (
        "Bậc: số nhiệm vụ chung với các cơ quan khác (cộng cả hai chiều); ở mạng phụ thuộc "
        "và mạng cơ quan – nhiệm vụ: số liên kết của nút.",
        "Degree: tasks shared with other agencies (both directions added up); in the "
        "dependency and agency–task networks: the node's number of links.",
    ),
    "load": (
        "Tải: số nhiệm vụ cơ quan chủ trì hoặc phối hợp trong các nhiệm vụ được chọn; "
        "nút không phải cơ quan lấy theo bậc.",
        "Load: tasks the agency leads or joins among the selected tasks; nodes other "
        "than agencies are sized by degree.",
    ),
    "betweenness": (
        "Độ trung gian: tỉ lệ đường đi ngắn nhất giữa hai cơ quan khác đi qua cơ quan này "
        "(khoảng cách = 1/số nhiệm vụ chung); cao là cầu nối giữa các nhóm. Chỉ có ở "
        "mạng phối hợp; trên 300 cơ quan được ước lượng từ 120 nguồn.",
        "Betweenness: share of shortest paths between two other agencies that pass through "
        "this one (distance = 1/shared tasks); high means a bridge between groups. "
        "Coordination network only; above 300 agencies it is estimated from 120 sources.",
    ),
    "community": (
        "Cộng đồng: nhóm cơ quan phối hợp với nhau nhiều hơn với bên ngoài (thuật toán "
        "Louvain); ở mạng khác, nhiệm vụ được gộp theo kế hoạch.",
        "Community: agencies that work together more than with the rest (Louvain); in "
        "the other networks tasks are folded by plan.",
    ),
}


def explanations(lang: str) -> dict[str, str]:
    """Each metric's explanation in ``lang``."""
    return {k: pick(v, lang) for k, v in METRIC_HELP.items()}


# Words of the network page and its script, in both languages.
PAGE_WORDS: dict[str, tuple[str, str]] = {
    "size_by": ("Kích thước theo", "Size by"),
    "colour_by": ("Màu theo", "Colour by"),
    "by_kind": ("Loại nút", "Kind of node"),
    "by_community": ("Cộng đồng", "Community"),
    "degree": ("Bậc", "Degree"),
    "load": ("Tải (số nhiệm vụ)", "Load (tasks)"),
    "betweenness": ("Độ trung gian", "Betweenness"),
    "community": ("Cộng đồng", "Community"),
    "search": ("Tìm nút", "Find a node"),
    "reset": ("Xem toàn bộ", "Show all"),
    "empty": (
        "Bộ lọc này không giữ lại nút nào. Hãy bỏ bớt bộ lọc (kế hoạch, văn bản, năm).",
        "This filter leaves no node. Remove a filter (plan, instrument, year).",
    ),
    "hint": (
        "Bấm vào một nút để xem các đối tác và nhiệm vụ chung; bấm vào một ô vuông để mở "
        "nhóm; bấm vào nền để bỏ chọn.",
        "Click a node to see its partners and shared tasks; click a square to open the "
        "group; click the background to clear.",
    ),
    "open": ("Mở trang", "Open page"),
    "partners": ("Đối tác và nhiệm vụ chung", "Partners and shared tasks"),
    "legend": ("Chú giải", "Legend"),
    "colours": ("Màu", "Colours"),
    "sizes": ("Kích thước", "Sizes"),
    "shapes": ("Hình và cạnh", "Shapes and edges"),
    "shape_node": ("Hình tròn: một nút", "Disc: one node"),
    "shape_group": (
        "Hình vuông: một nhóm được gộp (bấm để mở)",
        "Square: a folded group (click to open)",
    ),
    "arrow_coordination": (
        "Mũi tên: từ cơ quan chủ trì đến cơ quan phối hợp",
        "Arrow: from the lead agency to the cooperating agency",
    ),
    "arrow_dependency": (
        "Mũi tên: từ nghĩa vụ đến nơi thực hiện nó (văn bản → kế hoạch → nhiệm vụ → cơ quan)",
        "Arrow: from an obligation to what carries it out (instrument → plan → task → agency)",
    ),
    "arrow_bipartite": ("", ""),
    "edge_width": (
        "Độ dày cạnh: số nhiệm vụ chung (cạnh nhạt: vai trò phối hợp)",
        "Edge width: shared tasks (light edge: a cooperating role)",
    ),
    "metrics": ("Các chỉ số", "The metrics"),
    "export": ("Tải mạng lưới (theo bộ lọc)", "Download this network (as filtered)"),
    "shown_note": (
        "hiện %d nút hàng đầu, %d nút khác gộp vào các ô vuông",
        "showing the top %d nodes, %d more folded into squares",
    ),
    "shared": ("nhiệm vụ chung", "shared tasks"),
    "more": ("và %d nữa", "and %d more"),
    "loading": ("Đang tải…", "Loading…"),
    "failed": ("Không tải được", "Could not load"),
}


def words(lang: str) -> dict[str, str]:
    """The page's words in ``lang``."""
    return {k: pick(v, lang) for k, v in PAGE_WORDS.items()}
