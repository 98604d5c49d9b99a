"""Vietnamese text handling and IRI slugs."""

from __future__ import annotations

import unicodedata

import pytest

from migkg import iris
from migkg.text import fold, folded, match_key, nfc


def test_nfc_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Bộ Ngoại giao")
    assert decomposed != "Bộ Ngoại giao"
    assert nfc(decomposed) == "Bộ Ngoại giao"


def test_fold_strips_every_diacritic_and_d_bar() -> None:
    assert fold("Đảng Cộng sản Việt Nam") == "dang cong san viet nam"


def test_match_key_ignores_dash_case_space_and_accents() -> None:
    a = match_key("Bộ Lao động - Thương binh và Xã hội")
    b = match_key("Bộ Lao động – Thương binh  và xã hội")
    c = match_key("Bo Lao dong - Thuong binh va Xa hoi")
    assert a == b == c


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("402/QĐ-TTg", "402-qd-ttg"),
        ("225/NQ-CP", "225-nq-cp"),
        ("139-KH/TU", "139-kh-tu"),
        ("20-CT/TW", "20-ct-tw"),
        ("1692/VP-VHXH", "1692-vp-vhxh"),
    ],
)
def test_instrument_slugs(number: str, expected: str) -> None:
    assert iris.instrument(number) == iris.ID[f"instrument/{expected}"]


def test_task_and_province_iris() -> None:
    assert (
        str(iris.task("402/QĐ-TTg", "3.2.3")) == "https://w3id.org/migkg/id/task/402-qd-ttg/3.2.3"
    )
    assert str(iris.task("225/NQ-CP", "II.4")) == "https://w3id.org/migkg/id/task/225-nq-cp/II.4"
    assert str(iris.province("Kiên Giang")) == "https://w3id.org/migkg/id/province/kien-giang"


def test_folded_keeps_every_offset_and_folds_each_letter() -> None:
    text = "Ủy ban nhân dân TP. Đà Nẵng, Sở Nội vụ"
    assert folded(text) == "uy ban nhan dan tp. da nang, so noi vu"
    # a decomposed letter keeps its mark as a character of its own: offsets still match
    decomposed = "Ha\u0300 Giang"
    assert folded(decomposed) == "ha\u0300 giang"
    assert len(folded(decomposed)) == len(decomposed)
