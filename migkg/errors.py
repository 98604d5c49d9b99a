"""One error type for everything a user can cause, carrying what to show and how."""

from __future__ import annotations

from pathlib import Path


class MigkgError(Exception):
    """An expected failure: bad input, bad option, refused query.

    ``status`` is the HTTP status an API answers with; the CLI prints the
    one-line message and exits 1.
    """

    status = 400
    title = "Bad request"

    def __init__(self, message: str, *, status: int | None = None, title: str | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class InputError(MigkgError):
    """A corpus file that cannot be read or understood; names the file and line."""

    title = "Bad input"

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        where = f"{path}:{line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line


class ConfigError(MigkgError):
    """A setting with a value it cannot take; names the setting."""

    title = "Bad setting"


class ParameterError(MigkgError):
    """A parameter of a query, page or command with a value it cannot take; names it."""

    title = "Bad parameter"


class QueryError(MigkgError):
    """A SPARQL query that is malformed or refused."""

    title = "Bad query"


class RequestError(MigkgError):
    """An HTTP request refused for its form, before any query is read: a body too large
    (413), a media type not taken (415), a method not allowed (405)."""

    title = "Bad request"


class NotAcceptable(MigkgError):
    """The client accepts no format the answer (a query's result, a resource) can be written in."""

    status = 406
    title = "Not acceptable"


class NotFound(MigkgError):
    """A resource, canned query or page that does not exist."""

    status = 404
    title = "Not found"


class Unavailable(MigkgError):
    """The store cannot answer now: every query worker busy, one that did not start, the
    server shutting down (503; the same request may succeed later)."""

    status = 503
    title = "Unavailable"
