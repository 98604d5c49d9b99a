"""Settings as a declared table: one source of truth for the command-line options
(``--<name>`` on the commands a row names), the environment (``MIGKG_<NAME>``), the config
file (``migkg.toml`` or ``--config``; the key is the name) and the README table.

Precedence, lowest first: defaults, config file, environment, explicit overrides.

A new setting is one more ``Setting(...)`` row in ``SETTINGS``; list the commands that take
it as an option in ``commands`` and regenerate the README table with
``python -m migkg.settings``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migkg.errors import ConfigError, InputError

STORE_KINDS = ("embedded", "memory", "remote")


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, type, help text and the commands taking it."""

    name: str
    default: Any
    type: Callable[[str], Any]
    help: str
    commands: tuple[str, ...] = ()  # the `migkg` commands that offer it as an option
    choices: tuple[str, ...] = ()  # the values it may take, when they are few

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return "MIGKG_" + self.name.upper()

    @property
    def config_key(self) -> str:
        """Its key in the config file."""
        return self.name

    @property
    def flag(self) -> str:
        """Its command-line option."""
        return "--" + self.name.replace("_", "-")

    @property
    def shown_default(self) -> str:
        """The default as help texts show it (empty: the help says what applies)."""
        if isinstance(self.default, bool):
            return "on" if self.default else "off"
        return str(self.default)


def _bool(value: str) -> bool:
    v = str(value).strip().lower()
    if v in {"1", "true", "yes", "on"}:
        return True
    if v in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _positive_float(value: str) -> float:
    v = float(value)
    if v <= 0:
        raise ValueError("must be greater than 0")
    return v


def _positive_int(value: str) -> int:
    v = int(value)
    if v <= 0:
        raise ValueError("must be greater than 0")
    return v


def _port(value: str) -> int:
    v = int(value)
    if not 1 <= v <= 65535:
        raise ValueError("must be a port number from 1 to 65535")
    return v


def _count(value: str) -> int:
    v = int(value)
    if v < 0:
        raise ValueError("must be 0 or more")
    return v


def _store_kind(value: str) -> str:
    v = str(value).strip().lower()
    if v not in STORE_KINDS:
        raise ValueError("must be one of: " + ", ".join(STORE_KINDS))
    return v


# The commands that open the store, and so take the settings that say which.
_OPENS_STORE = ("serve", "query", "export", "validate")


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "embedded",
        _store_kind,
        "Store back end: embedded (on disk), memory (the embedded store read into memory; "
        "not for serve), remote.",
        commands=_OPENS_STORE,
        choices=STORE_KINDS,
    ),
    Setting(
        "store_path",
        "var/store",
        str,
        "Folder of the embedded store.",
        commands=("build", *_OPENS_STORE, "push"),
    ),
    Setting(
        "endpoint",
        "",
        str,
        "Query endpoint URL of a remote SPARQL 1.1 store.",
        commands=(*_OPENS_STORE, "push"),
    ),
    Setting(
        "update_endpoint",
        "",
        str,
        "Update endpoint URL of the remote store (default: endpoint).",
        commands=("push",),
    ),
    Setting(
        "gsp_endpoint",
        "",
        str,
        "Graph Store Protocol URL of the remote store (default: load by SPARQL Update).",
        commands=("push",),
    ),
    Setting(
        "union_graph",
        False,
        _bool,
        "The remote store also holds one merged graph of all migkg graphs and answers from "
        "it: for servers whose default graph repeats a statement held in several graphs "
        "(Virtuoso).",
        commands=("push",),
    ),
    Setting(
        "corpus",
        "",
        str,
        "Corpus folder to build from (default: the shipped corpus).",
        commands=("build",),
    ),
    Setting(
        "report",
        "",
        str,
        "Where `build` writes its JSON report (default: beside the store).",
        commands=("build",),
    ),
    Setting("host", "127.0.0.1", str, "Address the site listens on.", commands=("serve",)),
    Setting("port", 5000, _port, "Port the site listens on.", commands=("serve",)),
    Setting(
        "query_timeout",
        10.0,
        _positive_float,
        "Seconds a SPARQL query may run.",
        commands=("serve",),
    ),
    Setting(
        "max_rows", 10000, _positive_int, "Most result rows a query returns.", commands=("serve",)
    ),
    Setting(
        "preview_wait",
        0.2,
        _positive_float,
        "Seconds a canned query's page waits for its answer before it is sent with a note "
        "(its script then fetches the results).",
        commands=("serve",),
    ),
    Setting("max_body", 1_000_000, _positive_int, "Largest request body in bytes."),
    Setting("max_query_depth", 64, _positive_int, "Deepest nesting of groups a query may have."),
    Setting("allow_updates", False, _bool, "Accept SPARQL updates (with the update token)."),
    Setting("update_token", "", str, "Bearer token that update requests must carry."),
    Setting("allow_remote", False, _bool, "Allow SERVICE, LOAD and FROM to fetch from elsewhere."),
    Setting("workers", 2, _positive_int, "Query worker processes.", commands=("serve",)),
    Setting(
        "query_memory",
        True,
        _bool,
        "Query workers copy the graph into memory: joins run several times faster on large "
        "graphs, at the cost of one copy per worker that holds one (memory_copies).",
    ),
    Setting(
        "memory_copies",
        1,
        _count,
        "With query_memory: how many query workers hold the graph in memory (the heavy "
        "lane's first); the others read the store on disk. Each copy takes about 400 MB per "
        "10^6 quads.",
    ),
    Setting(
        "light_workers",
        1,
        _count,
        "Query workers of the light lane: the site's own pages and queries that look cheap "
        "never wait behind long analyst queries (0: one lane).",
        commands=("serve",),
    ),
    Setting(
        "light_timeout",
        2.0,
        _positive_float,
        "Seconds a query may run in the light lane before it moves to the others.",
    ),
    Setting(
        "worker_memory",
        0,
        _count,
        "Memory limit of each query worker in MB (address space); 0: half the machine's "
        "memory shared among the workers.",
        commands=("serve",),
    ),
    Setting(
        "max_result_bytes",
        50_000_000,
        _positive_int,
        "Most bytes of result rows a query returns (about the size of the answer).",
        commands=("serve",),
    ),
    Setting(
        "max_query_chain",
        2000,
        _positive_int,
        "Most repeats of one operator, bracket or clause (UNION, /, |, !, &&, BIND …) in a query.",
    ),
    Setting(
        "client_queries", 2, _positive_int, "Heavy queries one client may have running at once."
    ),
    Setting(
        "client_seconds",
        60.0,
        _positive_float,
        "Seconds of query time one client may use in any minute (then 429 with Retry-After).",
    ),
    Setting("threads", 16, _positive_int, "Threads that answer requests.", commands=("serve",)),
    Setting("connection_limit", 1000, _positive_int, "Most client connections open at once."),
    Setting(
        "request_timeout",
        20,
        _positive_int,
        "Seconds a client may take to send a request's headers and body.",
    ),
    Setting("idle_timeout", 30, _positive_int, "Seconds an idle client connection is kept open."),
    Setting(
        "public_url",
        "",
        str,
        "The site's address as others reach it (service description, links); default: "
        "http://HOST:PORT from the settings, never the request's Host header.",
        commands=("serve",),
    ),
    Setting(
        "proxy_count",
        0,
        _count,
        "Reverse proxies in front of the site whose X-Forwarded-For is trusted (to tell "
        "clients apart); 0: none.",
    ),
)

BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any, source: str) -> Any:
    if isinstance(value, bool) and isinstance(setting.default, bool):
        return value
    try:
        return setting.type(str(value) if not isinstance(value, str) else value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting '{setting.name}' ({source}): {exc}") from None


def default(name: str) -> Any:
    """The default of one setting, for code handed a partial mapping of settings."""
    return BY_NAME[name].default


def check_keys(keys: Iterable[str], source: str) -> None:
    """Refuse the first key that is not a setting: one line naming it and where it came from."""
    for key in keys:
        if key not in BY_NAME:
            raise ConfigError(f"{source}: unknown setting '{key}'")


def for_command(command: str) -> tuple[Setting, ...]:
    """The settings that `migkg <command>` offers as options, in table order."""
    return tuple(s for s in SETTINGS if command in s.commands)


def markdown_table() -> str:
    """The README's table of settings, made from ``SETTINGS``."""
    lines = ["| setting | environment | default | meaning |", "|---|---|---|---|"]
    for s in SETTINGS:
        shown = repr(s.default).replace("'", '"')
        lines.append(f"| `{s.name}` | `{s.env}` | `{shown}` | {s.help} |")
    return "\n".join(lines) + "\n"


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Resolve every setting from defaults, config file, environment and overrides."""
    environ = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    path = Path(config_file) if config_file else None
    if path is None and environ.get("MIGKG_CONFIG"):
        path = Path(environ["MIGKG_CONFIG"])
    if path is None and Path("migkg.toml").is_file():
        path = Path("migkg.toml")
    if path is not None:
        from loaders.tabular import read_toml

        try:
            data = read_toml(path, "config file")
        except InputError as exc:  # a setting's file: said as a bad setting
            raise ConfigError(exc.message) from None
        data = data.get("migkg", data)
        check_keys(data, str(path))
        for key, value in data.items():
            values[key] = _coerce(BY_NAME[key], value, str(path))
    for s in SETTINGS:
        if s.env in environ:
            values[s.name] = _coerce(s, environ[s.env], s.env)
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        if key not in BY_NAME:
            raise ConfigError(f"unknown setting '{key}'")
        values[key] = _coerce(BY_NAME[key], value, f"--{key.replace('_', '-')}")
    return values


def _write_readme_table(readme: Path) -> None:
    """Replace the settings table in ``readme`` with the one made from ``SETTINGS``."""
    text = readme.read_text(encoding="utf-8")
    head = "| setting | environment | default | meaning |\n"
    start = text.index(head)
    end = text.index("\n\n", start) + 1
    readme.write_text(text[:start] + markdown_table() + text[end:], encoding="utf-8")


if __name__ == "__main__":
    _write_readme_table(Path(__file__).resolve().parent.parent / "README.md")
