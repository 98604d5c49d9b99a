"""The reader's language, Vietnamese or English, and the site's message catalogues.

The interface is written in English inside ``_()`` (templates) or ``gettext`` (Python) and
translated by the catalogues under ``webapp/translations/<lang>/LC_MESSAGES/messages.po``
(Flask-Babel; ``scripts/translations`` extracts, updates and compiles them). The language
is, in order: ``?lang=vi|en`` in the URL (then kept in a cookie), the cookie, the browser's
``Accept-Language``, Vietnamese. Labels from the graph are picked per language with a
fallback to the other (see ``pick``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask, Response, g, has_request_context, request
from flask_babel import Babel, gettext
from markupsafe import Markup

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
COOKIE = "lang"
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def N_(message: str) -> str:  # noqa: N802 - the usual name for "mark for translation"
    """Mark a string for extraction into the catalogues without translating it here."""
    return message


# The names of the kinds of page, for headings and search hits.
KIND_NAMES = {
    "agency": N_("Agency"),
    "task": N_("Task"),
    "plan": N_("Plan"),
    "instrument": N_("Instrument"),
    "convention": N_("Convention"),
    "province": N_("Province"),
    "document": N_("Source document"),
    "resource": N_("Resource"),
}


def current_lang() -> str:
    """The language of this request (``vi`` or ``en``)."""
    if not has_request_context():
        return DEFAULT_LANG
    lang = getattr(g, "lang", None)
    if lang is None:
        lang = g.lang = _choose_lang()
    return lang


def other_lang(lang: str | None = None) -> str:
    """The language that is not ``lang``."""
    return "en" if (lang or current_lang()) == "vi" else "vi"


def kind_name(kind: str) -> str:
    """The translated name of a kind of resource (``agency`` → "Cơ quan")."""
    return gettext(KIND_NAMES.get(kind, KIND_NAMES["resource"]))


def value_text(value: object) -> str:
    """A plain value from the graph (``merged into``, ``central``) in the reader's language."""
    text = "" if value is None else str(value)
    if not text or len(text) >= 200:
        return text
    shown = gettext(text)
    if shown == text and ", " in text:
        # A list a query joined ("implementation, review"): each part in the reader's language.
        shown = ", ".join(gettext(part) for part in text.split(", "))
    return shown


class Label(str):
    """A label that knows its language (``""`` when untagged), so a page can mark it."""

    lang: str = ""

    def __new__(cls, text: str, lang: str = "") -> Label:
        self = super().__new__(cls, text)
        self.lang = lang
        return self


def pick(labels: Mapping[str, str], lang: str | None = None) -> Label | None:
    """The label in ``lang``, else in the other language, else an untagged one, else any."""
    lang = lang or current_lang()
    for want in (lang, other_lang(lang), ""):
        if labels.get(want):
            return Label(labels[want], want)
    for have, text in labels.items():
        return Label(text, have)
    return None


def clip(text: object, length: int = 160) -> object:
    """``text`` cut at a word before ``length`` characters, keeping its language."""
    if text is None or len(str(text)) <= length:
        return text
    cut = str(text)[:length].rsplit(" ", 1)[0] + " …"
    return Label(cut, getattr(text, "lang", "") or "")


def lang_attr(text: object) -> Markup:
    """`` lang="vi"`` for text in a language other than the page's (a label, a literal)."""
    lang = getattr(text, "lang", None) or getattr(text, "language", None) or ""
    lang = lang.split("-")[0].lower()
    if not lang and isinstance(text, str):
        # Untagged text: Vietnamese letters say Vietnamese (alternative names); a plain
        # ASCII phrase of several words is an English note or name; a code is neither.
        if not text.isascii():
            lang = "vi"
        elif len(text.split()) >= 3:
            lang = "en"
    if lang in LANGS and lang != current_lang():
        return Markup(f' lang="{lang}"')
    return Markup("")


def lang_url(lang: str) -> str:
    """This page's URL with ``lang`` set (other parameters kept)."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    args.append(("lang", lang))
    return f"{request.path}?{urlencode(args)}"


def _choose_lang() -> str:
    asked = request.args.get("lang", "")
    if asked in LANGS:
        g.lang_asked = True
        return asked
    cookie = request.cookies.get(COOKIE, "")
    if cookie in LANGS:
        return cookie
    return request.accept_languages.best_match(LANGS) or DEFAULT_LANG


def _set_lang() -> None:
    from webapp.errors import API_PREFIXES  # (webapp.errors reads this module)

    # A program on the API is sent no page: its language is worked out only if asked for.
    if not request.path.startswith(API_PREFIXES):
        current_lang()


def _remember_lang(response: Response) -> Response:
    # The choice made by ?lang= sticks for later pages; a browser's own language may vary.
    if getattr(g, "lang_asked", False) and request.cookies.get(COOKIE) != g.lang:
        response.set_cookie(COOKIE, g.lang, max_age=365 * 24 * 3600, samesite="Lax")
    if getattr(g, "lang", None) is not None:
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response


def init_app(app: Flask) -> None:
    """Choose the language per request, load the catalogues, give templates the helpers."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANG)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(app, locale_selector=current_lang)
    app.before_request(_set_lang)
    app.after_request(_remember_lang)
    app.jinja_env.filters["value_text"] = value_text
    app.jinja_env.filters["lang_attr"] = lang_attr
    app.jinja_env.filters["clip"] = clip

    @app.context_processor
    def _inject() -> dict[str, object]:
        lang = current_lang()
        return {
            "lang": lang,
            "other_lang": other_lang(lang),
            "lang_url": lang_url,
            "kind_name": kind_name,
        }
