"""`migkg validate`: the fixture graph passes; each kind of fault fails, naming its node."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.embedded import EmbeddedStore
from graph.findings import Finding
from graph.validate import load_graph, store_graph, validate_all, validate_graph
from migkg.errors import MigkgError

DATA = Path(__file__).resolve().parent / "data"
ID = "https://w3id.org/migkg/id/"
PREFIXES = """
PREFIX mkg: <https://w3id.org/migkg/ontology#>
PREFIX id: <https://w3id.org/migkg/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""
DOC000 = "<https://w3id.org/migkg/id/document/000_2ea71573e8b386bf>"
REFERENCE = "<https://w3id.org/migkg/id/graph/reference>"
T323 = ID + "task/402-qd-ttg/3.2.3"
T324 = ID + "task/402-qd-ttg/3.2.4"


def delete(node: str, prop: str, where: str = "") -> str:
    """An update removing every ``prop`` of the resource ``node`` (``where`` filters ?o)."""
    return (
        f"DELETE {{ GRAPH ?g {{ <{ID}{node}> {prop} ?o }} }} "
        f"WHERE {{ GRAPH ?g {{ <{ID}{node}> {prop} ?o {where} }} }}"
    )


def insert(node: str, prop: str, value: str, graph: str = DOC000) -> str:
    """An update adding one triple about the resource ``node``."""
    return f"INSERT DATA {{ GRAPH {graph} {{ <{ID}{node}> {prop} {value} }} }}"


REMOVE_LEAD_323 = delete("task/402-qd-ttg/3.2.3", "mkg:leadAgency")


def load_mini(store: EmbeddedStore, *updates: str) -> EmbeddedStore:
    """``store`` filled with tests/data/mini.trig, then changed by SPARQL updates."""
    store.native.bulk_load(path=str(DATA / "mini.trig"), format=ox.RdfFormat.TRIG)
    for update in updates:
        store.update(PREFIXES + update)
    return store


def findings(*updates: str) -> list[Finding]:
    with load_mini(EmbeddedStore(None), *updates) as store:
        return validate_graph(store_graph(store))


def failing(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.fails]


def test_the_fixture_graph_passes() -> None:
    found = findings()
    assert found == [], "\n".join(f.line() for f in found)


def test_a_task_without_lead_agency_fails_naming_the_task() -> None:
    found = failing(findings(REMOVE_LEAD_323))
    assert [(str(f.focus), f.path) for f in found] == [(T323, "mkg:leadAgency")]
    assert T323 in found[0].line()
    assert "lead agency" in found[0].message


def test_only_a_group_row_may_lack_a_lead_agency() -> None:
    # 3.2 is a group row that names no agency (corpus file 000, line 230)
    group = ID + "task/402-qd-ttg/3.2"
    assert not any(str(f.focus) == group for f in findings())
    as_plain_task = findings(
        delete("task/402-qd-ttg/3.2", "a", "FILTER (?o = mkg:TaskGroup)"),
        insert("task/402-qd-ttg/3.2", "a", "mkg:Task"),
    )
    assert [(str(f.focus), f.path) for f in failing(as_plain_task)] == [(group, "mkg:leadAgency")]


def test_an_agency_without_english_label_fails_naming_the_agency() -> None:
    found = failing(findings(delete("agency/mps", "rdfs:label", 'FILTER (LANG(?o) = "en")')))
    assert len(found) == 1
    assert str(found[0].focus) == ID + "agency/mps"
    assert found[0].path == "rdfs:label"
    assert "English" in found[0].message and ID + "agency/mps" in found[0].line()


# Each fault: the updates that make it, and the node and path the finding must name.
FAULTS = [
    pytest.param(
        [delete("agency/mofa", "rdfs:label", 'FILTER (LANG(?o) = "vi")')],
        ID + "agency/mofa",
        "rdfs:label",
        id="agency-without-vietnamese-label",
    ),
    pytest.param(
        [delete("task/402-qd-ttg/3.2.4", "mkg:code")], T324, "mkg:code", id="task-without-code"
    ),
    pytest.param(
        [delete("task/225-nq-cp/II.2", "mkg:taskOf")],
        ID + "task/225-nq-cp/II.2",
        "mkg:taskOf",
        id="task-without-plan",
    ),
    pytest.param(
        [delete("plan/225-nq-cp", "mkg:hasTask", f"FILTER (?o = <{ID}task/225-nq-cp/II.2>)")],
        ID + "task/225-nq-cp/II.2",
        "mkg:taskOf",
        id="plan-not-listing-its-task",
    ),
    pytest.param(
        [
            delete("task/402-qd-ttg/3.2.3", "mkg:startYear"),
            insert("task/402-qd-ttg/3.2.3", "mkg:startYear", "2024"),
        ],
        T323,
        "mkg:startYear",
        id="start-after-end",
    ),
    pytest.param(
        [
            delete("task/402-qd-ttg/3.2.3", "mkg:startYear"),
            insert("task/402-qd-ttg/3.2.3", "mkg:startYear", '"2020"'),
        ],
        T323,
        "mkg:startYear",
        id="year-not-integer",
    ),
    pytest.param(
        [
            delete("task/402-qd-ttg/3.2.3", "mkg:recurrence"),
            insert("task/402-qd-ttg/3.2.3", "mkg:recurrence", "mkg:Sometimes"),
        ],
        T323,
        "mkg:recurrence",
        id="recurrence-outside-the-scheme",
    ),
    pytest.param(
        [
            delete("task/402-qd-ttg/3.2.4", "mkg:code"),
            insert("task/402-qd-ttg/3.2.4", "mkg:code", '"3.2.3"'),
        ],
        T324,
        "mkg:code",
        id="two-tasks-one-code",
    ),
    pytest.param(
        [delete("task/402-qd-ttg/3.2.4", "prov:wasDerivedFrom")],
        T324,
        "prov:wasDerivedFrom",
        id="task-without-provenance",
    ),
    pytest.param(
        [delete("task/402-qd-ttg/3.2.4", "mkg:sourceLineStart")],
        T324,
        "mkg:sourceLineStart",
        id="task-without-line-span",
    ),
    pytest.param(
        [insert("task/402-qd-ttg/3.2.4", "mkg:cooperatingAgency", f"<{ID}agency/nowhere>")],
        T324,
        "mkg:cooperatingAgency",
        id="agency-not-in-the-gazetteer",
    ),
    pytest.param(
        [insert("task/402-qd-ttg/3.2.4", "mkg:leadAgencies", f"<{ID}agency/mps>")],
        T324,
        "mkg:leadAgencies",
        id="term-the-ontology-lacks",
    ),
    pytest.param(
        [insert("task/402-qd-ttg/3.2.4", "a", "mkg:Agency")],
        T324,
        "rdf:type",
        id="one-iri-two-disjoint-kinds",
    ),
    pytest.param(
        [
            delete("task/402-qd-ttg/3.2.3", "mkg:parentTask"),
            insert("task/402-qd-ttg/3.2.3", "mkg:parentTask", f"<{ID}task/402-qd-ttg/1>"),
        ],
        T323,
        "mkg:parentTask",
        id="parent-with-another-code",
    ),
    pytest.param(
        [delete("task/402-qd-ttg/1.4", "mkg:parentTask")],
        ID + "task/402-qd-ttg/1.4",
        "mkg:parentTask",
        id="dotted-row-without-group",
    ),
    pytest.param(
        [delete("agency/mic", "mkg:level")], ID + "agency/mic", "mkg:level", id="no-level"
    ),
    pytest.param(
        [delete("document/000_2ea71573e8b386bf", "mkg:fileName")],
        ID + "document/000_2ea71573e8b386bf",
        "mkg:fileName",
        id="document-without-file-name",
    ),
]


