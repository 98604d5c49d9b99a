"""Synthetic graphs shaped like the real one, at any size, written as N-Quads.

The shape follows what the corpus yields: plans adopted by instruments that implement
higher instruments; each plan's tasks in groups, with codes, Vietnamese labels, one to
three lead agencies and up to six cooperating agencies (often collective), timeframes,
references to conventions, provenance with line spans and mention nodes; agencies with
Vietnamese and English labels, types, levels and provinces; reporting duties. The same
seed gives the same graph.
"""

from __future__ import annotations

import argparse
import io
import random
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing_extensions import Buffer

MKG = "https://w3id.org/migkg/ontology#"
ID = "https://w3id.org/migkg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
INT = "http://www.w3.org/2001/XMLSchema#integer"

AGENCY_TYPES = ["Ministry", "MinisterialLevelAgency", "GovernmentAgency", "MassOrganisation"]
PROVINCIAL_TYPES = ["ProvincialDepartment", "ProvincialBody", "ProvincialPeoplesCommittee"]
CONVENTIONS = ["ilo-c087", "ilo-c105", "ilo-c097", "ilo-c143", "ilo-c181", "untoc-som", "icmw"]
RECURRENCE = ["OneOff", "Continuous", "Annual", "Biennial", "EveryFiveYears", "SemiAnnual"]
# How many agencies a task names, as counted on the graph built from the shipped corpus
# (102 tasks and assignments): {count: tasks}. Drawn independently for each task.
NAMED_LEADS = {0: 15, 1: 83, 2: 2, 4: 1, 5: 1}
COLLECTIVE_LEADS = {0: 82, 1: 16, 2: 2, 3: 2}
NAMED_COOPS = {0: 67, 1: 15, 2: 12, 3: 5, 4: 2, 6: 1}
COLLECTIVE_COOPS = {0: 22, 1: 69, 2: 9, 3: 2}
WORDS = (
    "nghiên cứu rà soát hoàn thiện chính sách pháp luật di cư lao động người nước ngoài "
    "tuyên truyền phổ biến thông tin dữ liệu hợp tác quốc tế bảo hộ công dân phụ nữ trẻ em"
).split()


def iri(path: str) -> str:
    return f"<{ID}{path}>"


def mkg(term: str) -> str:
    return f"<{MKG}{term}>"


def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def integer(n: int) -> str:
    return f'"{n}"^^<{INT}>'


def draw(rng: random.Random, histogram: dict[int, int]) -> int:
    """A count drawn with the frequencies of ``histogram``."""
    return rng.choices(list(histogram), weights=list(histogram.values()))[0]


