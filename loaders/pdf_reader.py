"""PDF files as text: the text layer, page after page. A scan with no text layer is refused."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from migkg.errors import InputError


def pdf_text(path: Path, raw: bytes) -> str:
    """The text layer of a PDF, pages joined by line breaks."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs every repaired defect; the build reports only what it cannot read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise InputError(path, "PDF is encrypted: save an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(path, f"not a readable PDF ({exc})") from None
    if not pages:
        raise InputError(path, "PDF has no pages")
    if not any(page.strip() for page in pages):
        raise InputError(
            path, "PDF has no text layer (a scanned image?): run OCR on it or supply the text"
        )
    return "\n".join(page.rstrip("\n") for page in pages)
