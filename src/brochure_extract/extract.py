"""One call from a file (PDF or text) or a string to a ``Brochure``, plus rendering.

OCR text is repaired (å/ä/ö restored, optionally from a clean reference text)
before segmentation, because the genre rules match Swedish words; with a reference,
each extracted text field is finally snapped to the reference passage it matches.
The repair and PDF modules are imported lazily: a text-only install and a partial
checkout both keep working.
"""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .layout import TextLine
from .models import Brochure
from .segment import segment_lines, segment_text
from .textio import read_text

FORMATS = ("json", "jsonl", "markdown")


def _repair(text: str, reference: str | None) -> str:
    """Repaired text, or the text itself while the repair engine is unavailable."""
    try:
        from .repair import repair
    except ImportError:  # pragma: no cover - the repair module ships with the package
        return text
    return repair(text, reference=reference).text


def extract_text(text: str, *, reference: str | None = None, repair: bool = True) -> Brochure:
    """Text (PDF text layer or OCR output) → Brochure, repairing OCR damage first."""
    if repair:
        text = _repair(text, reference)
    return apply_reference(segment_text(text), reference)


def apply_reference(brochure: Brochure, reference: str | None) -> Brochure:
    """With a clean reference, take each text field from it where it clearly matches.

    Public so the batch worker, which repairs and segments itself, ends the same way.
    """
    if not reference or not reference.strip():
        return brochure
    from .segment_snap import snap_to_reference

    return snap_to_reference(brochure, reference)


def pdf_needs_repair(doc: object, reference: str | None) -> bool:
    """Repair a PDF's text when a reference is given, when its text layer is an OCR layer, or
    when its text looks folded whatever made it: archives hold PDFs whose (visible or invisible)
    text came from English-model OCR engines we cannot recognise by their fonts. Clean text
    passes through the repair unchanged anyway; this only saves the work."""
    if reference is not None or getattr(doc, "is_ocr", False):
        return True
    from .document import estimate_survival

    return estimate_survival(getattr(doc, "text", "")) < 0.5


def _repair_lines(lines: list[TextLine], reference: str | None) -> list[TextLine]:
    """Repair line texts together (context matters) and keep each line's layout."""
    joined = "\n".join(ln.text for ln in lines)
    fixed = _repair(joined, reference).split("\n")
    if len(fixed) != len(lines):  # the repair must keep line breaks; if not, keep the input
        return lines
    return [replace(ln, text=t) if t != ln.text else ln for ln, t in zip(lines, fixed)]


def reference_text(reference: str | os.PathLike[str] | None) -> str | None:
    """The reference as text: a str is the text itself, unless it is one line naming an existing
    file; a path is read (a ``.pdf`` by its text layer, anything else as text)."""
    if reference is None:
        return None
    if isinstance(reference, str) and ("\n" in reference or not reference.strip()
                                       or len(reference) > 1000 or not Path(reference).is_file()):
        return reference
    return read_text_or_pdf(reference)


def read_text_or_pdf(path: str | os.PathLike[str] | None) -> str:
    """A text file (stdin for None or "-"), or the text layer of a PDF in reading order."""
    if path is not None and str(path) != "-" and Path(path).suffix.lower() == ".pdf":
        from .pdf import read_pdf

        return read_pdf(path).text
    return read_text(path)  # it reads stdin for None or "-" itself


def extract(source: str | os.PathLike[str], *, reference: str | os.PathLike[str] | None = None) -> Brochure:
    """A ``.pdf`` path, a text-file path, or the text itself (a str with a newline) → Brochure.

    A PDF's own text layer is trusted; a scanned (OCR) PDF or any PDF given a
    ``reference`` is repaired line by line so layout (size, bold, columns) survives.
    ``reference`` is the clean text, or a path to it (text file or PDF).
    """
    reference = reference_text(reference)
    if isinstance(source, str) and ("\n" in source or not source.strip()):
        return extract_text(source, reference=reference)  # (an empty text is no path: an empty Brochure)
    path = Path(source)
    if path.suffix.lower() == ".pdf":
        from .pdf import read_pdf

        doc = read_pdf(path)
        lines = list(doc.lines)
        if pdf_needs_repair(doc, reference):
            lines = _repair_lines(lines, reference)
        return apply_reference(segment_lines(lines), reference)
    if not path.exists() and isinstance(source, str) and os.sep not in source and len(source) > 200:
        return extract_text(source, reference=reference)  # long one-line text, not a path
    return extract_text(read_text(path), reference=reference)


def render(brochure: Brochure, fmt: str = "json") -> str:
    """Serialise for the CLI: ``json`` (indented), ``jsonl`` (one line) or ``markdown``."""
    if fmt == "json":
        return brochure.to_json(indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(brochure.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
    if fmt in ("markdown", "md"):
        return brochure.to_markdown()
    raise InputError("--format", f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