@pytest.mark.parametrize(("updates", "focus", "path"), FAULTS)
def test_each_fault_fails_naming_node_and_path(updates: list[str], focus: str, path: str) -> None:
    found = failing(findings(*updates))
    assert (focus, path) in {(str(f.focus), f.path) for f in found}, "\n".join(
        f.line() for f in found
    )


def test_decomposed_vietnamese_text_fails() -> None:
    decomposed = unicodedata.normalize("NFD", "Bộ Công an")
    assert decomposed != "Bộ Công an"
    found = failing(
        findings(insert("agency/mps", "skos:altLabel", f'"{decomposed}"', graph=REFERENCE))
    )
    assert [(str(f.focus), f.path) for f in found] == [(ID + "agency/mps", "skos:altLabel")]
    assert "NFC" in found[0].message


def test_a_property_of_another_vocabulary_not_declared_is_a_warning() -> None:
    found = findings(
        insert("agency/mps", "<http://xmlns.com/foaf/0.1/name>", '"Bộ Công an"', graph=REFERENCE)
    )
    assert [(f.severity, str(f.focus)) for f in found] == [("Warning", ID + "agency/mps")]
    assert "foaf:name is not declared" in found[0].message and not found[0].fails


def write_store(path: Path, *updates: str) -> Path:
    load_mini(EmbeddedStore(path), *updates).close()
    return path


def test_validate_all_prints_each_violation_and_a_summary(tmp_path: Path) -> None:
    good = write_store(tmp_path / "good")
    lines: list[str] = []
    assert validate_all({"store_path": str(good)}, ontology_only=False, echo=lines.append)
    assert lines[0].startswith("Ontology: consistent under HermiT")
    assert lines[-1] == "Validation passed."

    bad = write_store(tmp_path / "bad", REMOVE_LEAD_323)
    lines = []
    assert not validate_all({"store_path": str(bad)}, ontology_only=False, echo=lines.append)
    violations = [ln for ln in lines if ln.startswith("Violation:")]
    assert len(violations) == 1
    assert f"<{T323}>" in violations[0] and "mkg:leadAgency" in violations[0]
    assert lines[-1] == "Validation failed: 1 violation."


def test_a_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-store-here"
    with pytest.raises(MigkgError) as err:
        load_graph({"store_path": str(missing)})
    assert str(missing) in err.value.message and "migkg build" in err.value.message


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args], capture_output=True, text=True, cwd=cwd
    )


def test_cli_exits_0_on_a_good_store_and_1_on_a_bad_one(tmp_path: Path) -> None:
    good = write_store(tmp_path / "good")
    result = run_cli("validate", "--store-path", str(good), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation passed." in result.stdout

    bad = write_store(tmp_path / "bad", REMOVE_LEAD_323)
    result = run_cli("validate", "--store-path", str(bad), cwd=tmp_path)
    assert result.returncode == 1
    assert T323 in result.stdout and "mkg:leadAgency" in result.stdout
    assert "Traceback" not in result.stderr


def test_cli_on_a_missing_store_says_run_build(tmp_path: Path) -> None:
    result = run_cli("validate", "--store-path", str(tmp_path / "nothing"), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(tmp_path / "nothing") in lines[0] and "migkg build" in lines[0]


@pytest.mark.slow
def test_the_graph_built_from_the_shipped_corpus_validates(tmp_path: Path) -> None:
    from graph.build import build

    settings = {
        "store_path": str(tmp_path / "store"),
        "report": str(tmp_path / "report.json"),
        "corpus": "",
    }
    build(settings)
    lines: list[str] = []
    ok = validate_all(settings, ontology_only=False, echo=lines.append)
    assert ok, "\n".join(ln for ln in lines if not ln.startswith("Warning:"))
