"""The interface in both languages: the catalogues are complete and compiled, the language
follows the URL, then the cookie, then Accept-Language, and every page read in one language
shows no word of the other outside names, codes and text marked with its own language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from queries.catalogue import catalogue

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "webapp" / "translations"

# Pages of every kind over the fixture graph.
PAGES = [
    "/",
    "/query",
    "/queries",
    "/charts",
    "/exports",
    "/id/agency/molisa",
    "/id/agency/mofa",
    "/id/task/402-qd-ttg/3.2.3",
    "/id/task/402-qd-ttg/3.2",
    "/id/plan/402-qd-ttg",
    "/id/instrument/ilo-c087",
    "/id/instrument/gcm",
    "/id/document/000_2ea71573e8b386bf?lines=10-12",
    "/id/",
    "/id/agency/",
    "/id/agency/?level=central",
    "/id/task/",
    "/id/plan/",
    "/id/instrument/",
    "/id/document/",
    "/search?q=ngoai+giao",
    "/queries/agency_tasks?agency=zzz",
    "/calendar",
    "/coverage",
    "/id/task/402-qd-ttg/3.2.3?at=2026-01-01",
] + [f"/queries/{q.name}" for q in catalogue()]


def catalogue_of(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f, locale=lang)


def extracted_messages() -> set[str]:
    with open(ROOT / "webapp" / "babel.cfg", encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    return {
        msg if isinstance(msg, str) else msg[0]
        for _file, _line, msg, _comments, _ctx in extract_from_dir(
            str(ROOT), method_map, options_map
        )
    }


def test_every_message_has_a_vietnamese_translation():
    vi = {m.id: m.string for m in catalogue_of("vi") if m.id}
    missing = sorted(m for m in extracted_messages() if not vi.get(m))
    assert not missing, f"untranslated (run scripts/translations extract): {missing[:10]}"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_compiled_catalogues_match_their_sources(lang):
    po = {m.id: m.string for m in catalogue_of(lang) if m.id and m.string}
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as f:
        mo = {m.id: m.string for m in read_mo(f) if m.id and m.string}
    assert po == mo, "run scripts/translations compile"


def test_language_from_accept_language_then_cookie_then_url(site_client):
    english = site_client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert "Accept-Language" in english.headers["Vary"]
    vietnamese = site_client.get("/", headers={"Accept-Language": "vi,en;q=0.5"})
    assert '<html lang="vi">' in vietnamese.get_data(as_text=True)
    # A choice in the URL beats the browser, and is kept in a cookie for later pages.
    chosen = site_client.get("/queries?lang=vi", headers={"Accept-Language": "en"})
    assert '<html lang="vi">' in chosen.get_data(as_text=True)
    assert "lang=vi" in chosen.headers["Set-Cookie"]
    later = site_client.get("/charts", headers={"Accept-Language": "en"})
    assert '<html lang="vi">' in later.get_data(as_text=True)


class VisibleText(HTMLParser):
    """The text a reader sees, leaving out code, scripts and elements in another language."""

    # The charts' SVG is drawn by the viz package, which picks its labels per language.
    SKIP = {"code", "pre", "script", "style", "textarea", "option", "kbd", "samp", "title", "svg"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.stack: list[bool] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        own = dict(attrs).get("lang")
        # Names and codes are marked translate="no"; quoted text carries its own lang.
        skip = tag in self.SKIP or (own is not None and own != self.lang)
        skip = skip or dict(attrs).get("translate") == "no"
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            # A value quoted back to the reader (“agency”, “zzz”) is not interface text.
            self.words += re.findall(r"[^\W\d_]+", re.sub(r"“[^”]*”", " ", data))


def visible_words(html: str, lang: str) -> set[str]:
    parser = VisibleText(lang)
    parser.feed(html)
    return set(parser.words)


def english_words() -> set[str]:
    """Words of the English interface that its Vietnamese translation does not keep."""
    out: set[str] = set()
    for m in catalogue_of("vi"):
        if not m.id or not m.string or re.fullmatch(r"[a-z]+\.[a-z_]+", m.id):
            continue  # symbolic keys (network.title) are not shown
        kept = set(re.findall(r"[^\W\d_]+", m.string.lower()))
        for word in re.findall(r"[A-Za-z]{4,}", m.id):
            if word.lower() not in kept and "_" not in m.id:
                out.add(word.lower())
    return out


def vietnamese_words() -> set[str]:
    """Words of the Vietnamese interface that carry a Vietnamese letter (and that the
    English interface does not quote)."""
    out: set[str] = set()
    quoted: set[str] = set()
    for m in catalogue_of("vi"):
        quoted |= set(re.findall(r"[^\W\d_]+", m.id.lower() if m.id else ""))
        for word in re.findall(r"[^\W\d_]+", m.string or ""):
            if not word.isascii():
                out.add(word.lower())
    return out - quoted


@pytest.mark.parametrize("path", PAGES)
def test_a_vietnamese_page_has_no_english_words(site_client, path):
    r = site_client.get(path, headers={"Accept-Language": "vi"})
    assert r.status_code == (400 if "zzz" in path else 200)
    seen = {w.lower() for w in visible_words(r.get_data(as_text=True), "vi")}
    assert not seen & english_words(), sorted(seen & english_words())


@pytest.mark.parametrize("path", PAGES)
def test_an_english_page_has_no_vietnamese_words(site_client, path):
    r = site_client.get(path, headers={"Accept-Language": "en"})
    assert r.status_code == (400 if "zzz" in path else 200)
    seen = {w.lower() for w in visible_words(r.get_data(as_text=True), "en")}
    assert not seen & vietnamese_words(), sorted(seen & vietnamese_words())
