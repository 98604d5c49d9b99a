"""Score a document's graph against the facts written down by reading it (a genre TOML).

A genre folder holds ``NN_<slug>.txt`` (the text as published) beside ``NN_<slug>.toml`` (what
it states: header, links, assignments, deadlines, reporting duties, events, reported numbers;
see tests/data/genre/README.md). Each document is built alone with the project's pipeline and
read back only through the public RDF contract (shared design, ONTOLOGY.md): mkg:number,
mkg:documentType, mkg:dateIssued, mkg:placeIssued, mkg:issuedBy, the link properties, the
agency properties of tasks, mkg:deadline, mkg:ReportingDuty, mkg:Event.

An agency matches an expected name when the folded name (no diacritics, lower case,
punctuation and spaces squashed, UBND/HĐND/MTTQ spelt out) is one of, or is contained word by
word in, a folded rdfs:label or skos:altLabel of the agency; and, where a province is
expected, the rdfs:label of its mkg:province is that province. A body found under the right
name in another province (or a national body given a province) is a *wrong province*.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

MKG = Namespace("https://w3id.org/migkg/ontology#")
ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "migkg.ttl"
LINK_KINDS = ("implements", "legalBasis", "proposedBy", "replaces", "amends", "refersTo")
ROLES = {"lead": MKG.leadAgency, "cooperating": MKG.cooperatingAgency}
CATEGORIES = ("header", "links", "assignments", "deadlines", "duties", "events", "reports")
HEADER_KEYS = ("number", "doc_type", "date", "place", "issuer")
GENRES = ("plan", "decision", "letter", "directive", "news", "report", "other")
RECURRENCES = {
    "annual": "Annual",
    "semiannual": "SemiAnnual",
    "once": "OneOff",
    "quarterly": "Quarterly",
    "monthly": "Monthly",
}
EVENT_KINDS = {
    "conference": ("conference", "hoi nghi", "hoi thao", "meeting", "workshop"),
    "training": ("training", "tap huan", "boi duong"),
    "review": ("review", "so ket", "tong ket", "ra soat"),
}
# Abbreviations spelt out before comparing names (word by word, after folding).
_EXPAND = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "ngv": "ngoai vu",
}
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), punctuation as spaces, abbreviations spelt out."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").lower()
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    return " ".join(_EXPAND.get(w, w) for w in words)


def norm_number(number: str) -> str:
    """A document number compared as printed, without spaces, dashes plain, case folded."""
    text = unicodedata.normalize("NFC", str(number)).translate(_DASHES)
    return re.sub(r"\s+", "", text).casefold()


def _province_key(label: str) -> str:
    key = fold(label)
    for prefix in ("tinh ", "thanh pho "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key


@dataclass
class Counts:
    """Expected, found and correct facts of one category, and bodies put in the wrong province."""

    expected: int = 0
    found: int = 0
    correct: int = 0
    wrong_province: int = 0

    def add(self, other: Counts) -> None:
        """Add another count into this one (for totals)."""
        self.expected += other.expected
        self.found += other.found
        self.correct += other.correct
        self.wrong_province += other.wrong_province

    @property
    def recall(self) -> float:
        """Share of the expected facts found right (1.0 when nothing is expected)."""
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        """Share of the found facts that are right (1.0 when nothing is found)."""
        return self.correct / self.found if self.found else 1.0


@dataclass
class DocScore:
    """The counts of one document, per category."""

    name: str
    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})

    @property
    def wrong_province(self) -> int:
        """Bodies found under the expected name but placed in another province."""
        return sum(c.wrong_province for c in self.counts.values())


class View:
    """The document's graph read together with the reference graph (labels, provinces)."""

    def __init__(self, doc: Graph, reference: Graph | None = None) -> None:
        self.doc = doc
        self.graphs = [doc] if reference is None else [doc, reference]

    def objects(self, subject: Node, predicate: URIRef) -> list[Node]:
        """Objects from every graph, without repeats."""
        seen: dict[Node, None] = {}
        for graph in self.graphs:
            for obj in graph.objects(subject, predicate):
                seen.setdefault(obj, None)
        return list(seen)

    def names(self, agency: Node) -> set[str]:
        """Folded labels and alternative labels of an agency."""
        labels = self.objects(agency, RDFS.label) + self.objects(agency, SKOS.altLabel)
        return {fold(str(label)) for label in labels}

    def provinces(self, agency: Node) -> set[str]:
        """Folded labels of the provinces an agency is placed in."""
        keys = set()
        for province in self.objects(agency, MKG.province):
            keys |= {_province_key(str(label)) for label in self.objects(province, RDFS.label)}
        return keys

    def numbered(self, number: str) -> set[Node]:
        """Nodes carrying that document number."""
        want = norm_number(number)
        return {
            s
            for graph in self.graphs
            for s, o in graph.subject_objects(MKG.number)
            if norm_number(str(o)) == want
        }


