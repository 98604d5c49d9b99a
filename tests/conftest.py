"""Shared fixtures, layered: paths → built store → app → client."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shipped corpus."""
    return CORPUS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Test data (see tests/data/README.md)."""
    return DATA
