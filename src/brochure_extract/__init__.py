"""brochure_extract: repair English-model OCR of Swedish text and extract brochure structure.

The public API (PDF reading and batch processing load on first use):

* :func:`repair` -> :class:`RepairResult` (repaired ``text`` plus one :class:`Edit` per change)
* :func:`extract` -> :class:`Brochure` (title, sections, partnerships, project cards, quotes, contact)
* :func:`read_pdf` -> ``PdfDocument`` (pages, lines with font size and weight, reading-order text)
* :func:`run_batch` -> ``BatchSummary`` (a folder of PDFs and texts, resumable, in parallel)
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "repair": "repair",
    "Repairer": "repair",
    "RepairResult": "edits",
    "Edit": "edits",
    "Disagreement": "edits",
    "extract": "extract",
    "render": "extract",
    "Brochure": "models",
    "Section": "models",
    "Partnership": "models",
    "ProjectCard": "models",
    "Quote": "models",
    "Contact": "models",
    "read_pdf": "pdf",
    "run_batch": "batch",
    "InputError": "errors",
    "BrochureExtractError": "errors",
}

__all__ = [
    "__version__", "repair", "Repairer", "RepairResult", "Edit", "Disagreement", "extract", "render",
    "Brochure", "Section", "Partnership", "ProjectCard", "Quote", "Contact", "read_pdf", "run_batch",
    "InputError", "BrochureExtractError",
]

# ``repair`` and ``extract`` are also the names of their modules: import them now, so the
# package attribute is the function and a later submodule import cannot replace it.
from .edits import Disagreement, Edit, RepairResult  # noqa: E402
from .errors import BrochureExtractError, InputError  # noqa: E402
from .extract import extract, render  # noqa: E402
from .models import Brochure, Contact, Partnership, ProjectCard, Quote, Section  # noqa: E402
from .repair import Repairer, repair  # noqa: E402

if TYPE_CHECKING:  # pragma: no cover
    from .batch import run_batch
    from .pdf import read_pdf


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'brochure_extract' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
