"""Placing a provincial mention: which province a text names, and the province-less rest.

The resolver reads a name such as "Sở Ngoại vụ tỉnh Thanh Hóa" as the generic name
"Sở Ngoại vụ" placed in Thanh Hóa, and a bare "Sở Ngoại vụ" only in the province of its
document. This module knows the spellings of the provinces (with and without "tỉnh",
"thành phố", "TP", without diacritics) in the resolver's match keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# unit words a generic name may end with, in match keys
UNIT_WORDS = ("tinh", "thanh pho")
# other names of a province that the reference tables do not list
FORMER_NAMES = {"Huế": ["Thừa Thiên Huế", "Thừa Thiên - Huế"]}


class ProvinceNames:
    """The provinces by every match key that names one (``ca mau``, ``tp ho chi minh``)."""

    def __init__(self, names: Iterable[str], key: Callable[[str], str]):
        self.names = sorted(names)
        self._by_key: dict[str, str] = {}
        for name in self.names:
            short = re.sub(r"^Thành phố\s+", "", name)
            forms = [name, short, *FORMER_NAMES.get(name, [])]
            for form in forms:
                k = key(form)
                if len(k) > 2:
                    self._by_key.setdefault(k, name)
                    for unit in ("tinh", "thanh pho"):
                        self._by_key.setdefault(f"{unit} {k}", name)
        self._longest = max(len(k.split()) for k in self._by_key)

    def normalise(self, province: str | None, key: Callable[[str], str]) -> str | None:
        """The reference name of a province as a caller spells it, or None if none is known."""
        if not province:
            return None
        if province in self.names:
            return province
        return self._by_key.get(key(province))

    def split(self, key: str) -> tuple[str, str] | None:
        """ "so ngoai vu tinh thanh hoa" → ("so ngoai vu", "Thanh Hóa"), or None.

        Only a province at the end of the name counts; the unit word before it goes with it.
        """
        words = key.split()
        for n in range(min(self._longest, len(words) - 1), 0, -1):
            name = self._by_key.get(" ".join(words[-n:]))
            if name is not None:
                return " ".join(words[:-n]), name
        return None

    def find(self, key: str) -> tuple[str, str, str] | None:
        """ "uy ban nhan dan tinh ca mau so ngoai vu" → ("uy ban nhan dan", "Cà Mau",
        "so ngoai vu"): the first province named inside a name, with what stands around it."""
        words = key.split()
        for i in range(1, len(words) - 1):
            for n in range(min(self._longest, len(words) - 1 - i), 0, -1):
                name = self._by_key.get(" ".join(words[i : i + n]))
                if name is not None:
                    return " ".join(words[:i]), name, " ".join(words[i + n :])
        return None


def unit_forms(key: str) -> list[str]:
    """A generic key with and without its unit word: "cong an" ↔ "cong an tinh".

    A "tỉnh" may stand where the body now says "thành phố" (Huế was a province), never
    the other way: a province's "UBND thành phố" is a city inside it.
    """
    base, unit = key, None
    for word in UNIT_WORDS:
        if key.endswith(" " + word):
            base, unit = key[: -len(word) - 1], word
            break
    forms = [key, base, f"{base} thanh pho"]
    if unit != "thanh pho":
        forms.append(f"{base} tinh")
    return list(dict.fromkeys(forms))
