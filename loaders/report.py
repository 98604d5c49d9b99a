"""The build report: what was read, what was made, what was skipped or left unresolved."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The counts the closing summary names, in the order it names them.
SUMMARY_COUNTS = (
    ("documents", "documents"),
    ("tasks", "appendix tasks"),
    ("assignments", "assignments in prose"),
    ("task_groups", "task groups"),
    ("agencies", "agencies"),
    ("instruments", "instruments"),
    ("events", "events"),
    ("observations", "observations"),
    ("unresolved_mentions", "unresolved mentions"),
    ("triples", "triples"),
)


@dataclass
class Issue:
    """One thing the build could not use, with where it was."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "message": self.message}


_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def json_text(data: dict[str, Any]) -> str:
    """``data`` as JSON with a line per key, and a line per item of a list or entry of a
    dict under it: as easy to read as an indented dump, and written by json's C encoder
    (which does not indent): twice as fast for the report of a thousand documents."""
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            inner = ",\n".join(f"    {_ENCODE(item)}" for item in value)
            parts.append(f"  {_ENCODE(key)}: [\n{inner}\n  ]")
        elif isinstance(value, dict) and value:
            inner = ",\n".join(f"    {_ENCODE(k)}: {_ENCODE(v)}" for k, v in value.items())
            parts.append(f"  {_ENCODE(key)}: {{\n{inner}\n  }}")
        else:
            parts.append(f"  {_ENCODE(key)}: {_ENCODE(value)}")
    return "{\n" + ",\n".join(parts) + "\n}"


@dataclass
class BuildReport:
    """Counts and problems of one build; written as JSON and printed as a summary."""

    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[Issue] = field(default_factory=list)
    unresolved_mentions: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # the report of understanding: one entry per document (see loaders.understanding)
    documents: list[dict[str, Any]] = field(default_factory=list)
    readers: dict[str, dict[str, Any]] = field(default_factory=dict)
    corpus: str = ""
    store: str = ""

    def skip(self, file: Path | str, line: int | None, message: str) -> None:
        """Record something left out of the graph, and why."""
        self.skipped.append(Issue(str(file), line, message))

    def unresolved(self, file: Path | str, line: int | None, mention: str) -> None:
        """Record an agency mention the gazetteer could not place."""
        self.unresolved_mentions.append(Issue(str(file), line, mention))

    def warn(self, file: Path | str, line: int | None, message: str) -> None:
        """Record something read, but doubtfully."""
        self.warnings.append(Issue(str(file), line, message))

    def read_by(self, file: str, reader: str, confidence: float | None = None) -> None:
        """Record which reader read a file and, for OCR, its mean confidence (0..1)."""
        entry: dict[str, Any] = {"reader": reader}
        if confidence is not None:
            entry["ocr_confidence"] = round(confidence, 3)
            self.warn(file, None, f"read by OCR, mean confidence {confidence:.2f}: check it")
        self.readers[file] = entry

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data (what the JSON file holds)."""
        counts = dict(self.counts)
        counts["unresolved_mentions"] = len(self.unresolved_mentions)
        counts["skipped"] = len(self.skipped)
        counts["warnings"] = len(self.warnings)
        return {
            "corpus": self.corpus,
            "store": self.store,
            "files": list(self.files),
            "readers": dict(self.readers),
            "counts": counts,
            "skipped": [i.to_dict() for i in self.skipped],
            "unresolved_mentions": [i.to_dict() for i in self.unresolved_mentions],
            "warnings": [i.to_dict() for i in self.warnings],
            "documents": list(self.documents),
        }

    def summary(self) -> str:
        """One line of counts: ``5 documents, 85 tasks, … 0 unresolved mentions``."""
        counts = self.to_dict()["counts"]
        return ", ".join(f"{counts.get(key, 0)} {label}" for key, label in SUMMARY_COUNTS)

    def problem_lines(self, limit: int = 20) -> list[str]:
        """Skipped files, unresolved mentions and warnings, one a line, ``limit`` of each."""
        out: list[str] = []
        for label, issues in (
            ("skipped", self.skipped),
            ("unresolved", self.unresolved_mentions),
            ("warning", self.warnings),
        ):
            out.extend(f"{label}: {issue}" for issue in issues[:limit])
            if len(issues) > limit:
                out.append(f"{label}: … and {len(issues) - limit} more (see the report)")
        return out

    def document_lines(self) -> list[str]:
        """One line per document: what it is, the share of its lines read, what is missing.

        ``000_x.txt 1692/VP-VHXH Công văn: 82% of lines read; missing signature; 1 warning``;
        a news page from which nothing was read says so.
        """
        out: list[str] = []
        for d in self.documents:
            name = Path(d["file"]).name
            what = " ".join(str(x) for x in (d.get("number"), d.get("type")) if x) or d["kind"]
            line = f"{name} {what}: {round(100 * d['coverage'])}% of lines read"
            if d.get("no_reportable_fact"):
                line += "; no reportable fact"
            if d.get("parts_missing"):
                line += f"; missing {', '.join(d['parts_missing'])}"
            if d.get("truncated"):
                line += "; text cut off"
            if d.get("warnings"):
                n = len(d["warnings"])
                line += f"; {n} warning{'s' if n != 1 else ''}: {d['warnings'][0]['message']}"
            out.append(line)
        return out

    def write(self, path: Path) -> None:
        """Write the report as JSON (UTF-8, diacritics kept)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json_text(self.to_dict())
        # Written whole then renamed, so a reader never sees half a report.
        partial = path.with_name(path.name + ".part")
        partial.write_text(text + "\n", encoding="utf-8")
        partial.replace(path)
