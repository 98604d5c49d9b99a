"""Colours and legend names shared by the network view and the charts."""

from __future__ import annotations

# Agency classes (ontology.AGENCY_CLASSES) and the other
# node kinds of the dependency and bipartite networks.
COLOURS: dict[str, str] = {
    "Ministry": "#1f77b4",
    "MinisterialLevelAgency": "#17becf",
    "GovernmentAgency": "#9467bd",
    "CentralGovernment": "#d62728",
    "StateBody": "#ad494a",
    "PartyBody": "#8c1c13",
    "ProvincialPeoplesCommittee": "#2ca02c",
    "ProvincialDepartment": "#7fbf4d",
    "ProvincialBody": "#bcbd22",
    "MassOrganisation": "#ff7f0e",
    "InternationalOrganisation": "#e377c2",
    "InteragencyBody": "#8c564b",
    "AgencyUnit": "#393b79",
    "CollectiveActor": "#9e9e9e",
    "Agency": "#7f7f7f",
    "instrument": "#6a3d9a",
    "convention": "#b087c9",
    "plan": "#b15928",
    "task": "#e0a030",
}

NAMES: dict[str, tuple[str, str]] = {
    "Ministry": ("Bộ", "Ministry"),
    "MinisterialLevelAgency": ("Cơ quan ngang bộ", "Ministerial-level agency"),
    "GovernmentAgency": ("Cơ quan thuộc Chính phủ", "Government agency"),
    "CentralGovernment": ("Chính phủ, Thủ tướng", "Government, Prime Minister"),
    "StateBody": ("Cơ quan nhà nước khác", "State body outside the Government"),
    "PartyBody": ("Cơ quan của Đảng", "Party body"),
    "ProvincialPeoplesCommittee": ("UBND tỉnh, thành phố", "Provincial People's Committee"),
    "ProvincialDepartment": ("Sở, ngành cấp tỉnh", "Provincial department"),
    "ProvincialBody": ("Cơ quan khác cấp tỉnh", "Other provincial body"),
    "MassOrganisation": ("Tổ chức chính trị - xã hội", "Mass organisation"),
    "InternationalOrganisation": ("Tổ chức quốc tế", "International organisation"),
    "InteragencyBody": ("Tổ chức phối hợp liên ngành", "Inter-agency body"),
    "AgencyUnit": ("Đơn vị trực thuộc cơ quan", "Unit of an agency"),
    "CollectiveActor": ("Chủ thể tập hợp (nhiều cơ quan)", "Collective actor (many bodies)"),
    "Agency": ("Cơ quan khác", "Other agency"),
    "instrument": ("Văn bản", "Instrument"),
    "convention": ("Điều ước quốc tế", "Convention"),
    "plan": ("Kế hoạch", "Plan"),
    "task": ("Nhiệm vụ", "Task"),
}

# Words the views draw, in both languages.
WORDS: dict[str, tuple[str, str]] = {
    "led": ("Chủ trì", "Leads"),
    "joined": ("Phối hợp", "Joins"),
    "load": ("Số nhiệm vụ", "Tasks"),
    "peak_load": ("Cao nhất trong một năm", "Most in one year"),
    "weighted_degree": ("Bậc có trọng số", "Weighted degree"),
    "betweenness": ("Độ trung gian", "Betweenness"),
    "community": ("Cộng đồng", "Community"),
    "type": ("Loại", "Type"),
    "code": ("Mã", "Code"),
    "plan": ("Kế hoạch", "Plan"),
    "years": ("Thời gian", "Years"),
    "deadline": ("Hạn", "Deadline"),
    "role": ("Vai trò", "Role"),
    "lead": ("chủ trì", "lead"),
    "cooperating": ("phối hợp", "cooperating"),
    "weight": ("Nhiệm vụ chung", "Shared tasks"),
    "relation": ("Quan hệ", "Relation"),
    "collective": ("Chủ thể tập hợp", "Collective actors"),
    "search": ("Tìm cơ quan", "Find a node"),
    "min_weight": ("Số nhiệm vụ chung tối thiểu", "Fewest shared tasks shown"),
    "legend": ("Chú giải", "Legend"),
    "open": ("Mở trang", "Open page"),
    "tasks_per_year": ("Nhiệm vụ đang thực hiện theo năm", "Active tasks per year"),
    "no_data": ("Không có dữ liệu", "No data"),
    "year": ("Năm", "Year"),
    # Relations of the dependency network (edge source → target).
    "implements": ("được triển khai bởi", "implemented by"),
    "adoptedBy": ("ban hành", "adopts"),
    "refersTo": ("được dẫn chiếu bởi", "referred to by"),
    "legalBasis": ("là căn cứ của", "legal basis of"),
    "hasTask": ("có nhiệm vụ", "has task"),
    "leadAgency": ("do cơ quan chủ trì", "led by"),
    "cooperatingAgency": ("có cơ quan phối hợp", "joined by"),
}


def colour(kind: str) -> str:
    """Fill colour for an agency class or node kind (grey when unknown)."""
    return COLOURS.get(kind, COLOURS["Agency"])


def pick(pair: tuple[str, str], lang: str) -> str:
    """The English of a (Vietnamese, English) pair for ``lang`` "en", else the Vietnamese."""
    return pair[1] if lang == "en" else pair[0]


def name(kind: str, lang: str = "vi") -> str:
    """Legend name of an agency class or node kind."""
    return pick(NAMES.get(kind, (kind, kind)), lang)


def word(key: str, lang: str = "vi") -> str:
    """A word of the interface in ``lang``."""
    return pick(WORDS.get(key, (key, key)), lang)
