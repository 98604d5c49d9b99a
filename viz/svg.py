"""A tiny SVG writer that escapes every text and attribute value it is given.

Charts are built only through :func:`el`, so a label holding markup is drawn as text.
Styling uses presentation attributes (``fill``, ``font-size``), never ``style``
attributes, so that a Content-Security-Policy without 'unsafe-inline' styles allows them.
"""

from __future__ import annotations

from collections.abc import Mapping

from markupsafe import Markup, escape

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif"


def el(tag: str, attrs: Mapping[str, object] | None = None, *children: str) -> Markup:
    """An element: attribute values and plain-string children are escaped; children that
    are already Markup (elements made by this function) are kept as they are."""
    head = [tag]
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        head.append(f'{key}="{escape(str(value))}"')
    opening = " ".join(head)
    if not children:
        return Markup(f"<{opening}/>")
    inner = "".join(str(escape(child)) for child in children)
    return Markup(f"<{opening}>{inner}</{tag}>")


def svg(width: float, height: float, label: str, *children: str) -> Markup:
    """The root element, with a text alternative for screen readers."""
    return el(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width:g} {height:g}",
            "width": f"{width:g}",
            "height": f"{height:g}",
            "role": "img",
            "aria-label": label,
            "font-family": FONT,
            "font-size": 12,
            "class": "migkg-chart",
        },
        el("title", None, label),
        *children,
    )


def text(x: float, y: float, content: str, **attrs: object) -> Markup:
    """A text element (``text_anchor=`` and other dashed names may be given with _)."""
    return el("text", {"x": f"{x:g}", "y": f"{y:g}", **_names(attrs)}, content)


def rect(x: float, y: float, w: float, h: float, fill: str, **attrs: object) -> Markup:
    """A rectangle."""
    return el(
        "rect",
        {"x": f"{x:g}", "y": f"{y:g}", "width": f"{w:g}", "height": f"{h:g}", "fill": fill}
        | _names(attrs),
    )


def _names(attrs: Mapping[str, object]) -> dict[str, object]:
    """Python keyword names as SVG attribute names: ``text_anchor`` → ``text-anchor``,
    ``class_`` → ``class``."""
    return {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}


def clip(content: str, limit: int) -> str:
    """At most ``limit`` characters, with an ellipsis when cut."""
    return content if len(content) <= limit else content[: limit - 1].rstrip() + "…"
