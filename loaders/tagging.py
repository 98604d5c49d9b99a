"""What a text is about: a controlled vocabulary's concepts found in it, with the words.

A vocabulary (``data/functions.toml``, ``data/gcm_tags.toml``) gives each concept the
Vietnamese phrases that name it. ``Tagger.tag(text)`` finds them as whole words, with or
without diacritics, and keeps the words as printed (the deciding words). A reviewed
override file (``data/tag_overrides.toml``) adds or removes a tag of a task, with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from loaders.tabular import read_toml
from migkg.errors import InputError
from migkg.text import folded, nfc

_WHITE = re.compile(r"\s")


@dataclass(frozen=True)
class Concept:
    """One concept of a vocabulary."""

    key: str
    label_vi: str
    label_en: str
    match: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    number: int | None = None


@dataclass(frozen=True)
class Tag:
    """A concept found in a text: ``words`` as printed, or the reviewer's ``note``."""

    concept: str
    words: str
    note: str = ""


def _folded(text: str) -> str:
    """Accent-blind, lower-case text of the same length as ``text``, white space as spaces."""
    return _WHITE.sub(" ", folded(text))


def _pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in _folded(nfc(phrase)).split()]
    return re.compile(r"(?<![\w])" + r"[\s,-]+".join(words) + r"(?![\w])")


@dataclass
class Tagger:
    """Finds the concepts of one vocabulary in a text."""

    concepts: dict[str, Concept]
    _patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for c in self.concepts.values():
            for phrase in c.match:
                self._patterns.append((c.key, _pattern(phrase)))

    def tag(self, text: str) -> list[Tag]:
        """Each concept named in ``text``, once, with the first words that named it."""
        text = nfc(text)
        folded = _folded(text)
        found: dict[str, tuple[int, str]] = {}
        for key, pattern in self._patterns:
            m = pattern.search(folded)
            if m and (key not in found or m.start() < found[key][0]):
                found[key] = (m.start(), text[m.start() : m.end()])
        return [Tag(k, words) for k, (_, words) in sorted(found.items(), key=lambda kv: kv[1][0])]


def load_vocabulary(path: Path, table: str) -> dict[str, Concept]:
    """The concepts of ``[[table]]`` entries in a TOML file; a bad entry names its key."""
    data = read_toml(path, "vocabulary")
    out: dict[str, Concept] = {}
    for i, entry in enumerate(data.get(table, []), 1):
        key = entry.get("key")
        if not key or not entry.get("vi") or not entry.get("en"):
            raise InputError(path, f"{table} #{i}: key, vi and en are required")
        if key in out:
            raise InputError(path, f"{table} '{key}' is listed twice")
        out[key] = Concept(
            key=key,
            label_vi=nfc(entry["vi"]),
            label_en=entry["en"],
            match=tuple(nfc(m) for m in entry.get("match", [])),
            moved=tuple(entry.get("moved", [])),
            number=entry.get("number"),
        )
    return out


@dataclass(frozen=True)
class Override:
    """A reviewed change to one task's tags: ``add`` or ``remove`` a concept, with a note."""

    task: str
    concept: str
    action: str
    note: str


def load_overrides(path: Path) -> list[Override]:
    """The reviewed additions and removals (``[[override]]``: task IRI, concept, action, note)."""
    if not path.is_file():
        return []
    out = []
    for i, entry in enumerate(read_toml(path, "tag overrides").get("override", []), 1):
        action = entry.get("action")
        if action not in ("add", "remove") or not entry.get("task") or not entry.get("concept"):
            raise InputError(path, f"override #{i}: task, concept and action add|remove needed")
        if not entry.get("note"):
            raise InputError(path, f"override #{i}: a note saying why is required")
        out.append(Override(entry["task"], entry["concept"], action, entry["note"]))
    return out


def apply_overrides(task: str, tags: list[Tag], overrides: list[Override]) -> list[Tag]:
    """``tags`` of ``task`` after the reviewed overrides (a concept key may be prefixed by
    its vocabulary, e.g. ``gcm/6``)."""
    out = list(tags)
    for o in overrides:
        if o.task != task:
            continue
        if o.action == "remove":
            out = [t for t in out if t.concept != o.concept]
        elif all(t.concept != o.concept for t in out):
            out.append(Tag(o.concept, "", o.note))
    return out
