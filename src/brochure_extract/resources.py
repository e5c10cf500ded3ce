"""Finding the data shipped in ``corpus/`` both when installed and when run from a checkout."""
from __future__ import annotations

import importlib.resources
from pathlib import Path


def corpus_dir() -> Path:
    """The directory of ``brochure_extract.corpus`` (installed) or the checkout's ``corpus/``."""
    try:
        files = importlib.resources.files("brochure_extract.corpus")
        path = Path(str(files))
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "corpus"


def corpus_path(name: str) -> Path | None:
    """Path of a shipped data file, or None when it is not there."""
    p = corpus_dir() / name
    return p if p.exists() else None