def name_in(name: str, label: str) -> bool:
    """The folded name is the label or is contained in it word by word.

    The plural marker "các" is ignored on both sides unless the name would shrink to a single
    word ("các sở" must not match "Sở Ngoại vụ").
    """
    want, have = fold(name), fold(label)
    if f" {want} " in f" {have} ":
        return True
    bare = [w for w in want.split() if w != "cac"]
    if len(bare) < 2:
        return False
    have_bare = " ".join(w for w in have.split() if w != "cac")
    return f" {' '.join(bare)} " in f" {have_bare} "


def agency_match(view: View, node: Node, name: str, province: str | None) -> str | None:
    """'ok', 'wrong_province', or None when the agency does not bear that name."""
    if not any(name_in(name, label) for label in view.names(node)):
        return None
    if province is None:
        return "ok"
    placed = view.provinces(node)
    if not province:
        return "wrong_province" if placed else "ok"
    if _province_key(province) in placed:
        return "ok"
    return "wrong_province" if placed else None


def _best(
    view: View, nodes: Iterable[Node], name: str, province: str | None
) -> tuple[Node | None, bool]:
    """The first node matching (name, province), and whether one matched the name elsewhere."""
    wrong = False
    for node in nodes:
        verdict = agency_match(view, node, name, province)
        if verdict == "ok":
            return node, False
        wrong = wrong or verdict == "wrong_province"
    return None, wrong


class GenreFolderError(ValueError):
    """A genre folder that cannot be scored: the message names the file."""


def load_expected(path: Path) -> dict[str, Any]:
    """One genre TOML, parsed; a file that is not TOML raises GenreFolderError naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise GenreFolderError(f"{path}: cannot read the facts ({exc})") from None


def genre_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(text, facts) file pairs of a genre folder, sorted by name; facts beside every text."""
    return [(txt, txt.with_suffix(".toml")) for txt in sorted(folder.glob("*.txt"))]


def own_instrument(view: View, header: dict[str, Any]) -> Node | None:
    """The document's own instrument: the one of its graph that best agrees with the header.

    A right number weighs more than all other fields together, so that a cited instrument
    sharing the date or the issuer is not taken for the document.
    """
    props = (MKG.number, MKG.documentType, MKG.dateIssued, MKG.placeIssued, MKG.issuedBy)
    candidates = sorted({s for p in props for s in view.doc.subjects(p)}, key=str)
    best, best_score = None, 0
    for node in candidates:
        hits = _header_hits(view, node, header)
        score = sum(hits.values()) + (10 if hits.get("number") else 0)
        if score > best_score:
            best, best_score = node, score
    return best


