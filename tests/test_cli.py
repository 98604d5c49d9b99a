"""The `migkg` command: help, errors as one line, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = ["build", "serve", "query", "export", "validate", "push"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "migkg", *args], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "Usage:" in result.stdout


def test_missing_corpus_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = run(
        "build", "--corpus", str(tmp_path / "nowhere"), "--store-path", str(tmp_path / "s")
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "nowhere" in lines[0] and "not found" in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_option_is_one_line_and_exit_1() -> None:
    result = run("build", "--no-such-option")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "--no-such-option" in result.stderr


def test_bad_setting_names_the_variable(tmp_path: Path) -> None:
    import os

    env = dict(os.environ, MIGKG_QUERY_TIMEOUT="-3")
    result = subprocess.run(
        [sys.executable, "-m", "migkg", "validate", "--ontology-only"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert "MIGKG_QUERY_TIMEOUT" in result.stderr
