"""Reading a corpus file into NFC text lines, whatever its format and encoding.

Plain text (``.txt``, ``.md``) may be UTF-8 (with or without a byte-order mark),
UTF-16 or UTF-32 with a byte-order mark, or a legacy Vietnamese encoding
(Windows-1258, which writes most tones as combining marks); its markdown pipe tables are
read as tables and YAML front matter as facts about the file. Word documents, PDFs (text
or scanned), saved web pages and images of pages are read by their own modules
(``READERS``). Whatever comes in leaves as NFC, with the name of the reader that read it.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import charset_normalizer

from loaders.base import SourceText
from migkg.errors import InputError
from migkg.text import nfc

# suffix → (reader, media type)
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "text/plain"),
    ".md": ("text", "text/markdown"),
    ".docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".pdf": ("pdf", "application/pdf"),
    ".html": ("html", "text/html"),
    ".htm": ("html", "text/html"),
    ".png": ("ocr", "image/png"),
    ".jpg": ("ocr", "image/jpeg"),
    ".jpeg": ("ocr", "image/jpeg"),
    ".tif": ("ocr", "image/tiff"),
    ".tiff": ("ocr", "image/tiff"),
}
SUPPORTED_SUFFIXES = tuple(READERS)

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy single-byte encodings a Vietnamese text may come in, most likely first.
LEGACY_ENCODINGS = ("cp1258", "cp1252")

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Control characters that never occur in text (tab, line breaks and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# Vowel modifiers and the vowels each may sit on: â ê ô, ă, ơ ư.
_MODIFIERS = {"\u0302": "aeo", "\u0306": "a", "\u031b": "ou"}
_VOWELS = frozenset("aeiouy")


def read_source(path: Path, meta: dict[str, str] | None = None) -> SourceText:
    """Read a corpus file into NFC lines; refuse, naming the file, what is not text.

    ``meta`` holds facts about the file from a corpus manifest (``loaders.manifest``); what
    the file itself says about itself (a saved page's address, front matter) comes first.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InputError(
            path,
            f"unsupported file type '{suffix or path.name}' "
            f"(migkg reads {', '.join(SUPPORTED_SUFFIXES)})",
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read file ({exc.strerror})") from None
    if not raw.strip():
        raise InputError(path, "file is empty")
    reader, media_type = READERS[suffix]
    if reader == "docx":
        from loaders.docx_reader import read_docx

        source = read_docx(path, raw)
    elif reader == "pdf":
        from loaders.pdf_reader import read_pdf

        source = read_pdf(path, raw)
    elif reader == "html":
        from loaders.html_reader import read_html

        source = read_html(path, decode_text(raw, path))
    elif reader == "ocr":
        from loaders.ocr_reader import read_image

        source = read_image(path, raw)
    else:
        source = read_text(path, decode_text(raw, path), media_type)
    if not any(line.strip() for line in source.lines):
        raise InputError(path, "file holds no text")
    source.media_type = media_type
    source.meta = {**(meta or {}), **source.meta}
    return source


def read_text(path: Path, text: str, media_type: str = "text/plain") -> SourceText:
    """A plain or markdown text: its lines as in an editor, pipe tables read as tables,
    front matter read as facts about the file (its lines left blank, so numbers hold)."""
    from loaders.manifest import front_matter
    from loaders.markdown import pipe_tables

    lines = split_lines(nfc(text))
    meta, lines = front_matter(lines, path)
    lines, tables = pipe_tables(lines)
    return SourceText(
        path=path,
        lines=lines,
        media_type=media_type,
        reader="markdown" if tables else "text",
        tables=tables,
        meta=meta,
    )


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: only CR, LF and CRLF break a line."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def decode_text(raw: bytes, path: Path | str = "<bytes>") -> str:
    """Decode the bytes of a text file.

    UTF-8 is tried first (a legacy decoder would also accept real UTF-8 and
    garble it), then byte-order marks, then the legacy Vietnamese encodings,
    judged by how Vietnamese the words they give look.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_marked(raw, encoding, path)
    try:
        return _refuse_controls(raw.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    if b"\x00" in raw:
        line = _line_at(raw, raw.index(b"\x00"))
        raise InputError(
            path,
            "binary file, not text (NUL byte); UTF-16 text needs a byte-order mark",
            line,
        )
    text = guess_legacy(raw)
    if text is None:
        bad = _first_bad_utf8(raw)
        line = _line_at(raw, bad)
        raise InputError(
            path,
            f"not text: byte 0x{raw[bad]:02X} is neither UTF-8 nor a Vietnamese legacy encoding",
            line,
        )
    return _refuse_controls(text, path)


def guess_legacy(raw: bytes) -> str | None:
    """The text in the legacy encoding whose words look most Vietnamese, or None."""
    decoded: dict[str, str] = {}
    for encoding in LEGACY_ENCODINGS:
        try:
            decoded[encoding] = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not decoded:
        return None
    scores = {enc: vietnamese_score(text) for enc, text in decoded.items()}
    top = max(scores.values())
    tied = [enc for enc in decoded if scores[enc] == top]
    if len(tied) > 1 and len({nfc(decoded[enc]) for enc in tied}) > 1:
        # The words cannot tell them apart: let the statistical detector choose.
        match = charset_normalizer.from_bytes(raw, cp_isolation=tied).best()
        if match is not None and match.encoding in decoded:
            return decoded[match.encoding]
    return decoded[tied[0]]


def vietnamese_score(text: str) -> float:
    """Share of the words with non-ASCII letters that are well-formed Vietnamese syllables.

    A wrong single-byte decoding of Vietnamese gives letters Vietnamese has not
    (ð, þ), tone marks on a consonant, two tones in a word, or a tone on a plain
    vowel beside a modified one (``Viêòt``); a text with no accented word scores 1.
    """
    marked = [w for w in _words_with_marks(text) if not w.isascii()]
    if not marked:
        return 1.0
    return sum(1 for w in marked if _is_syllable(w)) / len(marked)


def _words_with_marks(text: str) -> list[str]:
    """Words in NFD with their combining marks kept on them."""
    out: list[str] = []
    current: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch.isalpha() or (unicodedata.combining(ch) and current):
            current.append(ch)
        elif unicodedata.combining(ch):
            out.append(ch)  # a mark with no letter before it: never well formed
        else:
            if current:
                out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def _is_syllable(word: str) -> bool:
    """Is ``word`` (NFD) spelled as a Vietnamese syllable (or a plain Latin word)?"""
    word = word.lower()
    tones = 0
    tone_on_plain = False
    has_modified = False
    prev = ""
    for ch in word:
        if ch in _TONES:
            if prev not in _VOWELS:
                return False
            tones += 1
            tone_on_plain = tone_on_plain or not _modified_at(word, ch)
        elif ch in _MODIFIERS:
            if prev not in _MODIFIERS[ch]:
                return False
            has_modified = True
        elif unicodedata.combining(ch):
            return False
        elif not (ch.isascii() or ch == "đ"):
            return False
        else:
            prev = ch
            continue
    if tones > 1:
        return False
    return not (has_modified and tone_on_plain)


def _modified_at(word: str, tone: str) -> bool:
    """Does the vowel carrying ``tone`` also carry a modifier (ê, ơ, ă …)?"""
    i = word.index(tone)
    j = i - 1
    while j >= 0 and unicodedata.combining(word[j]):
        if word[j] in _MODIFIERS:
            return True
        j -= 1
    k = i + 1
    while k < len(word) and unicodedata.combining(word[k]):
        if word[k] in _MODIFIERS:
            return True
        k += 1
    return False


def _decode_marked(raw: bytes, encoding: str, path: Path | str) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        name = encoding.replace("-sig", "").upper()
        prefix = raw[: exc.start].decode(encoding, errors="replace")
        line = len(_LINE_BREAK.split(prefix))
        raise InputError(path, f"not valid {name} text", line) from None
    return _refuse_controls(text, path)


def _refuse_controls(text: str, path: Path | str) -> str:
    """Text with control characters (other than tab, line breaks, form feed) is binary."""
    # A DOS end-of-file mark is not content.
    text = text.rstrip("\x1a")
    m = _CONTROL.search(text)
    if m is not None:
        line = len(_LINE_BREAK.split(text[: m.start()]))
        what = "NUL byte" if m.group() == "\x00" else f"control character U+{ord(m.group()):04X}"
        raise InputError(path, f"binary file, not text ({what})", line)
    return text


def _line_at(raw: bytes, pos: int) -> int:
    """The line (1-based, as ``split_lines`` numbers them) holding byte ``pos``."""
    return len(re.split(rb"\r\n|\r|\n", raw[:pos]))


def _first_bad_utf8(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0
