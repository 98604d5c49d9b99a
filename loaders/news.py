"""Part loader: news pages on a meeting → an event with its people, figures and next steps.

Only the article counts: ``news_body`` finds it among the page's navigation,
teasers, captions and headline lists, and ``news_extract`` reads its sentences.
This module turns what they found into one ``mkg:Event`` fact and writes it,
resolving the bodies named through the gazetteer. Only what the text states is
written: an event whose date the page does not print gets no date, only a note
quoting what the text says about its time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from loaders import news_extract as X
from loaders import news_people as P
from loaders.base import EmitContext, Fact, Segment
from loaders.document_types import document_types
from loaders.instruments import find_instruments
from loaders.news_body import article, other_paragraphs
from loaders.news_instruments import ReportedInstrument, reported, unnumbered_plan
from loaders.news_participants import (
    emit_participants,
    mention,
    participant_groups,
    record_mention,
    short_slug,
)
from loaders.shorthand import expand
from migkg import iris
from migkg.namespaces import MKG
from migkg.text import match_key

KINDS: tuple[str, ...] = ("news",)

# What the figures count, in English, by the match key of the Vietnamese words.
MEASURES_EN = {
    match_key("người đi làm việc ở nước ngoài theo hợp đồng"): (
        "Vietnamese who went to work abroad under contract"
    ),
    match_key("lao động nước ngoài được cấp giấy phép làm việc tại Việt Nam"): (
        "foreign workers granted work permits in Viet Nam"
    ),
}


@dataclass
class NewsEvent:
    """One event a news article reports, as the article states it."""

    key: tuple[str, ...]
    kind: str
    name: str
    start: int
    end: int
    when: date | None = None
    time_note: str | None = None
    organiser: tuple[str, int] | None = None
    organiser_basis: str | None = None
    reviews: tuple[str, str] | None = None  # (number, type of document in English)
    attendance: tuple[int, str, str | None, int] | None = None
    participants: str | None = None
    participants_line: int | None = None
    people: list[P.PersonMention] = field(default_factory=list)
    figures: list[X.Figure] = field(default_factory=list)
    steps: list[X.Step] = field(default_factory=list)
    presenters: list[tuple[str, int]] = field(default_factory=list)
    co_organisers: list[tuple[str, int]] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return iris.resource("event", *self.key)

    def emit(self, ctx: EmitContext) -> None:
        """Write the event, its people, figures and next steps into the document graph."""
        ev = self.iri
        ctx.add(ev, RDF.type, MKG.Event)
        ctx.add(ev, RDFS.label, Literal(self.name, lang="vi"))
        ctx.add(ev, RDFS.label, Literal(self._label_en(), lang="en"))
        ctx.add(ev, MKG.eventKind, Literal(self.kind, lang="vi"))
        ctx.add(ev, MKG.eventKind, Literal(X.kind_en(self.kind), lang="en"))
        ctx.provenance(ev, self.start, self.end)
        if self.when is not None:
            ctx.add(ev, MKG.eventDate, Literal(self.when.isoformat(), datatype=XSD.date))
        elif self.time_note:
            ctx.add(ev, SKOS.note, Literal(self.time_note, lang="vi"))
        if self.reviews is not None:
            ctx.add(ev, MKG.reviews, iris.plan(self.reviews[0]))
        self._emit_attendance(ctx, ev)
        organiser = self._emit_organiser(ctx, ev)
        people = self._emit_people(ctx, ev)
        if self.participants and self.participants_line is not None:
            groups = participant_groups(self.participants)
            emit_participants(ctx, ev, groups, self.participants_line, self.key)
        if organiser is not None:
            ctx.add(ev, MKG.participant, organiser)
        for text, line in self.co_organisers:  # "A phối hợp với B tổ chức …": both organise
            found = mention(ctx, ev, text, line)
            if found is not None:
                ctx.add(ev, MKG.organiser, found)
                ctx.add(ev, MKG.participant, found)
        for text, line in self.presenters:
            found = mention(ctx, ev, text, line)
            if found is not None:
                ctx.add(ev, MKG.participant, found)
        self._emit_figures(ctx, ev)
        self._emit_steps(ctx, ev, people)

    def _label_en(self) -> str:
        kind = X.kind_en(self.kind)
        label = kind[:1].upper() + kind[1:]
        if self.reviews is not None:
            label += f" on the plan adopted by {self.reviews[1]} {self.reviews[0]}"
        return label

    def _emit_attendance(self, ctx: EmitContext, ev: URIRef) -> None:
        if self.attendance is None:
            return
        value, text, qualifier, _line = self.attendance
        ctx.add(ev, MKG.attendance, Literal(value, datatype=XSD.integer))
        ctx.add(ev, MKG.attendanceText, Literal(text, lang="vi"))
        if qualifier:
            ctx.add(ev, MKG.qualifier, Literal(qualifier))

    def _emit_organiser(self, ctx: EmitContext, ev: URIRef) -> URIRef | None:
        if self.organiser is None:
            return None
        text, line = self.organiser
        found = mention(ctx, ev, text, line)
        if found is None:
            return None
        ctx.add(ev, MKG.organiser, found)
        if self.organiser_basis:
            ctx.add(ev, SKOS.note, Literal(self.organiser_basis, lang="en"))
        return found

    def _emit_people(self, ctx: EmitContext, ev: URIRef) -> dict[str, tuple[URIRef, URIRef | None]]:
        """Each person (``mkg:Person``), keyed by match key of name and of role."""
        out: dict[str, tuple[URIRef, URIRef | None]] = {}
        for p in self.people:
            person = iris.resource("person", iris.slug(p.name))
            ctx.add(person, RDF.type, MKG.Person)
            ctx.add(person, RDFS.label, Literal(p.name))
            # No line span: one person may be named in several files.
            ctx.add(person, PROV.wasDerivedFrom, ctx.source.iri)
            ctx.add(ev, MKG.participant, person)
            org = None
            if p.role:
                ctx.add(person, MKG.role, Literal(p.role, lang="vi"))
            if p.organisation:
                org = mention(ctx, ev, p.organisation, p.line)
                if org is not None:
                    ctx.add(person, MKG.memberOf, org)
                    ctx.add(ev, MKG.participant, org)
            out[match_key(p.name)] = (person, org)
            if p.role:
                out[match_key(p.role)] = (person, org)
        return out

    def _emit_figures(self, ctx: EmitContext, ev: URIRef) -> None:
        for f in self.figures:
            obs = iris.resource("observation", *self.key, short_slug(f.measure))
            ctx.add(obs, RDF.type, MKG.Observation)
            ctx.add(obs, RDFS.label, Literal(f.text, lang="vi"))
            ctx.add(obs, MKG.value, Literal(f.value, datatype=XSD.integer))
            ctx.add(obs, MKG.unit, Literal("person"))
            ctx.add(obs, MKG.measure, Literal(f.measure, lang="vi"))
            english = MEASURES_EN.get(match_key(f.measure))
            if english:
                ctx.add(obs, MKG.measure, Literal(english, lang="en"))
            if f.qualifier:
                ctx.add(obs, MKG.qualifier, Literal(f.qualifier))
            if f.period_start is not None:
                ctx.add(obs, MKG.periodStart, Literal(f.period_start, datatype=XSD.integer))
            end = f.period_end
            if end is None and f.until_now and self.when is not None:
                end = self.when.year  # "đến nay": up to the day it was stated
            if end is not None:
                ctx.add(obs, MKG.periodEnd, Literal(end, datatype=XSD.integer))
            ctx.add(obs, MKG.statedAt, ev)
            ctx.provenance(obs, f.line, f.line)

    def _emit_steps(
        self, ctx: EmitContext, ev: URIRef, people: dict[str, tuple[URIRef, URIRef | None]]
    ) -> None:
        for s in self.steps:
            step = iris.resource("nextstep", *self.key, short_slug(s.label))
            ctx.add(step, RDF.type, MKG.NextStep)
            ctx.add(step, RDFS.label, Literal(s.label, lang="vi"))
            ctx.add(step, MKG.statedAt, ev)
            ctx.provenance(step, s.line, s.line)
            for found in find_instruments(s.label):
                ctx.add(step, MKG.concerns, found.iri)
                # a mention sits in a task, an instrument or an event: here, the event's report
                record_mention(ctx, ev, found.text, found.iri, s.line)
            for proposer in _proposers(s.speaker, people):
                ctx.add(step, MKG.proposedBy, proposer)


def _proposers(speaker: str, people: dict[str, tuple[URIRef, URIRef | None]]) -> list[URIRef]:
    """The person (by name, else by role) who stated a step, and their body."""
    key = match_key(speaker)
    for known, (person, org) in sorted(people.items(), key=lambda kv: -len(kv[0])):
        if known and (known in key or key in known):
            return [person] + ([org] if org is not None else [])
    return []


def parse(segment: Segment) -> list[Fact]:
    """The instruments and the event the article on a news page reports.

    No article, nothing; an article that reports no meeting (no conference, workshop,
    training …) gives no event, only the instruments it reports.
    """
    paragraphs = article(segment)
    if not paragraphs:
        return []
    facts: list[Fact] = reported(segment, paragraphs)
    if not any(isinstance(f, ReportedInstrument) for f in facts):  # a plan with no number
        facts += unnumbered_plan([(n, line) for n, line in segment.numbered() if line.strip()])
    sents = X.sentences(paragraphs)
    kind, name, organiser, organised_in = X.event_kind(sents)
    if organised_in is None:  # the lede that says who organised it may sit above the body
        lede = X.sentences(other_paragraphs(segment, paragraphs))
        found_kind, found_name, found_organiser, found_in = X.event_kind(lede)
        if found_in is not None:
            kind, name, organiser, organised_in = found_kind, found_name, found_organiser, found_in
            sents = [found_in, *sents]
    if organised_in is None and not X.reports_a_meeting(sents):
        return facts
    top = [line for _, line in segment.numbered()][: max(0, paragraphs[0].line - segment.start)]
    when, note = X.event_date(paragraphs, organised_in, X.dateline(top))
    reviews = _reviewed(sents, name)
    slug = iris.slug(kind) + (f"-{iris.slug(reviews[0])}" if reviews else "")
    if when is not None:
        key: tuple[str, ...] = (when.isoformat(), slug)
    else:
        key = ("undated", iris.slug(segment.source.stem), slug)
    people = P.people(sents)
    event = NewsEvent(
        key=key,
        kind=kind,
        name=name,
        start=paragraphs[0].line,
        end=paragraphs[-1].line,
        when=when,
        time_note=note,
        reviews=reviews,
        people=people,
        figures=X.figures(paragraphs),
        steps=X.next_steps(sents),
        presenters=X.presenters(sents),
    )
    if organiser and organised_in is not None:
        first, *others = X.organisers(organiser)
        event.organiser = (first, organised_in.line)
        event.co_organisers = [(o, organised_in.line) for o in others]
    else:
        _infer_organiser(event, sents, people)
    seen = X.attendance(sents)
    if seen is not None:
        value, text, qualifier, who, line = seen
        event.attendance = (value, text, qualifier, line)
        event.participants, event.participants_line = who, line
    if event.participants is None:
        attended = X.attended_by(sents)
        if attended is not None:
            event.participants = expand(attended[0])
            event.participants_line = attended[1]
    return [*facts, event]


def _reviewed(sents: list[X.Sentence], name: str) -> tuple[str, str] | None:
    """The decision whose plan the event reviews: the one decision the article names.

    The event must be about implementing a plan (``Kế hoạch``); when the article
    names several decisions, the one said to adopt the plan (``ban hành Kế hoạch``).
    """
    found: list[tuple[str, str, str]] = []
    for s in sents:
        for m in find_instruments(s.text):
            if m.kind == "numbered" and m.number and m.doc_type in ("Quyết định", "Nghị quyết"):
                found.append(
                    (m.number, document_types().english.get(m.doc_type, m.doc_type), s.text)
                )
    if "Kế hoạch" not in name and not any("Kế hoạch" in t for _, _, t in found):
        return None
    if len({n for n, _, _ in found}) == 1:
        return found[0][0], found[0][1]
    for number, doc_type, text in found:
        if "ban hành Kế hoạch" in text:
            return number, doc_type
    return None


def _infer_organiser(
    event: NewsEvent, sents: list[X.Sentence], people: list[P.PersonMention]
) -> None:
    """With no "X tổ chức …": the body whose official opened the event, when the text
    also names that body as the coordinator of the plan under review."""
    opened_by = P.opener(sents, people)
    coordinator = X.coordinator(sents)
    if opened_by is None or coordinator is None or not opened_by.organisation:
        return
    if match_key(opened_by.organisation) != match_key(coordinator[0]):
        return
    event.organiser = (coordinator[0], coordinator[1])
    event.organiser_basis = (
        f"The page does not say who organised the event; {coordinator[0]} is taken as "
        f"organiser because {opened_by.name} ({opened_by.role}) opened it and the text "
        f"names {coordinator[0]} as the coordinator of the plan."
    )
