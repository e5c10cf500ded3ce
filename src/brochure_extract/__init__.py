"""brochure_extract: repair English-model OCR of Swedish text and extract brochure structure."""
from __future__ import annotations

__version__ = "0.1.0"
