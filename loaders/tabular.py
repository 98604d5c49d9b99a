"""Reading the project's data files: reference CSVs and TOML tables, NFC, errors naming the file."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path
from typing import Any

from migkg.errors import InputError
from migkg.text import nfc


def read_csv(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows of a reference CSV as (line number, NFC row); a missing column is an InputError."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(path, f"missing column(s): {', '.join(missing)}", line=1)
            return [
                (reader.line_num, {k: nfc(v or "").strip() for k, v in row.items() if k})
                for row in reader
            ]
    except FileNotFoundError:
        raise InputError(path, "reference file not found") from None


def read_toml(path: Path, what: str = "file") -> dict[str, Any]:
    """A TOML data file; a missing or broken file is an InputError naming ``what`` it is."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise InputError(path, f"{what} not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML ({exc})") from None
