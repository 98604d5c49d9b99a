"""Command-line options made from the settings table, so each is written once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from migkg.settings import Setting, for_command

F = TypeVar("F", bound=Callable[..., Any])


def option(setting: Setting) -> Callable[[F], F]:
    """The click option of one setting.

    Its value is None unless given, so the config file and the environment still apply;
    the help shows the table's default.
    """
    shown = f" [default: {setting.shown_default}]" if setting.shown_default else ""
    help_text = setting.help + shown
    name = setting.flag
    if isinstance(setting.default, bool):
        return click.option(f"{name}/--no-{name[2:]}", setting.name, default=None, help=help_text)
    kind: Any = str
    if setting.choices:
        kind = click.Choice(setting.choices)
    elif isinstance(setting.default, int):
        kind = int
    elif isinstance(setting.default, float):
        kind = float
    return click.option(name, setting.name, type=kind, default=None, help=help_text)


def setting_options(command: str) -> Callable[[F], F]:
    """Add the options of every setting that `migkg <command>` takes, in table order."""

    def add(fn: F) -> F:
        for setting in reversed(for_command(command)):
            fn = option(setting)(fn)
        return fn

    return add
