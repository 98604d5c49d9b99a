"""Reference facts beyond the corpus: conventions and Viet Nam's status under each, the
Vietnamese instruments behind the corpus, and the 23 objectives of the GCM.

Read from ``data/reference/*.csv`` (each row with its source) and
``data/reference_extra.toml`` (the Vietnamese names the corpus prints for the
international instruments, and the 20-CT/TW → 16-CT/TW link). Every fact carries
``dcterms:source``; a status the CSV gives as unconfirmed stays unconfirmed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from data import DATA_DIR, REFERENCE_DIR
from loaders.gazetteer import Gazetteer
from loaders.resolver import Resolver
from loaders.restructuring import reference_status
from loaders.tabular import read_csv, read_toml
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG, bind_prefixes
from migkg.text import nfc

EXTRA_FILE = DATA_DIR / "reference_extra.toml"
GCM_KEY = "GCM"
OBJECTIVES_SCHEME = iris.resource("gcm-objectives")


def objective_iri(number: int | str) -> URIRef:
    """IRI of a GCM objective: ``id:gcm-objective/1`` … ``id:gcm-objective/23``."""
    return iris.resource("gcm-objective", str(int(number)))


def is_binding(row: dict[str, str]) -> bool:
    """A treaty or protocol (mkg:Convention), not a compact or agenda (mkg:Instrument)."""
    return "non-binding" not in row["vn_status"] and "not a treaty" not in row["note"]


def convention_status(row: dict[str, str]) -> str:
    """How sure the row is: its own ``status`` column where the CSV has one; otherwise
    unconfirmed stays unconfirmed, a source asking for a check is "to verify", and a
    stated status with a source is confirmed."""
    if row.get("status"):
        return reference_status(row["status"])
    if row["vn_status"].lower() == "unconfirmed" or row["source"].lower().startswith("no source"):
        return "unconfirmed"
    if "check" in row["source"].lower():
        return "to verify"
    return "confirmed"


def to_graph(
    reference_dir: Path | None = None,
    extra_file: Path | None = None,
    gazetteer: Gazetteer | None = None,
) -> Graph:
    """Conventions, Vietnamese instruments and GCM objectives as RDF."""
    reference_dir = reference_dir or REFERENCE_DIR
    extra = read_toml(extra_file or EXTRA_FILE)
    graph = Graph()
    bind_prefixes(graph)
    keys = add_conventions(graph, reference_dir / "conventions.csv")
    _add_vi_labels(graph, extra, keys, extra_file or EXTRA_FILE)
    numbers = add_instruments(
        graph, reference_dir / "instruments_vn.csv", Resolver(gazetteer or Gazetteer.load())
    )
    _add_preceded_by(graph, extra, numbers, extra_file or EXTRA_FILE)
    add_gcm_objectives(graph, reference_dir / "gcm_objectives.csv")
    return graph


def add_conventions(graph: Graph, path: Path) -> set[str]:
    """conventions.csv → mkg:Convention / mkg:Instrument with Viet Nam's status."""
    cols = ("key", "title_en", "body", "adopted", "vn_status", "vn_year", "source", "note")
    keys: set[str] = set()
    for line, row in read_csv(path, cols):
        if not row["key"]:
            raise InputError(path, "empty key", line=line)
        node = iris.instrument(row["key"])
        keys.add(row["key"])
        graph.add((node, RDF.type, MKG.Convention if is_binding(row) else MKG.Instrument))
        graph.add((node, RDF.type, MKG.Instrument))
        graph.add((node, RDFS.label, Literal(row["title_en"], lang="en")))
        graph.add((node, DCTERMS.title, Literal(row["title_en"], lang="en")))
        graph.add((node, SKOS.notation, Literal(row["key"])))
        graph.add((node, MKG.treatyBody, Literal(row["body"])))
        if row["adopted"]:
            graph.add((node, MKG.adoptedYear, _year(path, line, row["adopted"])))
        graph.add((node, MKG.vnStatus, Literal(row["vn_status"])))
        if row["vn_year"]:
            graph.add((node, MKG.vnStatusYear, _year(path, line, row["vn_year"])))
        if row.get("vn_date"):
            try:
                acted = dt.date.fromisoformat(row["vn_date"])
            except ValueError:
                raise InputError(path, f"bad date '{row['vn_date']}'", line=line) from None
            graph.add((node, MKG.vnStatusDate, Literal(acted, datatype=XSD.date)))
        graph.add((node, MKG.statusSource, Literal(row["source"])))
        graph.add((node, DCTERMS.source, Literal(row["source"])))
        graph.add((node, MKG.referenceStatus, Literal(convention_status(row))))
        if row["note"]:
            graph.add((node, RDFS.comment, Literal(row["note"], lang="en")))
    return keys


