"""Reading the genre: documents nobody on the team wrote, scored against what they state.

tests/data/genre holds real plans, decisions, letters and portal news with the facts each
states, written down by reading it (README.md there). Each is built alone with the pipeline
and read back through the public RDF contract (genre_score.py). The acceptance figures are
totals over the folder.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from genre_score import (
    CATEGORIES,
    GENRES,
    HEADER_KEYS,
    LINK_KINDS,
    Counts,
    DocScore,
    View,
    fold,
    genre_pairs,
    load_expected,
    most_specific_links,
    norm_number,
    score_folder,
    score_graph,
    totals,
)
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDFS, SKOS, XSD

GENRE = Path(__file__).resolve().parent / "data" / "genre"
MKG = Namespace("https://w3id.org/migkg/ontology#")
ID = Namespace("https://w3id.org/migkg/id/")
PAIRS = genre_pairs(GENRE)
FACTS = {txt.stem: load_expected(toml) for txt, toml in PAIRS}
REQUIRED_GENRES = {"plan", "decision", "letter", "news"}
ROLES = {"lead", "cooperating", "responsible"}
RECURRENCES = {"annual", "semiannual", "once", "quarterly", "monthly"}
# Bodies a text names only through their head's title (folded): the title to look for.
OFFICE_OF_BODY = {"bo chi huy quan su tinh": "luc luong vu trang tinh"}


# --- the corpus itself


def test_every_text_has_its_facts_and_every_facts_file_its_text() -> None:
    texts = {p.stem for p in GENRE.glob("*.txt")}
    facts = {p.stem for p in GENRE.glob("*.toml")}
    assert texts == facts
    assert all(re.fullmatch(r"\d\d_[a-z0-9-]+", stem) for stem in texts)


def test_the_corpus_is_large_and_varied_enough() -> None:
    assert len(FACTS) >= 30
    sources = set()
    for facts in FACTS.values():
        if facts["province"]:
            sources.add(facts["province"])
        else:  # a national body counts once per issuer
            sources.add(facts.get("header", {}).get("issuer", "national"))
    assert len(sources) >= 15, sorted(sources)
    assert REQUIRED_GENRES <= {facts["genre"] for facts in FACTS.values()}


@pytest.mark.parametrize("stem", sorted(FACTS))
def test_facts_file_follows_the_schema(stem: str) -> None:
    facts = FACTS[stem]
    assert re.match(r"https?://\S+$", facts["source"])
    assert facts["genre"] in GENRES
    assert isinstance(facts["province"], str) and isinstance(facts["truncated"], bool)
    header = facts.get("header", {})
    assert set(header) <= {*HEADER_KEYS, "issuer_province"}
    if "date" in header:
        date.fromisoformat(header["date"])
    if "number" in header:
        assert " " not in header["number"] and "–" not in header["number"]
    for link in facts.get("links", []):
        assert link["kind"] in LINK_KINDS
        assert "target" in link or "title" in link or link["kind"] == "proposedBy"
        if link["kind"] == "proposedBy":
            assert "agency" in link and "agency_province" in link
    for item in facts.get("assignments", []):
        assert item["role"] in ROLES and isinstance(item["collective"], bool)
        assert isinstance(item["province"], str) and item["agency"]
    for item in facts.get("deadlines", []):
        date.fromisoformat(item["date"])
    for item in facts.get("duties", []):
        assert item["recurrence"] in RECURRENCES
        assert re.fullmatch(r"\d{4}-\d\d-\d\d|--\d\d-\d\d", item["due"])
    for item in facts.get("events", []):
        if "date" in item:
            date.fromisoformat(item["date"])
    if facts["genre"] == "news":
        assert isinstance(facts.get("reports"), list)


@pytest.mark.parametrize("stem", sorted(FACTS))
def test_every_stated_line_names_what_is_stated_there(stem: str) -> None:
    """A body or date is written where the text says it (the line or the two after it)."""
    lines = (GENRE / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    facts = FACTS[stem]
    for item in facts.get("assignments", []) + facts.get("deadlines", []):
        assert 1 <= item["line"] <= len(lines)
        window = fold(" ".join(lines[item["line"] - 1 : item["line"] + 2]))
        if "agency" in item:
            name = fold(item["agency"]).removeprefix("cac ")
            name = OFFICE_OF_BODY.get(name, name)
            # texts glue words ("quốcgia", "phòngUBND"): compare without spaces, and with
            # the abbreviation the text may print
            spellings = {name, name.replace("uy ban nhan dan", "ubnd")}
            flat = window.replace(" ", "")
            assert any(s.replace(" ", "") in flat for s in spellings), (item, window)
        else:
            day = date.fromisoformat(item["date"])
            # "trước ngày 30/4", or a month or quarter as a whole ("trong tháng 4 năm 2004",
            # "trong quý 2 năm 2011")
            quarter = f"quy {(day.month - 1) // 3 + 1} "
            named = any(s in f"{window} " for s in (str(day.day), f"thang {day.month} ", quarter))
            assert str(day.year) in window and named, (item, window)


def test_texts_are_nfc_and_readme_lists_every_document() -> None:
    import unicodedata

    readme = (GENRE / "README.md").read_text(encoding="utf-8")
    for txt, _ in PAIRS:
        text = txt.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", text) == text
        assert txt.name in readme
        assert FACTS[txt.stem]["source"] in readme


# --- the scorer, on small graphs written by hand


def _agency(g: Graph, key: str, label: str, province: str | None = None) -> URIRef:
    node = ID[f"agency/{key}"]
    g.add((node, RDFS.label, Literal(label, lang="vi")))
    if province:
        prov = ID[f"province/{fold(province).replace(' ', '-')}"]
        g.add((node, MKG.province, prov))
        g.add((prov, RDFS.label, Literal(province, lang="vi")))
    return node


def test_names_fold_without_diacritics_abbreviations_or_punctuation() -> None:
    assert fold("Chánh Văn phòng UBND tỉnh") == "chanh van phong uy ban nhan dan tinh"
    assert fold("Sở Lao động – Thương binh và Xã hội") == fold("Sở Lao động, Thương binh và Xã hội")
    assert norm_number("881/TTr – SNV") == norm_number("881/TTr-SNV")
    assert norm_number("402/QĐ-TTg") != norm_number("402/QD-TTg")


def test_a_lead_counts_as_responsible_and_a_body_in_another_province_is_wrong() -> None:
    g = Graph()
    task = ID["task/x/1"]
    g.add((task, MKG.leadAgency, _agency(g, "cm-sngv", "Sở Ngoại vụ tỉnh Cà Mau", "Cà Mau")))
    g.add(
        (task, MKG.cooperatingAgency, _agency(g, "kg-ca", "Công an tỉnh Kiên Giang", "Kiên Giang"))
    )
    g.add((task, MKG.responsibleAgency, ID["agency/cm-sngv"]))  # entailed from the lead
    expected = {
        "assignments": [
            {"role": "responsible", "agency": "Sở Ngoại vụ", "province": "Cà Mau"},
            {"role": "cooperating", "agency": "Công an tỉnh", "province": "Cà Mau"},
        ]
    }
    counts = score_graph("t", g, expected).counts["assignments"]
    assert (counts.expected, counts.found, counts.correct, counts.wrong_province) == (2, 2, 1, 1)


def test_header_and_links_are_read_on_the_documents_own_instrument() -> None:
    g = Graph()
    own, cited = ID["instrument/65-kh-ubnd"], ID["instrument/402-qd-ttg"]
    g.add((own, MKG.number, Literal("65/KH-UBND")))
    g.add((own, MKG.documentType, Literal("KẾ HOẠCH")))
    g.add((own, MKG.dateIssued, Literal("2020-06-18", datatype=XSD.date)))
    g.add((own, MKG.issuedBy, _agency(g, "cm-ubnd", "UBND tỉnh Cà Mau", "Cà Mau")))
    g.add((cited, MKG.number, Literal("402/QĐ-TTg")))
    g.add((cited, MKG.dateIssued, Literal("2020-03-20", datatype=XSD.date)))
    g.add((own, MKG.refersTo, cited))
    law = ID["instrument/luat"]
    g.add((law, SKOS.prefLabel, Literal("Luật Tổ chức chính quyền địa phương")))
    g.add((law, MKG.dateIssued, Literal("2015-06-19", datatype=XSD.date)))
    g.add((own, MKG.legalBasis, law))
    expected = {
        "header": {
            "number": "65/KH-UBND",
            "doc_type": "Kế hoạch",
            "date": "2020-06-18",
            "place": "Cà Mau",
            "issuer": "Ủy ban nhân dân tỉnh Cà Mau",
            "issuer_province": "Cà Mau",
        },
        "links": [
            {"kind": "implements", "target": "402/QĐ-TTg"},
            {
                "kind": "legalBasis",
                "title": "Luật Tổ chức chính quyền địa phương",
                "date": "2015-06-19",
            },
        ],
    }
    score = score_graph("t", g, expected)
    header, links = score.counts["header"], score.counts["links"]
    assert (header.expected, header.correct) == (5, 4)  # no place
    assert (links.expected, links.correct) == (2, 1)  # refersTo is not implements


def test_a_link_is_counted_once_by_its_most_specific_kind() -> None:
    g = Graph()
    own, law, plan, paper, report = (ID[f"instrument/{k}"] for k in "abcde")
    body = _agency(g, "sngv", "Sở Ngoại vụ", "Cà Mau")
    g.add((own, MKG.legalBasis, law))
    g.add((own, MKG.refersTo, law))  # entailed by legalBasis ⊑ refersTo
    g.add((own, MKG.implements, plan))
    g.add((own, MKG.refersTo, plan))  # the plan is named as well as implemented
    g.add((own, MKG.proposedBy, body))
    g.add((own, MKG.proposal, paper))  # the same proposal as the body's
    g.add((own, MKG.refersTo, paper))
    found = most_specific_links(g, {own})
    assert found == {
        (MKG.legalBasis, law),
        (MKG.implements, plan),
        (MKG.proposal, paper),
    }
    g.add((own, MKG.proposal, report))  # a second paper is a link of its own
    assert len(most_specific_links(g, {own})) == 4
    g.add((own, MKG.refersTo, ID["instrument/f"]))
    assert len(most_specific_links(g, None)) == 5


def test_deadlines_duties_and_totals() -> None:
    g = Graph()
    task, duty = ID["task/x/1"], ID["duty/x/1"]
    g.add((task, MKG.deadline, Literal("2022-05-25", datatype=XSD.date)))
    g.add((duty, MKG.reporter, _agency(g, "cm-sngv", "Sở Ngoại vụ", "Cà Mau")))
    g.add((duty, MKG.reportsTo, _agency(g, "cm-ubnd", "Ủy ban nhân dân tỉnh Cà Mau", "Cà Mau")))
    g.add((duty, MKG.dueMonthDay, Literal("--12-15")))
    g.add((duty, MKG.recurrence, MKG.Annual))
    expected = {
        "deadlines": [{"date": "2022-05-25"}, {"date": "2022-06-30"}],
        "duties": [
            {
                "reporter": "Sở Ngoại vụ",
                "reporter_province": "Cà Mau",
                "reports_to": "Ủy ban nhân dân tỉnh",
                "reports_to_province": "Cà Mau",
                "due": "--12-15",
                "recurrence": "annual",
            }
        ],
    }
    score = score_graph("t", g, expected)
    assert score.counts["deadlines"].recall == 0.5 and score.counts["duties"].recall == 1.0
    total = totals([score, DocScore("empty")])
    assert total["deadlines"].expected == 2 and set(total) == set(CATEGORIES)
    assert Counts().recall == 1.0 and View(g).numbered("none") == set()


# --- the acceptance figures over the corpus (each document built alone)


@pytest.fixture(scope="module")
def corpus_totals() -> dict[str, Counts]:
    return totals(score_folder(GENRE))


def test_header_facts_are_read(corpus_totals: dict[str, Counts]) -> None:
    assert corpus_totals["header"].recall >= 0.95


def test_links_are_read_with_their_kind(corpus_totals: dict[str, Counts]) -> None:
    assert corpus_totals["links"].recall >= 0.9
    assert corpus_totals["links"].precision >= 0.9  # each link counted by its most specific kind


def test_assignments_are_read_with_their_role(corpus_totals: dict[str, Counts]) -> None:
    assert corpus_totals["assignments"].recall >= 0.9
    assert corpus_totals["assignments"].precision >= 0.9


def test_deadlines_and_reporting_duties_are_read(corpus_totals: dict[str, Counts]) -> None:
    assert corpus_totals["deadlines"].recall >= 0.9
    assert corpus_totals["duties"].expected >= 10  # enough duties for the figure to mean much
    assert corpus_totals["duties"].recall >= 0.9
    assert corpus_totals["duties"].precision >= 0.9


def test_no_body_is_placed_in_another_province(corpus_totals: dict[str, Counts]) -> None:
    assert sum(c.wrong_province for c in corpus_totals.values()) == 0


# --- the benchmark on any folder of the same layout


def test_the_benchmark_scores_any_folder_and_names_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib
    import shutil

    monkeypatch.syspath_prepend(str(GENRE.parent.parent.parent / "benchmarks"))
    benchmark = importlib.import_module("genre")

    for txt, toml in PAIRS[:2]:
        shutil.copy(txt, tmp_path / txt.name)
        shutil.copy(toml, tmp_path / toml.name)
    assert benchmark.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert PAIRS[0][0].stem in out and "-- 2 documents" in out and "assignments" in out
    (tmp_path / "99_bad.txt").write_text("Số: 1/KH-UBND\n", encoding="utf-8")
    assert benchmark.main([str(tmp_path)]) == 2
    assert "99_bad.txt" in capsys.readouterr().err
    (tmp_path / "99_bad.toml").write_text("source = \n", encoding="utf-8")
    assert benchmark.main([str(tmp_path)]) == 2
    assert "99_bad.toml" in capsys.readouterr().err
