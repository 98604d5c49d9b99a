"""The OWL ontology (ontology/migkg.ttl): the contract's terms, labels and comments in
English and Vietnamese, its alignments, OWL 2 DL, and consistency under HermiT."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from expect import present
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from graph.reasoner import check_ontology
from migkg.namespaces import ELI, MKG, ORG, TIME
from ontology import ONTOLOGY_TTL

ONTOLOGY = URIRef("https://w3id.org/migkg/ontology")
DCTERMS_NS = "http://purl.org/dc/terms/"

# The core vocabulary of /work/shared/design/ONTOLOGY.md (a contract), read from its
# tables: term → the OWL type it must have.
CONTRACT = {
    "Instrument": OWL.Class,
    "Convention": OWL.Class,
    "Plan": OWL.Class,
    "Task": OWL.Class,
    "TaskGroup": OWL.Class,
    "Agency": OWL.Class,
    "CollectiveActor": OWL.Class,
    "Province": OWL.Class,
    "SourceDocument": OWL.Class,
    "number": OWL.DatatypeProperty,
    "adoptedBy": OWL.ObjectProperty,
    "implements": OWL.ObjectProperty,
    "issuedBy": OWL.ObjectProperty,
    "refersTo": OWL.ObjectProperty,
    "hasTask": OWL.ObjectProperty,
    "taskOf": OWL.ObjectProperty,
    "parentTask": OWL.ObjectProperty,
    "code": OWL.DatatypeProperty,
    "leadAgency": OWL.ObjectProperty,
    "cooperatingAgency": OWL.ObjectProperty,
    "expectedOutput": OWL.DatatypeProperty,
    "timeframeText": OWL.DatatypeProperty,
    "startYear": OWL.DatatypeProperty,
    "endYear": OWL.DatatypeProperty,
    "recurrence": OWL.ObjectProperty,
    "province": OWL.ObjectProperty,
    "RecurrenceScheme": SKOS.ConceptScheme,
    "OneOff": SKOS.Concept,
    "Continuous": SKOS.Concept,
    "SemiAnnual": SKOS.Concept,
    "Annual": SKOS.Concept,
    "Biennial": SKOS.Concept,
    "EveryFiveYears": SKOS.Concept,
}

# Terms beyond the contract that the graph uses (the project's fixed vocabulary).
EXTENSION = {
    **dict.fromkeys(
        [
            "Ministry",
            "MinisterialLevelAgency",
            "GovernmentAgency",
            "CentralGovernment",
            "PartyBody",
            "ProvincialPeoplesCommittee",
            "ProvincialDepartment",
            "ProvincialBody",
            "MassOrganisation",
            "InternationalOrganisation",
            "Assignment",
            "ReportingDuty",
            "Event",
            "Person",
            "Observation",
            "NextStep",
            "Mention",
        ],
        OWL.Class,
    ),
    **dict.fromkeys(
        [
            "issuedBy",
            "signedBy",
            "addressee",
            "legalBasis",
            "proposedBy",
            "precededBy",
            "reviewRecurrence",
            "reporter",
            "reportsTo",
            "dutyOf",
            "organiser",
            "participant",
            "reviews",
            "memberOf",
            "statedAt",
            "concerns",
            "resolvedTo",
            "mentionedIn",
        ],
        OWL.ObjectProperty,
    ),
    **dict.fromkeys(
        [
            "level",
            "deadline",
            "reviewUntilYear",
            "periodFromPlan",
            "fromSection",
            "documentType",
            "dateIssued",
            "placeIssued",
            "subject",
            "title",
            "vnStatus",
            "vnStatusYear",
            "statusSource",
            "treatyBody",
            "adoptedYear",
            "referenceStatus",
            "reportContent",
            "dueMonthDay",
            "dueDate",
            "eventDate",
            "eventKind",
            "attendance",
            "attendanceText",
            "role",
            "value",
            "unit",
            "measure",
            "qualifier",
            "periodStart",
            "periodEnd",
            "mentionText",
            "sourceLineStart",
            "sourceLineEnd",
            "provinceKind",
            "validFrom",
            "validUntil",
            "changeKind",
            "basisText",
            "fileName",
            "mediaType",
        ],
        OWL.DatatypeProperty,
    ),
}

OWL_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# The datatypes OWL 2 DL allows (the OWL 2 datatype map, plus rdfs:Literal).
OWL2_DATATYPES = {
    RDFS.Literal,
    RDF.PlainLiteral,
    RDF.XMLLiteral,
    OWL.real,
    OWL.rational,
    *(
        XSD[n]
        for n in (
            "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger "
            "negativeInteger long int short byte unsignedLong unsignedInt unsignedShort "
            "unsignedByte double float string normalizedString token language Name NCName "
            "NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp"
        ).split()
    ),
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_TTL, format="turtle")


def own_terms(g: Graph) -> list[URIRef]:
    """Every class, property and recurrence concept the ontology defines in mkg:."""
    kinds = (*OWL_TYPES, SKOS.Concept, SKOS.ConceptScheme)
    return sorted(
        {
            s
            for k in kinds
            for s in g.subjects(RDF.type, k)
            if isinstance(s, URIRef) and str(s).startswith(str(MKG))
        }
    )


def texts(g: Graph, node: URIRef, prop: URIRef, lang: str) -> list[str]:
    return [str(o) for o in g.objects(node, prop) if isinstance(o, Literal) and o.language == lang]


def test_every_term_has_labels_and_comments_in_english_and_vietnamese(onto: Graph) -> None:
    terms = [ONTOLOGY, *own_terms(onto)]
    assert len(terms) > 100  # the file was really read: classes, properties, concepts
    lacking = [
        f"{t} lacks {p.fragment}@{lang}"
        for t in terms
        for p in (RDFS.label, RDFS.comment)
        for lang in ("en", "vi")
        if not texts(onto, t, p, lang)
    ]
    assert not lacking, "\n".join(lacking)


def test_declared_external_terms_have_labels_in_both_languages(onto: Graph) -> None:
    external = {
        s
        for k in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in onto.subjects(RDF.type, k)
        if isinstance(s, URIRef) and not str(s).startswith(str(MKG))
    }
    assert ORG.Organization in external and PROV.wasDerivedFrom in external
    lacking = [
        f"{t} lacks rdfs:label@{lang}"
        for t in sorted(external)
        for lang in ("en", "vi")
        if not texts(onto, t, RDFS.label, lang)
    ]
    assert not lacking, "\n".join(lacking)


def test_vietnamese_text_is_nfc_and_keeps_its_diacritics(onto: Graph) -> None:
    vi = [
        (s, o)
        for s, p, o in onto
        if p in (RDFS.label, RDFS.comment, SKOS.prefLabel)
        and isinstance(o, Literal)
        and o.language == "vi"
    ]
    assert len(vi) > 200
    not_nfc = [f"{s}: {o}" for s, o in vi if not unicodedata.is_normalized("NFC", str(o))]
    assert not not_nfc, "\n".join(not_nfc)
    # a Vietnamese label with no letter outside ASCII has lost its diacritics (or is English)
    bare = [f"{s}: {o}" for s, o in vi if str(o).isascii()]
    assert not bare, "\n".join(bare)


def test_every_core_term_of_the_contract_is_declared_with_its_type(onto: Graph) -> None:
    wrong = [
        f"mkg:{name} is not a {kind.n3()}"
        for name, kind in CONTRACT.items()
        if (MKG[name], RDF.type, kind) not in onto
    ]
    assert not wrong, "\n".join(wrong)
    assert (PROV.wasDerivedFrom, RDF.type, OWL.ObjectProperty) in onto


def test_every_extension_term_is_declared_with_its_type(onto: Graph) -> None:
    wrong = [
        f"mkg:{name} is not a {kind.n3()}"
        for name, kind in EXTENSION.items()
        if (MKG[name], RDF.type, kind) not in onto
    ]
    assert not wrong, "\n".join(wrong)


def test_recurrence_scheme_holds_exactly_the_six_concepts(onto: Graph) -> None:
    in_scheme = set(onto.subjects(SKOS.inScheme, MKG.RecurrenceScheme))
    expected = {
        MKG[n] for n in "OneOff Continuous SemiAnnual Annual Biennial EveryFiveYears".split()
    }
    assert in_scheme == expected
    assert set(onto.objects(MKG.RecurrenceScheme, SKOS.hasTopConcept)) == expected


def test_alignments_with_standard_vocabularies(onto: Graph) -> None:
    def sub(a: URIRef, b: URIRef, rel: URIRef = RDFS.subClassOf) -> bool:
        return (a, rel, b) in onto

    assert sub(MKG.Instrument, ELI.LegalResource)
    assert sub(MKG.Agency, ORG.Organization)
    assert sub(MKG.SourceDocument, PROV.Entity)
    assert sub(MKG.Event, PROV.Activity)
    assert sub(MKG.Person, PROV.Person)
    assert sub(MKG.Convention, MKG.Instrument) and sub(MKG.Plan, MKG.Instrument)
    assert sub(MKG.TaskGroup, MKG.Task) and sub(MKG.Assignment, MKG.Task)
    assert sub(MKG.CollectiveActor, MKG.Agency)
    for kind in ("Ministry", "ProvincialDepartment", "InternationalOrganisation", "PartyBody"):
        assert sub(MKG[kind], MKG.Agency), kind
    assert sub(MKG.number, ELI.id_local, RDFS.subPropertyOf)
    assert sub(MKG.legalBasis, MKG.refersTo, RDFS.subPropertyOf)
    assert sub(MKG.title, URIRef(DCTERMS_NS + "title"), RDFS.subPropertyOf)
    assert sub(MKG.eventDate, URIRef(DCTERMS_NS + "date"), RDFS.subPropertyOf)
    assert sub(MKG.eventDate, TIME.inXSDDate, RDFS.subPropertyOf)
    assert (MKG.hasTask, OWL.inverseOf, MKG.taskOf) in onto
    assert (ORG.ChangeEvent, RDF.type, OWL.Class) in onto


def union_members(g: Graph, node: URIRef, prop: URIRef) -> set:
    target = g.value(node, prop)
    if isinstance(target, BNode):
        return set(Collection(g, present(g.value(target, OWL.unionOf))))
    return {target}


def test_domains_and_ranges_fit_the_data(onto: Graph) -> None:
    assert union_members(onto, MKG.refersTo, RDFS.domain) == {MKG.Task, MKG.Instrument}
    assert union_members(onto, MKG.participant, RDFS.range) == {MKG.Agency, MKG.Person}
    assert union_members(onto, MKG.recurrence, RDFS.domain) == {
        MKG.Task,
        MKG.ReportingDuty,
        MKG.Phase,
    }
    assert union_members(onto, MKG.hasPhase, RDFS.domain) == {MKG.Task, MKG.ReportingDuty}
    assert onto.value(MKG.hasPhase, RDFS.range) == MKG.Phase
    assert (MKG.Phase, RDFS.subClassOf, TIME.ProperInterval) in onto
    assert onto.value(MKG.province, RDFS.domain) == MKG.Agency
    assert onto.value(MKG.province, RDFS.range) == MKG.Province
    assert onto.value(MKG.leadAgency, RDFS.range) == MKG.Agency
    assert onto.value(MKG.startYear, RDFS.range) == XSD.integer


def test_no_iri_has_two_owl_kinds(onto: Graph) -> None:
    """OWL 2 DL forbids one IRI being, say, both an object and a datatype property."""
    kinds: dict[Node, set[URIRef]] = {}
    for k in OWL_TYPES:
        for s in onto.subjects(RDF.type, k):
            kinds.setdefault(s, set()).add(k)
    punned = {s: k for s, k in kinds.items() if len(k) > 1}
    assert not punned


def test_every_property_used_is_declared(onto: Graph) -> None:
    builtin = (str(RDF), str(RDFS), str(OWL))
    declared = {s for k in OWL_TYPES for s in onto.subjects(RDF.type, k)}
    undeclared = {
        p for p in onto.predicates() if not str(p).startswith(builtin) and p not in declared
    }
    assert not undeclared


def test_ranges_stay_in_the_owl2_datatype_map(onto: Graph) -> None:
    """xsd:date and xsd:gMonthDay are outside OWL 2 DL: those ranges are left to SHACL."""
    used = {
        r
        for r in onto.objects(None, RDFS.range)
        if isinstance(r, URIRef)
        and (r.startswith(str(XSD)) or r in (RDFS.Literal, RDF.PlainLiteral))
    }
    assert XSD.integer in used
    assert used <= OWL2_DATATYPES, used - OWL2_DATATYPES


def test_version_info(onto: Graph) -> None:
    version = onto.value(ONTOLOGY, OWL.versionInfo)
    assert version is not None and str(version).strip()
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto


def test_hermit_finds_the_ontology_consistent() -> None:
    report = check_ontology()
    assert report.consistent
    assert report.unsatisfiable == []
    assert report.classes >= 30


def test_hermit_reports_unsatisfiable_classes_and_inconsistency(tmp_path: Path) -> None:
    """The check can fail: the ontology keeps tasks and agencies apart."""
    base = ONTOLOGY_TTL.read_text(encoding="utf-8")
    bad_class = tmp_path / "unsat.ttl"
    bad_class.write_text(
        base + "\nmkg:TaskingAgency a owl:Class ; rdfs:subClassOf mkg:Task , mkg:Agency .\n",
        encoding="utf-8",
    )
    report = check_ontology(bad_class)
    assert report.consistent
    assert report.unsatisfiable == [str(MKG.TaskingAgency)]

    bad_individual = tmp_path / "inconsistent.ttl"
    bad_individual.write_text(
        base + "\n<https://w3id.org/migkg/id/x> a mkg:Task , mkg:Agency .\n", encoding="utf-8"
    )
    assert not check_ontology(bad_individual).consistent


PROFILE_CHECK = """
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class DlProfile {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntology o = m.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
        for (OWLProfileViolation v : r.getViolations()) System.out.println(v);
        System.out.println(r.isInProfile() ? "IN PROFILE" : "NOT IN PROFILE");
    }
}
"""


def owl_api_profile(tmp_path: Path, ontology: Graph) -> str:
    """The OWL API's OWL 2 DL profile check (the OWL API ships inside owlready2's HermiT jar)."""
    import owlready2

    jar = Path(owlready2.__file__).parent / "hermit" / "HermiT.jar"
    source = tmp_path / "DlProfile.java"
    source.write_text(PROFILE_CHECK, encoding="utf-8")
    owl = tmp_path / "ontology.owl"
    ontology.serialize(owl, format="xml", encoding="utf-8")
    result = subprocess.run(
        ["java", "-cp", str(jar), str(source), str(owl)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("javac") is None, reason="running Java source needs a JDK")
def test_ontology_is_in_the_owl2_dl_profile(tmp_path: Path, onto: Graph) -> None:
    out = owl_api_profile(tmp_path, onto)
    assert out.strip().endswith("IN PROFILE") and "NOT IN PROFILE" not in out, out
    # and the same check refuses punning, so its verdict means something
    punned = Graph()
    punned += onto
    punned.add((MKG.code, RDF.type, OWL.ObjectProperty))
    assert "NOT IN PROFILE" in owl_api_profile(tmp_path, punned)


def test_agency_class_list_matches_the_ontology(onto: Graph) -> None:
    from ontology import AGENCY_CLASSES
    from viz.style import COLOURS, NAMES

    declared = {str(c).split("#")[1] for c in onto.transitive_subjects(RDFS.subClassOf, MKG.Agency)}
    assert set(AGENCY_CLASSES) == declared
    assert AGENCY_CLASSES[0] == "CollectiveActor" and AGENCY_CLASSES[-1] == "Agency"
    for cls in AGENCY_CLASSES:
        assert cls in COLOURS and cls in NAMES, cls
