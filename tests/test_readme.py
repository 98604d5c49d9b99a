"""The README states the two set-up commands and the settings as they are."""

from __future__ import annotations

import re
from pathlib import Path

from migkg.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(bash scripts/\S+)", setup, re.M)
    assert commands == ["bash scripts/serve", "bash scripts/test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "exec bash scripts/test" in ci


def test_every_setting_is_documented_with_its_default() -> None:
    for s in SETTINGS:
        row = next(
            (line for line in README.splitlines() if line.startswith(f"| `{s.name}` |")), None
        )
        assert row is not None, s.name
        assert f"`{s.env}`" in row
        assert repr(s.default).replace("'", '"') in row
