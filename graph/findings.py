"""One problem that validation found, and how it prints."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from migkg.namespaces import bind_prefixes

VIOLATION = "Violation"
WARNING = "Warning"
INFO = "Info"

_NAMES = Graph()
bind_prefixes(_NAMES)


def short(node: Node | None, names: NamespaceManager | None = None) -> str:
    """A property or class as a prefixed name where one fits (``mkg:leadAgency``)."""
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        try:
            return (names or _NAMES.namespace_manager).normalizeUri(node)
        except ValueError:
            return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    return f"_:{node}"


def show_node(node: Node) -> str:
    """A resource in full (the IRI a user can search or open), a blank node by its id."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    return node.n3() if isinstance(node, Literal) else str(node)


@dataclass(frozen=True, order=True)
class Finding:
    """A violation (fails validation) or a warning (printed only) about one node."""

    severity: str
    focus: Node
    path: str
    message: str
    value: Node | None = None

    @property
    def fails(self) -> bool:
        return self.severity == VIOLATION

    def line(self) -> str:
        """One line: severity, focus node, path, message (and the offending value)."""
        text = f"{self.severity}: {show_node(self.focus)} {self.path}: {self.message}"
        if self.value is not None and self.value != self.focus and str(self.value) not in text:
            text += f" (value: {show_node(self.value)})"
        return text