def _header_hits(view: View, node: Node, header: dict[str, Any]) -> dict[str, bool]:
    hits: dict[str, bool] = {}
    if "number" in header:
        want = norm_number(header["number"])
        hits["number"] = any(norm_number(str(n)) == want for n in view.objects(node, MKG.number))
    if "doc_type" in header:
        want = fold(header["doc_type"])
        hits["doc_type"] = any(fold(str(t)) == want for t in view.objects(node, MKG.documentType))
    if "date" in header:
        hits["date"] = header["date"] in {str(d) for d in view.objects(node, MKG.dateIssued)}
    if "place" in header:
        want = fold(header["place"])
        hits["place"] = any(fold(str(p)) == want for p in view.objects(node, MKG.placeIssued))
    if "issuer" in header:
        issuers = view.objects(node, MKG.issuedBy)
        hit, _ = _best(view, issuers, header["issuer"], header.get("issuer_province"))
        hits["issuer"] = hit is not None
    return hits


def score_header(view: View, expected: dict[str, Any]) -> tuple[Counts, Node | None]:
    """Header facts found on the document's own instrument."""
    header = expected.get("header", {})
    counts = Counts(expected=sum(1 for key in HEADER_KEYS if key in header))
    own = own_instrument(view, header) if header else None
    if own is None:
        return counts, None
    hits = _header_hits(view, own, header)
    counts.correct = sum(hits.values())
    props = (MKG.number, MKG.documentType, MKG.dateIssued, MKG.placeIssued, MKG.issuedBy)
    counts.found = sum(1 for p in props if view.objects(own, p))
    if "issuer" in header and not hits["issuer"]:
        _, wrong = _best(
            view, view.objects(own, MKG.issuedBy), header["issuer"], header.get("issuer_province")
        )
        counts.wrong_province += wrong
    return counts, own


def _target_nodes(view: View, link: dict[str, Any]) -> set[Node]:
    if "target" in link:
        return view.numbered(link["target"])
    title = fold(link.get("title", ""))
    nodes = set()
    for graph in view.graphs:
        for s, o in graph.subject_objects():
            if isinstance(o, Literal) and title and f" {title} " in f" {fold(str(o))} ":
                if "date" not in link or link["date"] in {
                    str(d) for d in view.objects(s, MKG.dateIssued)
                }:
                    nodes.add(s)
    return nodes


def score_links(view: View, expected: dict[str, Any], own: Node | None) -> Counts:
    """Links with the right kind from the document's instrument (any subject for news).

    An expected refersTo is met by any kind of link to the target; proposedBy is met by the
    proposing agency (in its province). Found links are counted by their most specific kind.
    """
    links = expected.get("links", [])
    subjects = None
    if own is not None:  # the plan node and the instrument node may share the number
        subjects = {own}.union(*(view.numbered(str(n)) for n in view.objects(own, MKG.number)))
    counts = Counts(expected=len(links))
    found = [
        (s, p, o)
        for kind in LINK_KINDS
        for s, p, o in view.doc.triples((None, MKG[kind], None))
        if subjects is None or s in subjects
    ]
    counts.found = len(most_specific_links(view.doc, subjects))
    for link in links:
        if link["kind"] == "proposedBy":
            agencies = [o for _, p, o in found if p == MKG.proposedBy]
            hit, wrong = _best(view, agencies, link["agency"], link.get("agency_province"))
            counts.correct += hit is not None
            counts.wrong_province += wrong
            continue
        targets = _target_nodes(view, link)
        kinds = {MKG[k] for k in LINK_KINDS} if link["kind"] == "refersTo" else {MKG[link["kind"]]}
        counts.correct += any(p in kinds and o in targets for _, p, o in found)
    return counts


@functools.cache
def broader_links() -> dict[Node, frozenset[URIRef]]:
    """Each link property with the link properties it specialises (the ontology's hierarchy)."""
    onto = Graph().parse(ONTOLOGY)
    kinds = {MKG[k] for k in LINK_KINDS} | {MKG.proposal}
    return {
        kind: frozenset(
            up
            for up in onto.transitive_objects(kind, RDFS.subPropertyOf)
            if isinstance(up, URIRef) and up != kind
        )
        & kinds
        for kind in kinds
    }


