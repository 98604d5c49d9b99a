"""Names of bodies a phrase cuts short, made whole from the names a letter prints in full.

A letter's charge names its bodies up to the first verb; where a name holds a verb ("Ban Chỉ
đạo …", "… về khắc phục …") or its words run together ("Ban Chỉ đạo quốcgia về … tại Việt
Namnghiên cứu"), the phrase stops inside the name. The addressees ("Kính gửi: …") print the
name whole: where the text goes on from the cut words with one of them (spaces and case
aside), that name is the body meant.
"""

from __future__ import annotations

import re

from migkg.text import fold


def squashed(text: str) -> str:
    """``text`` folded, without spaces: run-together words compare equal to spaced ones."""
    return fold(text).replace(" ", "")


def completed_name(phrase: str, text: str, names: list[str]) -> str:
    """``phrase`` (a list of bodies) with each cut member replaced by the name it begins.

    ``text`` is the sentence the phrase was read from; ``names`` the names printed whole.
    A name the phrase holds entire already is left alone.
    """
    flat, have = squashed(text), squashed(phrase)
    whole = [n for n in names if len(squashed(n)) > 12 and squashed(n) in flat]
    whole = [n for n in whole if squashed(n) not in have]
    if not whole:
        return phrase
    parts = [part.strip() for part in re.split(r",\s*", phrase) if part.strip()]
    full = [next((n for n in whole if _begins(part, n, flat)), part) for part in parts]
    return phrase if full == parts else ", ".join(full)


def _begins(part: str, name: str, flat: str) -> bool:
    """``part`` is the first words of ``name``, and the text goes on from it with the rest."""
    head, full = squashed(part), squashed(name)
    if not head or full == head or not full.startswith(head):
        return False
    at = flat.find(head)
    while at >= 0:
        if flat.startswith(full, at):
            return True
        at = flat.find(head, at + 1)
    return False