def quads(target_triples: int, seed: int = 20) -> Iterator[str]:
    """N-Quads lines for a graph of about ``target_triples`` triples."""
    rng = random.Random(seed)
    ref = iri("graph/reference")
    central = [f"syn-central-{i}" for i in range(40)]
    collectives = [f"syn-collective-{i}" for i in range(4)]
    provinces = [f"syn-province-{i}" for i in range(63)]
    emitted = 0

    def q(s: str, p: str, o: str, g: str) -> str:
        nonlocal emitted
        emitted += 1
        return f"{s} {p} {o} {g} .\n"

    for key in central:
        a = iri(f"agency/{key}")
        yield q(a, f"<{RDF_TYPE}>", mkg(rng.choice(AGENCY_TYPES)), ref)
        yield q(a, f"<{LABEL}>", lit(f"Bộ {rng.choice(WORDS)} {key}", "vi"), ref)
        yield q(a, f"<{LABEL}>", lit(f"Ministry {key}", "en"), ref)
        yield q(a, f"<{ALT}>", lit(key.upper()), ref)
    for key in collectives:
        a = iri(f"agency/{key}")
        yield q(a, f"<{RDF_TYPE}>", mkg("CollectiveActor"), ref)
        yield q(a, f"<{LABEL}>", lit(f"Các bộ, cơ quan có liên quan {key}", "vi"), ref)
        yield q(a, f"<{LABEL}>", lit(f"Relevant bodies {key}", "en"), ref)
    for key in CONVENTIONS:
        c = iri(f"instrument/{key}")
        yield q(c, f"<{RDF_TYPE}>", mkg("Convention"), ref)
        yield q(c, f"<{LABEL}>", lit(f"Convention {key}", "en"), ref)
        yield q(
            c, mkg("vnStatus"), lit(rng.choice(["ratified", "not ratified", "unconfirmed"])), ref
        )
    provincial: dict[str, list[str]] = {}
    for prov in provinces:
        p = iri(f"province/{prov}")
        yield q(p, f"<{RDF_TYPE}>", mkg("Province"), ref)
        yield q(p, f"<{LABEL}>", lit(f"Tỉnh {prov}", "vi"), ref)
        bodies = []
        for j in range(12):
            key = f"{prov}-body-{j}"
            a = iri(f"agency/{key}")
            bodies.append(key)
            yield q(a, f"<{RDF_TYPE}>", mkg(rng.choice(PROVINCIAL_TYPES)), ref)
            yield q(a, f"<{LABEL}>", lit(f"Sở {rng.choice(WORDS)} {key}", "vi"), ref)
            yield q(a, f"<{LABEL}>", lit(f"Department {key}", "en"), ref)
            yield q(a, mkg("province"), p, ref)
        provincial[prov] = bodies

    top = iri("instrument/syn-compact")
    yield q(top, f"<{RDF_TYPE}>", mkg("Instrument"), ref)
    n = 0
    while emitted < target_triples:
        n += 1
        number = f"{n}-syn-kh"
        doc = iri(f"document/syn-{n:06d}")
        plan, inst = iri(f"plan/{number}"), iri(f"instrument/{number}")
        yield q(doc, f"<{RDF_TYPE}>", mkg("SourceDocument"), doc)
        yield q(inst, f"<{RDF_TYPE}>", mkg("Instrument"), doc)
        yield q(inst, mkg("number"), lit(f"{n}/KH-SYN"), doc)
        yield q(inst, mkg("implements"), top, doc)
        yield q(plan, f"<{RDF_TYPE}>", mkg("Plan"), doc)
        yield q(plan, mkg("adoptedBy"), inst, doc)
        prov = provinces[n % len(provinces)]
        pool = central + provincial[prov]
        for group in range(1, rng.randint(3, 6)):
            gi = iri(f"task/{number}/{group}")
            yield q(gi, f"<{RDF_TYPE}>", mkg("TaskGroup"), doc)
            yield q(gi, mkg("code"), lit(str(group)), doc)
            yield q(gi, mkg("taskOf"), plan, doc)
            yield q(plan, mkg("hasTask"), gi, doc)
            for row in range(1, rng.randint(6, 20)):
                code = f"{group}.{row}"
                t = iri(f"task/{number}/{code}")
                line = rng.randint(40, 900)
                start = rng.randint(2018, 2026)
                end = start + rng.randint(0, 10)
                yield q(t, f"<{RDF_TYPE}>", mkg("Task"), doc)
                yield q(t, mkg("code"), lit(code), doc)
                yield q(t, f"<{LABEL}>", lit(" ".join(rng.choices(WORDS, k=14)), "vi"), doc)
                yield q(t, mkg("taskOf"), plan, doc)
                yield q(plan, mkg("hasTask"), t, doc)
                yield q(t, mkg("parentTask"), gi, doc)
                leads = rng.sample(pool, draw(rng, NAMED_LEADS))
                leads += rng.sample(collectives, draw(rng, COLLECTIVE_LEADS))
                if not leads:  # every task has a lead, as validation requires
                    leads = [rng.choice(pool)]
                coops = rng.sample(pool, draw(rng, NAMED_COOPS))
                coops += rng.sample(collectives, draw(rng, COLLECTIVE_COOPS))
                for lead in leads:
                    yield q(t, mkg("leadAgency"), iri(f"agency/{lead}"), doc)
                for coop in coops:
                    if coop not in leads:
                        yield q(t, mkg("cooperatingAgency"), iri(f"agency/{coop}"), doc)
                yield q(
                    t, mkg("expectedOutput"), lit("Báo cáo trình Thủ tướng Chính phủ", "vi"), doc
                )
                yield q(t, mkg("timeframeText"), lit(f"{start}-{end}"), doc)
                yield q(t, mkg("startYear"), integer(start), doc)
                yield q(t, mkg("endYear"), integer(end), doc)
                yield q(t, mkg("recurrence"), mkg(rng.choice(RECURRENCE)), doc)
                yield q(t, f"<{DERIVED}>", doc, doc)
                yield q(t, mkg("sourceLineStart"), integer(line), doc)
                yield q(t, mkg("sourceLineEnd"), integer(line + rng.randint(0, 3)), doc)
                if rng.random() < 0.1:
                    yield q(t, mkg("refersTo"), iri(f"instrument/{rng.choice(CONVENTIONS)}"), doc)
        duty = iri(f"duty/{number}/annual-report")
        yield q(duty, f"<{RDF_TYPE}>", mkg("ReportingDuty"), doc)
        yield q(duty, mkg("dutyOf"), plan, doc)
        yield q(duty, mkg("reporter"), iri(f"agency/{rng.choice(pool)}"), doc)
        yield q(duty, mkg("reportsTo"), iri(f"agency/{central[0]}"), doc)


