"""The default corpus shipped with migkg (see README.md in this folder)."""

from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent
