"""The endpoint remembers the guard's pass for a text it saw, keyed by all the guard read:
a refused text is refused every time, and a pass under other limits is checked anew."""

from __future__ import annotations

import pytest

from graph import guard
from migkg.errors import QueryError
from webapp.views import sparql


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = guard.check

    def check(text: str, **kw: object) -> bool:
        seen.append(text)
        return real(text, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(sparql.guard, "check", check)
    monkeypatch.setattr(sparql, "_PASSED", type(sparql._PASSED)())
    return seen


def _run(text: str, limits: guard.Limits | None = None, graphs: tuple[str, ...] = ()) -> bool:
    return sparql._checked(
        text,
        update=False,
        graphs=frozenset({"https://example.org/g"}),
        limits=limits or guard.Limits(),
        protocol_graphs=graphs,
    )


def test_a_passed_text_is_read_once(counted: list[str]) -> None:
    text = "SELECT * FROM <https://example.org/g> WHERE { ?s ?p ?o }"
    assert _run(text) is True and _run(text) is True  # it declares its own dataset
    assert counted == [text]
    assert _run("ASK {}") is False and counted[-1] == "ASK {}"


def test_a_refused_text_is_refused_every_time(counted: list[str]) -> None:
    text = "SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(QueryError):
            _run(text)
    assert counted == [text, text]
    # a graph parameter the store does not hold is refused, after the same text passed
    assert _run("ASK {}") is False
    with pytest.raises(QueryError):
        _run("ASK {}", graphs=("https://example.org/elsewhere",))


def test_other_limits_check_again(counted: list[str]) -> None:
    deep = "SELECT * WHERE { { { { ?s ?p ?o } } } }"
    assert _run(deep) is False
    with pytest.raises(QueryError):
        _run(deep, limits=guard.Limits(max_depth=2))
    assert counted == [deep, deep]