def write(path: Path, target_triples: int, seed: int = 20) -> int:
    """Write the graph to ``path`` as N-Quads; return the number of quads written."""
    count = 0
    with path.open("w", encoding="utf-8") as fh:
        for line in quads(target_triples, seed):
            fh.write(line)
            count += 1
    return count


class _Stream(io.RawIOBase):
    """The generator's lines as a binary stream, read by the store's parser as it goes, so
    no file and no graph in memory stands between the generator and the store."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._rest = b""
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:
        view = memoryview(buffer).cast("B")
        want = len(view)
        chunks, size = [self._rest], len(self._rest)
        while size < want:
            line = next(self._lines, None)
            if line is None:
                break
            data = line.encode("utf-8")
            chunks.append(data)
            size += len(data)
            self.count += 1
        data = b"".join(chunks)
        n = min(want, len(data))
        view[:n] = data[:n]
        self._rest = data[n:]
        return n


def load(store_dir: Path, target_triples: int, seed: int = 20) -> int:
    """Generate the graph straight into a new pyoxigraph store on disk at ``store_dir``
    (bulk loading, streamed); return the number of quads written."""
    import pyoxigraph as ox

    stream = _Stream(quads(target_triples, seed))
    store = ox.Store(str(store_dir))
    store.bulk_load(
        io.BufferedReader(stream, buffer_size=1 << 20), format=ox.RdfFormat.N_QUADS, lenient=True
    )
    store.flush()
    del store
    return stream.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=float, help="target size, e.g. 1e6 (or a document count)")
    parser.add_argument("output", type=Path)
    parser.add_argument(
        "--store", action="store_true", help="load it into a new pyoxigraph store at OUTPUT"
    )
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument(
        "--documents",
        action="store_true",
        help="write that many corpus documents (plans, letters, decisions) into OUTPUT",
    )
    args = parser.parse_args()
    if args.documents:
        from documents import write_corpus

        paths = write_corpus(args.output, int(args.triples), args.seed)
        print(f"{len(paths)} documents → {args.output}")
        return
    if args.store:
        n = load(args.output, int(args.triples), args.seed)
    else:
        n = write(args.output, int(args.triples), args.seed)
    print(f"{n} quads → {args.output}")


if __name__ == "__main__":
    main()