def add_instruments(graph: Graph, path: Path, resolver: Resolver) -> set[str]:
    """instruments_vn.csv → mkg:Instrument with number, type, date, title and issuer."""
    cols = ("number", "type_vi", "type_en", "date", "issuer", "title_en", "status", "source")
    numbers: set[str] = set()
    for line, row in read_csv(path, cols):
        node = iris.instrument(row["number"])
        numbers.add(row["number"])
        graph.add((node, RDF.type, MKG.Instrument))
        graph.add((node, MKG.number, Literal(row["number"])))
        graph.add((node, MKG.documentType, Literal(row["type_vi"], lang="vi")))
        if row["date"]:  # empty where the reference has not seen the date of issue
            try:
                issued = dt.date.fromisoformat(row["date"])
            except ValueError:
                raise InputError(path, f"bad date '{row['date']}'", line=line) from None
            graph.add((node, MKG.dateIssued, Literal(issued, datatype=XSD.date)))
        label = f"{row['type_en']} {row['number']}: {row['title_en']}"
        graph.add((node, RDFS.label, Literal(label, lang="en")))
        graph.add((node, DCTERMS.title, Literal(row["title_en"], lang="en")))
        issuer = resolver.resolve(row["issuer"])
        if issuer.key is not None and not issuer.collective:
            graph.add((node, MKG.issuedBy, resolver.gazetteer.agencies[issuer.key].iri))
        else:
            # an issuer the gazetteer lacks is kept as the CSV words it, not guessed
            graph.add((node, SKOS.note, Literal(f"issuer: {row['issuer']}", lang="en")))
        graph.add((node, MKG.referenceStatus, Literal(reference_status(row["status"]))))
        graph.add((node, DCTERMS.source, Literal(row["source"])))
        if row.get("note"):
            graph.add((node, RDFS.comment, Literal(row["note"], lang="en")))
    return numbers


def add_gcm_objectives(graph: Graph, path: Path) -> None:
    """gcm_objectives.csv → 23 skos:Concepts in a scheme, part of the GCM."""
    gcm = iris.instrument(GCM_KEY)
    scheme = OBJECTIVES_SCHEME
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    graph.add((scheme, RDFS.label, Literal("Objectives of the Global Compact for Migration", "en")))
    graph.add((scheme, RDFS.label, Literal("Các mục tiêu của Thỏa thuận GCM", lang="vi")))
    graph.add((scheme, DCTERMS.subject, gcm))
    for line, row in read_csv(path, ("number", "title_en", "source")):
        if not row["number"].isdigit():
            raise InputError(path, f"objective number '{row['number']}' is not a number", line)
        node = objective_iri(row["number"])
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.inScheme, scheme))
        graph.add((node, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, node))
        graph.add((node, SKOS.notation, Literal(row["number"])))
        graph.add((node, SKOS.prefLabel, Literal(row["title_en"], lang="en")))
        graph.add((node, RDFS.label, Literal(row["title_en"], lang="en")))
        graph.add((node, DCTERMS.isPartOf, gcm))
        graph.add((gcm, DCTERMS.hasPart, node))
        graph.add((node, DCTERMS.source, Literal(row["source"])))


def _add_vi_labels(graph: Graph, extra: dict, keys: set[str], path: Path) -> None:
    for n, entry in enumerate(extra.get("vi_label", []), start=1):
        if entry.get("key") not in keys:
            raise InputError(path, f"vi_label {n}: '{entry.get('key')}' is not in conventions.csv")
        node = iris.instrument(entry["key"])
        graph.add((node, RDFS.label, Literal(nfc(entry["vi"]), lang="vi")))
        graph.add((node, MKG.title, Literal(nfc(entry["vi"]), lang="vi")))


def _add_preceded_by(graph: Graph, extra: dict, numbers: set[str], path: Path) -> None:
    for n, entry in enumerate(extra.get("preceded_by", []), start=1):
        for field in ("instrument", "earlier"):
            if entry.get(field) not in numbers:
                raise InputError(
                    path, f"preceded_by {n}: '{entry.get(field)}' is not in instruments_vn.csv"
                )
        later, earlier = iris.instrument(entry["instrument"]), iris.instrument(entry["earlier"])
        graph.add((later, MKG.precededBy, earlier))


def _year(path: Path, line: int, text: str) -> Literal:
    if not text.isdigit():
        raise InputError(path, f"'{text}' is not a year", line=line)
    return Literal(int(text), datatype=XSD.integer)
