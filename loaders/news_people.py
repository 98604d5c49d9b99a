"""People a news article names: ``ông Tô Anh Dũng, Thứ trưởng Bộ Ngoại giao, …`` or
``Thứ trưởng Bộ Ngoại giao Lê Thị Thu Hằng khẳng định …``, with the role printed.

A name is a run of capitalised words; after ông/bà it is followed by its role after a
comma, after a title it ends where the sentence's verb begins. People named twice
(with and without their role) are one person, with the fuller role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.news_extract import Sentence
from migkg.text import match_key


@dataclass
class PersonMention:
    """A person the article names, with the role printed beside the name (if any)."""

    name: str
    line: int
    role: str | None = None
    organisation: str | None = None
    lines: list[int] = field(default_factory=list)


TITLES = sorted(
    [
        "Phó Thủ tướng",
        "Thủ tướng",
        "Thứ trưởng",
        "Bộ trưởng",
        "Trưởng Đại diện",
        "Trưởng đại diện",
        "Trưởng Phái đoàn",
        "Trưởng phái đoàn",
        "Trưởng đoàn",
        "Đại sứ",
        "Phó Giám đốc",
        "Giám đốc",
        "Tổng Giám đốc",
        "Phó Cục trưởng",
        "Cục trưởng",
        "Vụ trưởng",
        "Phó Chủ tịch",
        "Chủ tịch",
        "Điều phối viên",
    ],
    key=len,
    reverse=True,
)
_TITLE = re.compile(r"(?<!\w)(?:" + "|".join(TITLES) + r")(?!\w)")
_HONORIFIC = re.compile(r"(?<!\w)(?:ông|bà|Ông|Bà)\s+")
# What a person does in a news sentence: the word after their name.
VERBS = (
    "khẳng định",
    "phát biểu",
    "nhấn mạnh",
    "tham dự",
    "cho rằng",
    "cho biết",
    "đề nghị",
    "đề xuất",
    "chia sẻ",
    "đánh giá",
    "hy vọng",
    "trình bày",
    "chủ trì",
    "bày tỏ",
    "kêu gọi",
    "cũng",
)


def people(sents: list[Sentence]) -> list[PersonMention]:
    """Everyone the article names with a title or as ông/bà, merged by name."""
    found: dict[str, PersonMention] = {}
    for s in sents:
        for name, role, line in _honorific_mentions(s) + _titled_mentions(s):
            key = match_key(name)
            person = found.setdefault(key, PersonMention(name=name, line=line))
            if line not in person.lines:
                person.lines.append(line)
            if role and (person.role is None or len(role) > len(person.role)):
                person.role = role
    for person in found.values():
        person.organisation = organisation_in_role(person.role)
    return list(found.values())


def organisation_in_role(role: str | None) -> str | None:
    """``Thứ trưởng Bộ Ngoại giao`` → ``Bộ Ngoại giao``; None when the role names no body."""
    if not role:
        return None
    m = _TITLE.match(role)
    rest = role[m.end() :].strip() if m else role
    return rest or None


def _honorific_mentions(s: Sentence) -> list[tuple[str, str | None, int]]:
    out: list[tuple[str, str | None, int]] = []
    for m in _HONORIFIC.finditer(s.text):
        name = _name_at(s.text, m.end())
        if not name:
            continue
        role = None
        after = s.text[m.end() + len(name) :]
        r = re.match(r",\s*(?P<role>[^,;]+?)\s*(?:,|$)", after)
        if r and _TITLE.match(r.group("role")):
            role = r.group("role").rstrip(". ")
        out.append((name, role, s.line))
    return out


def _titled_mentions(s: Sentence) -> list[tuple[str, str | None, int]]:
    out: list[tuple[str, str | None, int]] = []
    for m in _TITLE.finditer(s.text):
        rest = s.text[m.start() :]
        verb = re.search(r"\s(?:" + "|".join(VERBS) + r")(?!\w)", rest)
        if not verb:
            continue
        words = rest[: verb.start()].split()
        run: list[str] = []
        for w in reversed(words):
            if not (w[0].isupper() and w.replace("-", "").isalpha()):
                break
            run.insert(0, w)
        while run and run[0].isupper() and len(run[0]) > 1:
            run.pop(0)  # an acronym closes the body's name, not the person's
        title_words = len(m.group(0).split())
        if len(run) < 2 or len(words) - len(run) < title_words:
            continue
        role = " ".join(words[: len(words) - len(run)])
        out.append((" ".join(run), role, s.line))
    return out


def _name_at(text: str, pos: int) -> str | None:
    words = []
    for w in text[pos:].split():
        core = w.rstrip(",.;:")
        if not (core and core[0].isupper() and core.replace("-", "").isalpha()):
            break
        words.append(core)
        if core != w:
            break
    return " ".join(words) if len(words) >= 2 else None


def opener(sents: list[Sentence], found: list[PersonMention]) -> PersonMention | None:
    """The person who opened the event ("Phát biểu khai mạc …, ông X")."""
    for s in sents:
        if "khai mạc" in s.text:
            for person in found:
                if person.name in s.text:
                    return person
    return None
