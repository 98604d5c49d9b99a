"""The settings table drives the command line, the config file and the README."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from migkg.errors import ConfigError
from migkg.settings import SETTINGS, for_command, load_settings, markdown_table

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ["build", "serve", "query", "export", "validate", "push"]


def _help(command: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "migkg", command, "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split())  # click wraps help lines: compare words only


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_each_option_with_the_default_of_the_table(command: str) -> None:
    text = _help(command)
    offered = for_command(command)
    assert offered, f"{command} takes no setting"
    for s in offered:
        assert s.flag in text, s.flag
        if s.shown_default:
            assert f"{s.help} [default: {s.shown_default}]" in text, s.name


def test_the_written_defaults_are_the_ones_the_table_holds() -> None:
    # read from the help of `serve`, as a user would, against what the table says
    text = _help("serve")
    assert "--port INTEGER Port the site listens on. [default: 5000]" in text
    assert "--store-path TEXT Folder of the embedded store. [default: var/store]" in text


def test_every_setting_offered_on_the_command_line_is_a_command_of_migkg() -> None:
    for s in SETTINGS:
        assert set(s.commands) <= set(COMMANDS), s.name


def test_an_option_given_wins_over_the_environment_and_one_not_given_does_not() -> None:
    env = {"MIGKG_PORT": "6000", "MIGKG_HOST": "0.0.0.0"}
    values = load_settings({"port": 7000, "host": None}, config_file=None, environ=env)
    assert values["port"] == 7000
    assert values["host"] == "0.0.0.0"


def test_an_unknown_key_in_the_config_file_is_one_line_naming_key_and_file(
    tmp_path: Path,
) -> None:
    config = tmp_path / "site.toml"
    config.write_text('port = 5001\nstore_pth = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config_file=config, environ={})
    message = str(caught.value)
    assert "\n" not in message
    assert "store_pth" in message and str(config) in message


def test_a_broken_or_missing_config_file_is_one_line_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[migkg\nport = 1\n", encoding="utf-8")
    for path, says in ((broken, "not valid TOML"), (tmp_path / "absent.toml", "not found")):
        with pytest.raises(ConfigError) as caught:
            load_settings(config_file=path, environ={})
        message = str(caught.value)
        assert "\n" not in message and str(path) in message and says in message


def test_an_unknown_key_in_the_config_file_stops_the_command(tmp_path: Path) -> None:
    config = tmp_path / "site.toml"
    config.write_text("[migkg]\nworkres = 3\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "migkg", "--config", str(config), "validate", "--ontology-only"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "workres" in lines[0] and "site.toml" in lines[0]


def test_the_site_refuses_an_unknown_setting_and_takes_a_known_one() -> None:
    from webapp import create_app

    with pytest.raises(ConfigError) as caught:
        create_app({"TESTING": True, "max_rowz": 2})
    assert "max_rowz" in str(caught.value) and "\n" not in str(caught.value)
    assert create_app({"TESTING": True, "max_rows": 2}).config["MIGKG"]["max_rows"] == 2


def test_the_readme_table_is_the_one_made_from_the_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "run: python -m migkg.settings"


def test_push_without_an_endpoint_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "migkg", "push"],
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("MIGKG_")},
        cwd=ROOT / "tests",
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "--endpoint" in result.stderr
