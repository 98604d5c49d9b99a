"""The agency gazetteer: its data file, its provinces and change events, and its RDF.

Expected facts come from reading data/reference/*.csv and the corpus, not from the
program's output.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from loaders.gazetteer import AGENCY_TYPES, Gazetteer
from loaders.resolver import Resolver
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG, ORG
from migkg.text import fold

# The keys the shared vocabulary fixes (nothing may rename them).
FIXED_KEYS = [
    "mofa", "mps", "moj", "mod", "molisa", "mic", "moet", "moh", "mpi", "monre", "mard",
    "mof", "most", "moha", "cema", "vss", "vff", "vwu", "vgcl", "hcyu", "vcci", "government",
    "prime-minister", "party-secretariat", "cpec", "mae", "mera", "cpmm", "iom", "ilo",
    "un-women", "giz",
]  # fmt: skip


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def graph(gazetteer: Gazetteer):
    return gazetteer.to_graph()


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


# ------------------------------------------------------------------ the data file


@pytest.mark.parametrize("key", FIXED_KEYS)
def test_fixed_keys_are_present(gazetteer: Gazetteer, key: str) -> None:
    assert key in gazetteer.agencies


def test_keys_are_stable_slugs(gazetteer: Gazetteer) -> None:
    for key, record in gazetteer.agencies.items():
        assert key == record.key
        # a generated provincial body: <province slug>/<body slug> (id:agency/ca-mau/so-ngoai-vu)
        assert all(iris.slug(part) == part for part in key.split("/")), key
        assert key.count("/") == (1 if record.generated else 0), key
        assert str(record.iri) == f"https://w3id.org/migkg/id/agency/{key}"


def test_every_agency_has_vi_and_en_labels(gazetteer: Gazetteer) -> None:
    for record in gazetteer.agencies.values():
        assert record.label_vi and record.label_en, record.key
        assert unicodedata.is_normalized("NFC", record.label_vi), record.key
        assert has_diacritics(record.label_vi), record.key
        assert record.kind in AGENCY_TYPES
        assert all(unicodedata.is_normalized("NFC", a) for a in record.alt_labels)


def test_every_alt_label_resolves_back_to_its_own_agency(gazetteer: Gazetteer) -> None:
    resolver = Resolver(gazetteer)
    for record in gazetteer.records():
        for label in record.labels:
            # a provincial body's bare labels ("Sở Ngoại vụ") name it in its own province only
            found = resolver.resolve(label, province=record.province).key
            assert found == record.key, (record.key, label)


def test_no_label_is_shared_by_two_agencies(gazetteer: Gazetteer) -> None:
    owner: dict[str, str] = {}
    for record in gazetteer.agencies.values():
        for label in record.labels:
            assert owner.setdefault(label, record.key) == record.key, label


def test_spellings_the_corpus_prints_are_alt_labels(gazetteer: Gazetteer) -> None:
    # as printed: 002:146, 002:197, 000:212, 000:20, 004:1, 004:6, 001:4
    expected = {
        "molisa": ["Bộ Lao động – Thương binh và Xã hội", "Bộ Lao động – Thương binh và xã hội"],
        "vwu": ["Hội Liên Hiệp phụ nữ Việt Nam"],
        "kien-giang-military-command": ["BCH Quân sự tỉnh"],
        "hai-duong-party-committee": ["TiNH UY HAI DUONG"],
        "party-secretariat": ["Ban Bf thw", "Ban Bi thu"],
    }
    for key, spellings in expected.items():
        for spelling in spellings:
            assert spelling in gazetteer.agencies[key].alt_labels
    assert gazetteer.agencies["un-women"].label_vi == (
        "Cơ quan Liên hợp quốc về bình đẳng giới và trao quyền cho phụ nữ"
    )
    assert "MOLISA" in gazetteer.agencies["molisa"].alt_labels
    assert "MOFA" in gazetteer.agencies["mofa"].alt_labels


def test_provincial_bodies_have_their_province(gazetteer: Gazetteer) -> None:
    # the seven bodies the Kiên Giang letter names (000:14-20) and the PPC
    kien_giang = [k for k, a in gazetteer.agencies.items() if a.province == "Kiên Giang"]
    assert len(kien_giang) >= 8
    for record in gazetteer.agencies.values():
        if record.level == "provincial" and not record.collective:
            assert record.province in gazetteer.provinces, record.key


def test_collectives_are_collective_actors(gazetteer: Gazetteer) -> None:
    collectives = {k for k, a in gazetteer.agencies.items() if a.collective}
    assert {
        "relevant-bodies",
        "provincial-peoples-committees",
        "overseas-missions",
        "socio-political-organisations",
    } <= collectives
    assert all(gazetteer.agencies[k].kind == "CollectiveActor" for k in collectives)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[agency]]\nkey = "x"\nvi = "Bộ X"\nen = "X"\n', "missing type"),
        ('[[agency]]\nkey = "Bad Key"\nvi = "Bộ X"\nen = "X"\ntype = "Ministry"\n'
         'level = "central"\n', "not a slug"),
        ('[[agency]]\nkey = "x"\nvi = "Bộ X"\nen = "X"\ntype = "Kingdom"\nlevel = "central"\n',
         "unknown type"),
        ('[[agency]]\nkey = "x"\nvi = "Sở X"\nen = "X"\ntype = "ProvincialDepartment"\n'
         'level = "provincial"\n', "needs a province"),
        ('[[agency]]\nkey = "x"\nvi = "Bộ X"\nen = "X"\ntype = "Ministry"\nlevel = "central"\n'
         '[[agency]]\nkey = "x"\nvi = "Bộ Y"\nen = "Y"\ntype = "Ministry"\nlevel = "central"\n',
         "used twice"),
        ("[[agency]\n", "not valid TOML"),
    ],
)  # fmt: skip
def test_bad_gazetteer_files_name_the_file_and_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "agencies.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        Gazetteer.load(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


# ------------------------------------------------------------------ RDF of agencies


def test_agency_triples(graph) -> None:
    mofa = iris.agency("mofa")
    assert (mofa, RDF.type, MKG.Ministry) in graph
    assert (mofa, RDFS.label, Literal("Bộ Ngoại giao", lang="vi")) in graph
    assert (mofa, RDFS.label, Literal("Ministry of Foreign Affairs", lang="en")) in graph
    assert (mofa, SKOS.altLabel, Literal("MOFA")) in graph
    assert (mofa, MKG.level, Literal("central")) in graph
    dofa = iris.agency("kien-giang-dofa")
    assert (dofa, RDF.type, MKG.ProvincialDepartment) in graph
    assert (dofa, MKG.province, iris.province("Kiên Giang")) in graph
    assert (iris.agency("relevant-bodies"), RDF.type, MKG.CollectiveActor) in graph
    assert (iris.agency("national-assembly"), RDF.type, MKG.StateBody) in graph
    consular = iris.agency("mofa-consular-department")
    assert (consular, RDF.type, MKG.AgencyUnit) in graph
    assert (consular, ORG.subOrganizationOf, mofa) in graph


def test_every_agency_has_both_labels_in_the_graph(graph, gazetteer: Gazetteer) -> None:
    for record in gazetteer.agencies.values():
        langs = {o.language for o in graph.objects(record.iri, RDFS.label)}
        assert {"vi", "en"} <= langs, record.key


def test_the_graph_is_the_same_on_every_load() -> None:
    first = Gazetteer.load().to_graph()
    second = Gazetteer.load().to_graph()
    assert set(first) == set(second)


# ------------------------------------------------------------------ provinces


def test_63_provinces_before_and_34_after(gazetteer: Gazetteer, graph) -> None:
    provinces = set(graph.subjects(RDF.type, MKG.Province))
    assert len(provinces) == 63
    ended = set(graph.subjects(MKG.validUntil, None)) & provinces
    assert len(provinces - ended) == 34


def test_the_corpus_provinces_and_their_mergers(graph) -> None:
    kg, ag = iris.province("Kiên Giang"), iris.province("An Giang")
    hd, hp = iris.province("Hải Dương"), iris.province("Hải Phòng")
    last_day = Literal(dt.date(2025, 6, 30), datatype=XSD.date)
    assert (kg, MKG.validUntil, last_day) in graph
    assert (hd, MKG.validUntil, last_day) in graph
    assert (ag, MKG.validUntil, None) not in graph
    assert (kg, RDFS.label, Literal("Kiên Giang", lang="vi")) in graph
    assert (kg, MKG.provinceKind, Literal("province")) in graph
    assert (hp, MKG.provinceKind, Literal("city")) in graph
    event = iris.resource("change", "2025", "province-an-giang")
    assert (event, RDF.type, ORG.ChangeEvent) in graph
    assert (event, ORG.originalOrganization, kg) in graph
    assert (event, ORG.resultingOrganization, ag) in graph
    assert (event, DCTERMS.date, Literal(dt.date(2025, 7, 1), datatype=XSD.date)) in graph
    assert (event, MKG.referenceStatus, Literal("confirmed")) in graph
    merged = iris.resource("change", "2025", "province-hai-phong")
    assert (merged, ORG.originalOrganization, hd) in graph


def test_reference_status_is_kept(graph) -> None:
    # provinces_2025.csv (re-checked): "Hà Giang,Tuyên Quang,province,confirmed";
    # "Hà Nội,Hà Nội,city,confirmed"
    assert (iris.province("Hà Giang"), MKG.referenceStatus, Literal("confirmed")) in graph
    assert (iris.province("Hà Nội"), MKG.referenceStatus, Literal("confirmed")) in graph
    event = iris.resource("change", "2025", "province-tuyen-quang")
    assert (event, MKG.referenceStatus, Literal("confirmed")) in graph
    assert (event, MKG.referenceStatus, Literal("to verify")) not in graph
    assert (iris.province("Lạng Sơn"), MKG.referenceStatus, Literal("confirmed")) in graph


# ------------------------------------------------------------------ the 2025 restructuring

# restructuring_2025.csv, one row each: (predecessor, successor, kind, date)
CHANGES = [
    ("molisa", "moha", "merged into", "2025-03-01"),
    ("molisa", "moet", "functions moved to", "2025-03-01"),
    ("molisa", "moh", "functions moved to", "2025-03-01"),
    ("molisa", "mps", "functions moved to", "2025-03-01"),
    ("molisa", "mae", "functions moved to", "2025-03-01"),
    ("molisa", "moha", "functions moved to", "2025-03-01"),
    ("molisa-dolab", "moha-dolab", "moved to", "2025-03-01"),
    ("mot", "moc", "merged into", "2025-03-01"),
    ("religious-affairs-committee", "mera", "merged into", "2025-03-01"),
    ("mofa-consular-department", "mofa-consular-department", "kept", "2025-03-01"),
    ("mpi", "mof", "merged into", "2025-03-01"),
    ("mic", "most", "merged into", "2025-03-01"),
    ("monre", "mae", "merged into", "2025-03-01"),
    ("mard", "mae", "merged into", "2025-03-01"),
    ("cema", "mera", "became", "2025-03-01"),
    ("vss", "mof", "placed under", "2025-03-01"),
    ("cpec", "cpmm", "merged with Ban Dân vận Trung ương into", "2025-01-24"),
]


@pytest.mark.parametrize(("before", "after", "kind", "date"), CHANGES)
def test_change_events_of_2025(graph, before: str, after: str, kind: str, date: str) -> None:
    events = [
        e
        for e in graph.subjects(ORG.originalOrganization, iris.agency(before))
        if (e, ORG.resultingOrganization, iris.agency(after)) in graph
        and (e, MKG.changeKind, Literal(kind)) in graph
    ]
    assert len(events) == 1
    event = events[0]
    assert (event, RDF.type, ORG.ChangeEvent) in graph
    assert (event, MKG.changeKind, Literal(kind)) in graph
    assert (event, DCTERMS.date, Literal(dt.date.fromisoformat(date), datatype=XSD.date)) in graph
    assert (event, MKG.referenceStatus, Literal("confirmed")) in graph
    assert (event, MKG.basisText, None) in graph
    assert (event, DCTERMS.source, None) in graph


def test_change_event_iris_and_basis(graph) -> None:
    event = iris.resource("change", "2025", "molisa-merged-into-moha")
    assert (
        event,
        MKG.basisText,
        Literal(
            "Resolution 176/2025/QH15; Decree 25/2025/NĐ-CP of 21 Feb 2025 "
            "(MOHA functions, in force 1 Mar 2025)"
        ),
    ) in graph
    vss = iris.resource("change", "2025", "vss-placed-under-mof")
    assert (vss, MKG.basisText, Literal("Decision 391/QĐ-BTC (26 Feb 2025)")) in graph


def test_the_mass_mobilisation_commission_is_an_original_too(graph) -> None:
    event = iris.resource("change", "2025", "cpec-merged-into-cpmm")
    assert (event, ORG.originalOrganization, iris.agency("cmmc")) in graph


def test_merged_bodies_end_and_new_ones_begin(graph) -> None:
    feb_28 = Literal(dt.date(2025, 2, 28), datatype=XSD.date)
    for key in ("molisa", "mpi", "mic", "monre", "mard", "cema", "mot", "molisa-dolab"):
        assert (iris.agency(key), MKG.validUntil, feb_28) in graph, key
    for key in ("moha", "mof", "most", "vss", "moet", "mofa-consular-department", "moha-dolab"):
        assert (iris.agency(key), MKG.validUntil, None) not in graph, key
    mar_1 = Literal(dt.date(2025, 3, 1), datatype=XSD.date)
    assert (iris.agency("mae"), MKG.validFrom, mar_1) in graph


def test_a_change_naming_an_unknown_body_is_refused(tmp_path: Path) -> None:
    ref = Path(__file__).resolve().parent.parent / "data" / "reference"
    for name in ("provinces_2025.csv", "restructuring_2025.csv"):
        (tmp_path / name).write_text((ref / name).read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "restructuring_2025.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "Bộ Du lịch,Ministry of Tourism,merged into,Bộ Nội vụ,MOHA,2025-03-01,x,confirmed,\n"
        )
    with pytest.raises(InputError) as err:
        Gazetteer.load(reference_dir=tmp_path)
    assert "restructuring_2025.csv:19" in str(err.value)
    assert "Bộ Du lịch" in str(err.value)


def test_the_end_of_the_district_level_is_a_change(graph) -> None:
    # local_government_2025.csv: "district_level_ends … 2025-07-01, Resolution 203/2025/QH15
    # Art. 2; Law 72/2025/QH15 Art. 51(3)"; the communes take most district tasks, the province
    # those that need province-wide handling
    event = iris.resource("change", "2025", "district-level-abolished")
    assert (event, ORG.originalOrganization, iris.agency("district-peoples-committees")) in graph
    assert (event, ORG.resultingOrganization, iris.agency("commune-peoples-committees")) in graph
    assert (event, ORG.resultingOrganization, iris.agency("provincial-peoples-committees")) in graph
    assert (event, DCTERMS.date, Literal(dt.date(2025, 7, 1), datatype=XSD.date)) in graph
    assert "Resolution 203/2025/QH15" in str(graph.value(event, MKG.basisText))
    last_day = Literal(dt.date(2025, 6, 30), datatype=XSD.date)
    assert (iris.agency("district-peoples-committees"), MKG.validUntil, last_day) in graph
