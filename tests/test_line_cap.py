"""The sink that keeps the first rows of a TSV answer (graph/results.py): whatever pieces
the writer hands it, it keeps the same whole lines and says which cap it hit."""

from __future__ import annotations

import pytest

from graph.results import _Enough, _LineCap

TSV = b"".join(b'<http://example.org/%d>\t"row %d"\n' % (n, n) for n in range(200))


def kept(limit: int, max_bytes: int, piece: int) -> tuple[bytes, int, str | None]:
    sink = _LineCap(limit, max_bytes)
    try:
        for at in range(0, len(TSV), piece):
            sink.write(TSV[at : at + piece])
    except _Enough:
        pass
    return sink.getvalue(), sink.lines, sink.full


@pytest.mark.parametrize("piece", [1, 7, 64, 1000, len(TSV)])
def test_the_row_cap_keeps_whole_lines_whatever_the_pieces(piece: int) -> None:
    body, lines, full = kept(50, 10**9, piece)
    assert full == "rows" and lines == 50
    assert body == b"".join(TSV.splitlines(keepends=True)[:50])


@pytest.mark.parametrize("piece", [1, 7, 64, 1000, len(TSV)])
def test_the_byte_cap_keeps_whole_lines_whatever_the_pieces(piece: int) -> None:
    body, lines, full = kept(10**9, 1000, piece)
    assert full == "bytes" and len(body) <= 1000
    rows = TSV.splitlines(keepends=True)
    assert body == b"".join(rows[:lines]) and len(body) + len(rows[lines]) > 1000


@pytest.mark.parametrize("piece", [1, 64, len(TSV)])
def test_under_both_caps_everything_is_kept(piece: int) -> None:
    body, lines, full = kept(1000, 10**9, piece)
    assert full is None and body == TSV and lines == 200
