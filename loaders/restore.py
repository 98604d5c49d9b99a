"""Diacritics put back into text that lost them (OCR without the Vietnamese model), and
syllables an OCR glued together split apart, from known words only.

``restore(text)`` reads the text word by word under its accent-blind key and, where a run
of words matches a known phrase with one spelling (an agency label of the gazetteer, a
phrase of the shipped plans, or a syllable the Vietnamese word list spells one way only),
writes that spelling; any other word is kept as printed. Nothing is made up: every
restored word is one the vocabulary holds, and the result is a separate, restored label
(``mkg:restoredLabel``), never a replacement of the printed text.

``split_glued(word)`` splits a token that is no syllable into syllables of the word list
when there is exactly one way to do it (``BộNgoạigiao`` → ``Bộ Ngoại giao``).

The word list is Debian's ``hunspell-vi`` (``/usr/share/hunspell/vi_VN.dic``, one syllable
a line); without it only the gazetteer and the plans are used.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from loaders.reading import vietnamese_score
from migkg.text import fold, nfc

WORD_LIST = Path("/usr/share/hunspell/vi_VN.dic")
LONGEST = 6  # the longest phrase, in words, looked up
SHARE = 0.9  # a phrase is restored when one spelling has this share of its occurrences
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@lru_cache(maxsize=1)
def word_list() -> frozenset[str]:
    """Lower-case syllables of the Vietnamese word list (empty when it is not installed)."""
    if not WORD_LIST.is_file():
        return frozenset()
    words = set()
    for line in WORD_LIST.read_text(encoding="utf-8").splitlines()[1:]:
        word = nfc(line.split("/", 1)[0].strip()).lower()
        if word.isalpha():
            words.add(word)
    return frozenset(words)


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Lower-case Vietnamese syllables: the word list, the gazetteer and the shipped plans."""
    words: set[str] = set(word_list())
    for text in _vocabulary_texts():
        words.update(w.lower() for w in _WORD.findall(text))
    return frozenset(words)


@lru_cache(maxsize=1)
def _phrases() -> dict[str, Counter[str]]:
    """Accent-blind key of every phrase of up to LONGEST words → its spellings, counted."""
    index: dict[str, Counter[str]] = {}
    for text in _vocabulary_texts():
        for line in text.splitlines():
            words = _WORD.findall(line)
            for i in range(len(words)):
                for n in range(1, min(LONGEST, len(words) - i) + 1):
                    phrase = " ".join(words[i : i + n])
                    index.setdefault(fold(phrase), Counter())[phrase] += 1
    by_key: dict[str, set[str]] = {}
    for word in syllables():
        by_key.setdefault(fold(word), set()).add(word)
    for key, spellings in by_key.items():
        if len(spellings) == 1 and key not in index:
            index[key] = Counter({next(iter(spellings)): 1})
    return index


def _vocabulary_texts() -> list[str]:
    """Texts whose spelling is trusted: the gazetteer's labels and the shipped plans
    that are printed with their diacritics."""
    import corpus
    from loaders.gazetteer import Gazetteer

    texts = ["\n".join(label for r in Gazetteer.load().agencies.values() for label in r.labels)]
    for path in sorted(Path(corpus.CORPUS_DIR).glob("*.txt")):
        text = nfc(path.read_text(encoding="utf-8"))
        if _has_diacritics(text):
            texts.append(text)
    return texts


def _has_diacritics(text: str) -> bool:
    """Do most Vietnamese words here carry well-formed marks (not an OCR without them)?"""
    words = _WORD.findall(text)
    marked = sum(1 for w in words if not w.isascii())
    return bool(words) and marked / len(words) > 0.3 and vietnamese_score(text) > 0.95


def _spelling(key: str) -> str | None:
    """The one spelling of a phrase key, or None when it is unknown or ambiguous."""
    counts = _phrases().get(key)
    if not counts:
        return None
    lower: Counter[str] = Counter()
    for phrase, n in counts.items():
        lower[phrase.lower()] += n
    best, n = lower.most_common(1)[0]
    if n / sum(lower.values()) < SHARE:
        return None
    if best in counts:
        return best  # written in lower case somewhere: not a name
    return max((p for p in counts if p.lower() == best), key=lambda p: counts[p])


def restore(text: str) -> str | None:
    """``text`` with diacritics restored where known phrases say how; None if nothing changed."""
    text = nfc(text)
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    out: list[str] = []
    last = 0
    i = 0
    changed = False
    while i < len(spans):
        for n in range(min(LONGEST, len(spans) - i), 0, -1):
            words = [text[a:b] for a, b in spans[i : i + n]]
            found = _spelling(fold(" ".join(words)))
            if found is not None and len(found.split()) == n:
                break
        else:
            i += 1
            continue
        for (a, b), printed, new in zip(spans[i : i + n], words, found.split(), strict=True):
            out.append(text[last:a])
            out.append(_case_like(printed, new))
            changed = changed or out[-1] != printed
            last = b
        i += n
    out.append(text[last:])
    return "".join(out) if changed else None


def _case_like(printed: str, word: str) -> str:
    """``word`` in the case the printed word has (upper, capitalised, or as known)."""
    if len(printed) > 1 and printed.isupper():
        return word.upper()
    if printed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def split_glued(word: str) -> str:
    """A token that is no syllable split into known syllables, when only one split exists
    (a capital inside the token starts a new syllable)."""
    if word.isupper():
        return word
    cuts = [0] + [i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()]
    parts = [word[a:b] for a, b in zip(cuts, [*cuts[1:], len(word)], strict=True)]
    return " ".join(_split_one(p) for p in parts)


def _split_one(word: str) -> str:
    known = word_list() or syllables()
    if len(word) < 4 or not word.isalpha() or word.lower() in known or not known:
        return word
    lower = word.lower()
    # ways[i]: the splits of lower[i:] (at most two kept: we only need to know if one)
    ways: list[list[list[int]]] = [[] for _ in range(len(lower) + 1)]
    ways[len(lower)] = [[]]
    for i in range(len(lower) - 1, -1, -1):
        for j in range(i + 1, min(len(lower), i + 8) + 1):
            if j - i >= 2 and lower[i:j] in known:
                ways[i].extend([j, *rest] for rest in ways[j][:2])
        ways[i] = sorted(ways[i], key=len)[:2]
    fewest = sorted(ways[0], key=len)
    if not fewest or (len(fewest) > 1 and len(fewest[0]) == len(fewest[1])):
        return word
    cuts = [0, *fewest[0]]
    return " ".join(word[a:b] for a, b in zip(cuts, cuts[1:], strict=False))
