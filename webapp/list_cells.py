"""A list's rows in the reader's language, each cell worked out when first asked.

A list of 10^5 rows shows 50 of them, and its facets count the values of a few columns:
the labels picked and the texts of the other cells are made for the rows a page shows
(or filters on), not for every row of the list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

from rdflib import URIRef

from webapp.i18n import other_lang, pick, value_text
from webapp.list_rows import RawList


def last(iri: Any) -> str:
    """The last segment of an IRI (a name for a thing with no label)."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]


class Table:
    """What the rows of one list in one language share: where each column is, the list's
    columns, and what has been worked out once per value."""

    def __init__(self, raw: RawList, columns: tuple[str, ...], lang: str) -> None:
        self.raw, self.lang = raw, lang
        self.width = len(raw.plain)
        self.at = {v: i for i, v in enumerate(raw.plain + raw.labels)}
        self.iris = tuple(raw.iris) + (False,) * (self.width - len(raw.iris))
        self.texts = frozenset(f"{c}Text" for c in columns)
        self.terms: dict[str, URIRef] = {}
        self.picked: dict[int, Any] = {}  # rows of one labelled thing share its labels
        self.shown: dict[Any, Any] = {}  # a plain value's text, once per value

    def rows(self) -> Rows:
        """Every row of the list, in the raw list's order."""
        return Rows(self, self.raw.rows)

    def name(self, cells: tuple[Any, ...]) -> str:
        """A row's ``label`` as text (what the list's text filter reads), without making
        the row."""
        for var in ("xLabel", "titleLabel"):
            at = self.at.get(var)
            found = cells[at] if at is not None else None
            if found:
                for want in (self.lang, other_lang(self.lang), ""):
                    if found.get(want):
                        return found[want]
                return next(iter(found.values()))
        return last(cells[self.at["x"]])

    def term(self, text: str) -> URIRef:
        """The IRI ``text`` as a term (made once)."""
        term = self.terms.get(text)
        if term is None:
            term = self.terms[text] = URIRef(text)
        return term

    def label(self, found: dict[str, str]) -> Any:
        """The label of the reader's language among ``found``."""
        if len(found) > 1 or id(found) in self.picked:
            mark = id(found)
            if mark not in self.picked:
                self.picked[mark] = pick(found, self.lang)
            return self.picked[mark]
        return pick(found, self.lang)

    def text(self, value: Any) -> Any:
        """The text of a plain value (a term's last segment, else the value in the reader's
        language)."""
        key = (type(value), value)
        if key not in self.shown:
            self.shown[key] = last(value) if isinstance(value, URIRef) else value_text(value)
        return self.shown[key]


class Row(Mapping[str, Any]):
    """One row: the graph's values (``row["plan"]``), the labels of the reader's language
    (``row["planLabel"]``), ``row["label"]`` and each column's text (``row["planText"]``)."""

    __slots__ = ("cells", "table", "_made")

    def __init__(self, table: Table, cells: tuple[Any, ...]) -> None:
        self.table, self.cells = table, cells
        self._made: dict[str, Any] | None = None

    def raw(self, var: str) -> Any:
        """The value of ``var`` as kept (an IRI as text)."""
        return self.cells[self.table.at[var]]

    def __getitem__(self, key: str) -> Any:
        table = self.table
        at = table.at.get(key)
        if at is not None:
            value = self.cells[at]
            if value is None:
                return None
            if at >= table.width:
                return table.label(value)
            return table.term(value) if table.iris[at] else value
        made = self._made
        if made is None:
            made = self._made = {}
        elif key in made:
            return made[key]
        if key == "label":
            value = self.get("xLabel") or self.get("titleLabel") or last(self.raw("x"))
        elif key in table.texts:
            value = self._text(key[: -len("Text")])
        else:
            raise KeyError(key)
        made[key] = value
        return value

    def _text(self, var: str) -> Any:
        """What a cell says: the label of an IRI (keeping its language), else the value in
        the reader's language."""
        if var == "x":
            return self.get("xLabel") or self["label"]
        value = self.get(var)
        if value is None:
            return ""
        if var == "plan" and self.get("planNumber"):
            return str(self["planNumber"])
        label = self.get(f"{var}Label")
        if label:
            return label
        return self.table.text(value)

    def __iter__(self) -> Iterator[str]:
        yield from self.table.at
        yield "label"
        yield from sorted(self.table.texts)

    def __len__(self) -> int:
        return len(self.table.at) + 1 + len(self.table.texts)


class Rows(Sequence[Row]):
    """The rows of a list, each made when asked for (a page shows 50 of 10^5): facets are
    counted on :attr:`cells`, the values as kept."""

    __slots__ = ("table", "cells")

    def __init__(self, table: Table, cells: list[tuple[Any, ...]]) -> None:
        self.table, self.cells = table, cells

    def __len__(self) -> int:
        return len(self.cells)

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, slice):
            return [Row(self.table, cells) for cells in self.cells[index]]
        return Row(self.table, self.cells[index])

    def __iter__(self) -> Iterator[Row]:
        table = self.table
        return (Row(table, cells) for cells in self.cells)