def most_specific_links(doc: Graph, subjects: set[Node] | None) -> set[tuple[Node, Node]]:
    """(property, target) links of the subjects, each counted once by its most specific kind.

    A mkg:legalBasis is also a mkg:refersTo by the ontology's sub-property axiom, whether or
    not the graph writes the entailed triple: the basis is one link, not two. A mkg:refersTo
    beside a link of another kind to the same target (the plan implements the compact and
    names it) says no more, as an expected refersTo is met by a link of any kind. A proposal is
    one link, stated by its body (mkg:proposedBy) and its paper (mkg:proposal) together; a
    further paper (the appraisal report beside the submission) is a link of its own.
    """
    broader = broader_links()
    kinds: dict[Node, set[Node]] = {}
    for prop in set(broader) - {MKG.proposedBy}:
        for s, _, o in doc.triples((None, prop, None)):
            if subjects is None or s in subjects:
                kinds.setdefault(o, set()).add(prop)
    links: set[tuple[Node, Node]] = set()
    for target, props in kinds.items():
        implied = set().union(*(broader[p] for p in props))
        if props - {MKG.refersTo}:
            implied.add(MKG.refersTo)
        links |= {(p, target) for p in props - implied}
    bodies = {(MKG.proposedBy, o) for s, o in doc.subject_objects(MKG.proposedBy)
              if subjects is None or s in subjects}  # fmt: skip
    papers = {link for link in links if link[0] == MKG.proposal}
    return links | bodies if len(bodies) > len(papers) else links


def _found_pairs(view: View) -> list[tuple[str, Node]]:
    """(role, agency) pairs of the graph's tasks; a lead or cooperating body is responsible too."""
    pairs: dict[tuple[str, Node], None] = {}
    charged: set[Node] = set()
    for role, prop in ROLES.items():
        for _, agency in view.doc.subject_objects(prop):
            pairs.setdefault((role, agency), None)
            charged.add(agency)
    for _, agency in view.doc.subject_objects(MKG.responsibleAgency):
        if agency not in charged:
            pairs.setdefault(("responsible", agency), None)
    return list(pairs)


def score_assignments(view: View, expected: dict[str, Any]) -> Counts:
    """(role, body) pairs matched one to one; an expected 'responsible' accepts any role."""
    wanted = expected.get("assignments", [])
    found = _found_pairs(view)
    counts = Counts(expected=len(wanted), found=len(found))
    free = list(found)
    # Specific roles first, so that a lead is not spent on a mere 'responsible'.
    for item in sorted(wanted, key=lambda a: a["role"] == "responsible"):
        pool = [a for r, a in free if item["role"] == "responsible" or r == item["role"]]
        hit, _ = _best(view, pool, item["agency"], item.get("province"))
        if hit is None:
            _, wrong = _best(view, [a for _, a in found], item["agency"], item.get("province"))
            counts.wrong_province += wrong
            continue
        counts.correct += 1
        free.remove(
            next(
                pair
                for pair in free
                if pair[1] == hit and (item["role"] == "responsible" or pair[0] == item["role"])
            )
        )
    return counts


def score_deadlines(view: View, expected: dict[str, Any]) -> Counts:
    """Dated deadlines anywhere in the document's graph."""
    wanted = {d["date"] for d in expected.get("deadlines", [])}
    found = {str(o) for o in view.doc.objects(None, MKG.deadline)}
    return Counts(expected=len(wanted), found=len(found), correct=len(wanted & found))


def score_duties(view: View, expected: dict[str, Any]) -> Counts:
    """Reporting duties: reporter, addressee and due date (recurrence when the graph gives one)."""
    wanted = expected.get("duties", [])
    duties = sorted(set(view.doc.subjects(MKG.reporter)), key=str)
    counts = Counts(expected=len(wanted), found=len(duties))
    free = list(duties)
    for item in wanted:
        for duty in free:
            due = {
                str(o)
                for o in view.objects(duty, MKG.dueDate) + view.objects(duty, MKG.dueMonthDay)
            }
            rec = {str(o).rsplit("#", 1)[-1] for o in view.objects(duty, MKG.recurrence)}
            who, wrong_who = _best(
                view,
                view.objects(duty, MKG.reporter),
                item["reporter"],
                item.get("reporter_province"),
            )
            to, wrong_to = _best(
                view,
                view.objects(duty, MKG.reportsTo),
                item["reports_to"],
                item.get("reports_to_province"),
            )
            counts.wrong_province += wrong_who or wrong_to
            if who is None or to is None or item["due"] not in due:
                continue
            if rec and RECURRENCES.get(item.get("recurrence", ""), "") not in rec:
                continue
            counts.correct += 1
            free.remove(duty)
            break
    return counts


