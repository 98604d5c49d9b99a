"""The build cache: what reading each corpus file gave, kept beside the store under the
hash of the file's name and bytes and of the code and data that read it.

A rebuild reads again only the files whose hash changed; a change to the readers and
loaders, the gazetteer and reference data or the ontology changes every hash.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from migkg import atomic

_ROOT = Path(__file__).resolve().parent.parent
# What decides how a file is read: the readers and loaders, the gazetteer and reference
# data, the ontology (superclass types). A change to any of them reads every file again.
_STAMPED = ("loaders", "data", "ontology")
# What an entry must hold to be used: an entry written by an older build lacks some and
# its file is read again.
FIELDS = ("graph", "nquads", "quads", "records", "agencies")


def code_stamp() -> str:
    """A hash of every source and data file that takes part in reading a document."""
    digest = hashlib.sha256()
    for folder in _STAMPED:
        base = _ROOT / folder
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".toml", ".csv", ".ttl", ".json"):
                digest.update(str(path.relative_to(_ROOT)).encode("utf-8"))
                digest.update(path.read_bytes())
    return digest.hexdigest()


def file_key(path: Path, stamp: str) -> str:
    """The cache key of one corpus file: its name, its bytes and the code stamp."""
    digest = hashlib.sha256(stamp.encode("ascii"))
    digest.update(path.name.encode("utf-8") + b"\0")
    digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_dir(store_path: Path) -> Path:
    """Where the per-file graphs are kept: a hidden folder beside the store."""
    return store_path.parent / f".{store_path.name}.cache"


def entry_path(cache: Path, key: str) -> Path:
    """The file that keeps the result of the file whose key is ``key``."""
    return cache / f"{key}.pickle"


def load(cache: Path, key: str) -> dict[str, Any] | None:
    """The kept result under ``key``, or None (none kept, or unreadable)."""
    try:
        with entry_path(cache, key).open("rb") as fh:
            entry = pickle.load(fh)  # noqa: S301 - migkg's own cache
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    if not isinstance(entry, dict) or not all(name in entry for name in FIELDS):
        return None
    return entry


def save(results: dict[Path, dict[str, Any]]) -> None:
    """Keep the graphs read by this build for the next one (old entries are dropped).

    Entries new to this build carry ``"_new"`` (their cache file).
    """
    fresh = [r for r in results.values() if r.get("_new")]
    used = {f"{k}.pickle" for k in (r.get("key") for r in results.values()) if k}
    folder = fresh[0]["_new"].parent if fresh else None
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    for result in fresh:
        path = result.pop("_new")
        atomic.write_pickle(path, result)
    for old in folder.glob("*.pickle"):
        if old.name not in used:
            old.unlink(missing_ok=True)
