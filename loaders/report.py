"""The build report: what was read, what was made, what was skipped or left unresolved."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Issue:
    """One thing the build could not use, with where it was."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


@dataclass
class BuildReport:
    """Counts and problems of one build; written as JSON and printed as a summary."""

    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[Issue] = field(default_factory=list)
    unresolved_mentions: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def skip(self, file: Path | str, line: int | None, message: str) -> None:
        """Record something left out of the graph, and why."""
        self.skipped.append(Issue(str(file), line, message))

    def unresolved(self, file: Path | str, line: int | None, mention: str) -> None:
        """Record an agency mention the gazetteer could not place."""
        self.unresolved_mentions.append(Issue(str(file), line, mention))

    def warn(self, file: Path | str, line: int | None, message: str) -> None:
        """Record something read, but doubtfully."""
        self.warnings.append(Issue(str(file), line, message))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["counts"]["unresolved_mentions"] = len(self.unresolved_mentions)
        return data

    def write(self, path: Path) -> None:
        """Write the report as JSON (UTF-8, diacritics kept)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
