"""Corpus → rdflib Dataset: read each file, parse it into documents, run the part loaders."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from loaders import (
    gazetteer,
    manifest,
    page_province,
    parse,
    phases,
    reading,
    registry,
    understanding,
)
from loaders.base import EmitContext, Segment, SourceText
from loaders.report import BuildReport
from loaders.resolver import Resolver
from migkg import iris
from migkg.errors import InputError
from migkg.namespaces import MKG, bind_prefixes

SUPPORTED = reading.SUPPORTED_SUFFIXES


def corpus_files(corpus: Path) -> list[Path]:
    """The files of a corpus folder that migkg reads, sorted by name (README excluded)."""
    if not corpus.exists():
        raise InputError(corpus, "corpus folder not found")
    if not corpus.is_dir():
        raise InputError(corpus, "not a folder")
    problems = dict(link_problems(corpus))
    files = [
        p
        for p in sorted(corpus.iterdir())
        if p not in problems
        and p.is_file()
        and p.suffix.lower() in SUPPORTED
        and p.name.lower() != "readme.md"
    ]
    if not files:
        raise InputError(corpus, f"no readable documents ({', '.join(SUPPORTED)}) in the folder")
    return files


def link_problems(corpus: Path) -> list[tuple[Path, str]]:
    """Symbolic links in the corpus folder that are not followed, and why: a link out of
    the folder (a corpus reads only its own files), a loop, a link to nothing."""
    root = corpus.resolve()
    out = []
    for path in sorted(corpus.iterdir()):
        if not path.is_symlink():
            continue
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            out.append((path, "not read: the link loops back on itself"))
            continue
        except OSError:
            out.append((path, "not read: the link points to nothing"))
            continue
        if not target.is_relative_to(root):
            out.append((path, f"not read: the link leads out of the corpus folder ({target})"))
    return out


def load_source(source: SourceText, resolver: Resolver, report: BuildReport) -> Graph:
    """All facts of one source file as its own graph (named after the document IRI)."""
    graph = Graph(identifier=source.iri)
    graph.add((source.iri, RDF.type, MKG.SourceDocument))
    graph.add((source.iri, RDFS.label, Literal(source.path.name)))
    graph.add((source.iri, MKG.fileName, Literal(source.path.name)))
    graph.add((source.iri, MKG.mediaType, Literal(source.media_type)))
    graph.add((source.iri, MKG.extractionMethod, Literal(source.reader)))
    if source.mean_confidence is not None:
        confidence = Literal(f"{source.mean_confidence:.3f}", datatype=XSD.decimal)
        graph.add((source.iri, MKG.ocrConfidence, confidence))
    url = source.meta.get("source_url", "")
    if url.startswith(("http://", "https://")) and not any(c in url for c in ' <>"{}|\\^`'):
        graph.add((source.iri, DCTERMS.source, URIRef(url)))
    loaders = registry.all_loaders()
    unresolved_before = len(report.unresolved_mentions)
    documents = parse.parse(source, report)
    for doc in documents:
        seg = doc.segment
        assert isinstance(seg, Segment)
        if source.meta.get("province") and not seg.meta.get("province"):
            seg.meta["province"] = source.meta["province"]  # from the manifest
        if not seg.meta.get("province") and (seg.kind == "news" or doc.header.issuer is None):
            # a portal's page or a letter printed without its issuer block
            lines = source.lines[seg.start - 1 : seg.end]
            seg.meta["province"] = page_province.province_of_page(
                lines, source.meta.get("source_url")
            )
        ctx = EmitContext(graph=graph, segment=seg, resolver=resolver, report=report)
        for _name, loader in loaders:
            if seg.kind not in loader.KINDS:
                continue
            for fact in loader.parse(seg):
                fact.emit(ctx)
    phases.add_reporting_phases(graph)
    describe_standard_bodies(graph, resolver)
    unresolved = report.unresolved_mentions[unresolved_before:]
    for doc in documents:
        understanding.record(doc, graph, report, unresolved)
    return graph


def describe_standard_bodies(graph: Graph, resolver: Resolver) -> None:
    """Describe in the document's graph the generated standard bodies it names (labels,
    province, the bodies they belong to), so that a document's graph reads alone: the
    curated agencies are described by the reference graph, a province's generated bodies
    only once a document names them."""
    gaz = resolver.gazetteer
    prefix = str(iris.agency(""))
    named = {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(prefix)}
    for node in sorted(named, key=str):
        key = str(node)[len(prefix) :]
        while key in gaz.standard and key not in gaz.aliases:
            record = gaz.standard[key]
            gazetteer.add_agency(graph, record, gaz)
            key = gaz.canonical(record.parent) if record.parent else ""


def load_corpus(
    files: Iterable[Path],
    resolver: Resolver,
    report: BuildReport,
    *,
    on_file: Callable[[Path], None] | None = None,
    skip_bad: bool = False,
) -> Dataset:
    """Read every file into a Dataset with one named graph per source document.

    A file that cannot be read raises InputError (the build stops and the store is
    left as it was) unless ``skip_bad`` is set, when it is listed in the report.
    """
    ds = Dataset()
    bind_prefixes(ds)
    for path in files:
        if on_file is not None:
            on_file(path)
        try:
            source = reading.read_source(path, manifest.for_file(path))
        except InputError as exc:
            if not skip_bad:
                raise
            report.skip(exc.path, exc.line, exc.message.split(": ", 1)[-1])
            continue
        report.files.append(path.name)
        report.read_by(path.name, source.reader, source.mean_confidence)
        for line, note in source.notes:
            report.warn(path, line, note)
        graph = load_source(source, resolver, report)
        named = ds.graph(graph.identifier)
        for triple in graph:
            named.add(triple)
    return ds
