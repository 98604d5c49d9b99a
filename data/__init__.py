"""Reference data and the agency gazetteer, kept as data files beside this module."""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = DATA_DIR / "reference"
