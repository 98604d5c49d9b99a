"""Files written whole or not at all: a reader sees the old file or the new, never half of
one, and a failed write leaves no temporary file behind."""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_pickle(path: Path, value: object) -> None:
    """:func:`write_bytes` of ``value`` pickled."""
    write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
