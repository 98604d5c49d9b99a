"""Settings as a declared table: one source of truth for the CLI, the environment
(``MIGKG_<NAME>``) and the config file (``migkg.toml`` or ``--config``).

Precedence, lowest first: defaults, config file, environment, explicit overrides.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migkg.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, type and help text."""

    name: str
    default: Any
    type: Callable[[str], Any]
    help: str

    @property
    def env(self) -> str:
        return "MIGKG_" + self.name.upper()


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
    if v not in {"embedded", "memory", "remote"}:
        raise ValueError("must be one of: embedded, memory, remote")
    return v


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "store",
        "embedded",
        _store_kind,
        "Store back end: embedded (on disk), memory (the embedded store read into memory; "
        "not for serve), remote.",
    ),
    Setting("store_path", "var/store", str, "Folder of the embedded store."),
    Setting("endpoint", "", str, "Query endpoint URL of a remote SPARQL 1.1 store."),
    Setting(
        "update_endpoint", "", str, "Update endpoint URL of the remote store (default: endpoint)."
    ),
    Setting("gsp_endpoint", "", str, "Graph Store Protocol URL of the remote store."),
    Setting(
        "union_graph",
        False,
        _bool,
        "The remote store also holds one merged graph of all migkg graphs and answers from "
        "it: for servers whose default graph repeats a statement held in several graphs "
        "(Virtuoso).",
    ),
    Setting("corpus", "", str, "Corpus folder to build from (default: the shipped corpus)."),
    Setting("report", "", str, "Where `build` writes its JSON report (default: beside the store)."),
    Setting("host", "127.0.0.1", str, "Address the site listens on."),
    Setting("port", 5000, _port, "Port the site listens on."),
    Setting("query_timeout", 10.0, _positive_float, "Seconds a SPARQL query may run."),
    Setting("max_rows", 10000, _positive_int, "Most result rows a query returns."),
    Setting("max_body", 1_000_000, _positive_int, "Largest request body in bytes."),
    Setting("max_query_depth", 64, _positive_int, "Deepest nesting of groups a query may have."),
    Setting("allow_updates", False, _bool, "Accept SPARQL updates (with the update token)."),
    Setting("update_token", "", str, "Bearer token that update requests must carry."),
    Setting("allow_remote", False, _bool, "Allow SERVICE, LOAD and FROM to fetch from elsewhere."),
    Setting("workers", 2, _positive_int, "Query worker processes."),
    Setting(
        "query_memory",
        True,
        _bool,
        "Query workers copy the graph into memory: joins run several times faster on large "
        "graphs, at the cost of one copy per worker.",
    ),
    Setting(
        "light_workers",
        1,
        _count,
        "Query workers of the light lane: the site's own pages and queries that look cheap "
        "never wait behind long analyst queries (0: one lane).",
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
    ),
    Setting(
        "max_result_bytes",
        50_000_000,
        _positive_int,
        "Most bytes of result rows a query returns (about the size of the answer).",
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
    Setting("threads", 16, _positive_int, "Threads that answer requests."),
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
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"config file not found: {path}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from None
        data = data.get("migkg", data)
        for key, value in data.items():
            if key not in BY_NAME:
                raise ConfigError(f"{path}: unknown setting '{key}'")
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
