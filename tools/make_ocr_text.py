"""Plain-text English-model OCR of brochure PDFs: the form archives actually hold.

The seed brochure reached us as the text an English-only OCR engine wrote for the
scanned pages, not as a PDF: no positions, columns that sit side by side come out
interleaved row by row, bullets become «, ¢ or +, and shaded boxes lose rows. This
tool makes the same kind of text from our own brochure PDFs, so structure
extraction can be measured on what the archive really holds:

    python tools/make_ocr_text.py tests/data/brochures/*.pdf --out tests/data/ocr_text

Each page is rasterised at 300 dpi in grey (pdftoppm) and read by
``tesseract PAGE - -l eng`` with its default page segmentation; pages are joined
with a blank line. Needs poppler-utils and tesseract-ocr with tesseract-ocr-eng.
Scanned PDFs (``*.scan.pdf``) and deliberately broken fixtures are skipped.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

DPI = 300


def run(cmd: list[str]) -> str:
    """Run a tool and return its stdout, failing loudly; tesseract gets one thread."""
    try:
        done = subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    except FileNotFoundError:
        sys.exit(f"{cmd[0]} not found: install poppler-utils, tesseract-ocr and tesseract-ocr-eng")
    except subprocess.CalledProcessError as err:
        sys.exit(f"{' '.join(cmd)} failed: {err.stderr.decode(errors='replace').strip()[:300]}")
    return done.stdout.decode("utf-8")


def ocr_text(pdf: Path) -> str:
    """The English-model OCR text of every page of ``pdf``, pages separated by a blank line."""
    with tempfile.TemporaryDirectory() as t:
        run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), str(Path(t) / "page")])
        pages = sorted(Path(t).glob("page-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return "\n".join(run(["tesseract", str(p), "-", "-l", "eng"]).rstrip() + "\n" for p in pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, required=True, help="folder for NAME.ocr.txt")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for pdf in args.pdfs:
        if pdf.name.endswith(".scan.pdf") or pdf.name.startswith("broken_"):
            continue
        target = args.out / f"{pdf.stem}.ocr.txt"
        target.write_text(ocr_text(pdf), encoding="utf-8")
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