def score_events(view: View, expected: dict[str, Any]) -> Counts:
    """Events: the date (when stated), a compatible kind and at least one organiser."""
    wanted = expected.get("events", [])
    events = sorted(
        set(view.doc.subjects(RDF.type, MKG.Event)) | set(view.doc.subjects(MKG.eventDate)), key=str
    )
    counts = Counts(expected=len(wanted), found=len(events))
    free = list(events)
    for item in wanted:
        for event in free:
            dates = {str(o) for o in view.objects(event, MKG.eventDate)}
            if "date" in item and item["date"] not in dates:
                continue
            kinds = {fold(str(o)) for o in view.objects(event, MKG.eventKind)}
            accepted = EVENT_KINDS.get(item.get("kind", ""), ())
            if kinds and accepted and not any(k in kind for kind in kinds for k in accepted):
                continue
            organisers = view.objects(event, MKG.organiser)
            if item.get("organisers") and not any(
                _best(view, organisers, n, None)[0] for n in item["organisers"]
            ):
                continue
            counts.correct += 1
            free.remove(event)
            break
    return counts


def score_reports(view: View, expected: dict[str, Any]) -> Counts:
    """Numbers of the instruments a news page reports, present in its graph."""
    wanted = expected.get("reports", [])
    correct = sum(1 for number in wanted if view.numbered(number) & set(view.doc.subjects()))
    return Counts(expected=len(wanted), found=correct, correct=correct)


def score_graph(
    name: str, doc: Graph, expected: dict[str, Any], reference: Graph | None = None
) -> DocScore:
    """Every category of one document's graph against its expected facts."""
    view = View(doc, reference)
    result = DocScore(name)
    result.counts["header"], own = score_header(view, expected)
    result.counts["links"] = score_links(view, expected, own)
    result.counts["assignments"] = score_assignments(view, expected)
    result.counts["deadlines"] = score_deadlines(view, expected)
    result.counts["duties"] = score_duties(view, expected)
    result.counts["events"] = score_events(view, expected)
    result.counts["reports"] = score_reports(view, expected)
    return result


def totals(scores: Iterable[DocScore]) -> dict[str, Counts]:
    """Counts summed over documents, per category."""
    out = {c: Counts() for c in CATEGORIES}
    for doc in scores:
        for category, counts in doc.counts.items():
            out[category].add(counts)
    return out


def build_graphs(folder: Path) -> Iterator[tuple[Path, Graph, Graph, dict[str, Any]]]:
    """Each document of a genre folder built alone: (text, its graph, reference graph, facts)."""
    from graph.build import reference_graph
    from loaders import pipeline, reading
    from loaders.gazetteer import Gazetteer
    from loaders.report import BuildReport
    from loaders.resolver import Resolver

    gazetteer = Gazetteer.load()
    reference = reference_graph(gazetteer)
    for txt, facts in genre_pairs(folder):
        expected = load_expected(facts)
        source = reading.read_source(txt)
        if expected.get("source") and isinstance(source.meta, dict):
            source.meta.setdefault("source_url", expected["source"])
        graph = pipeline.load_source(source, Resolver(gazetteer), BuildReport())
        yield txt, graph, reference, expected


def score_folder(folder: Path) -> list[DocScore]:
    """Build and score every document of a genre folder."""
    return [
        score_graph(txt.stem, graph, expected, ref)
        for txt, graph, ref, expected in build_graphs(folder)
    ]
