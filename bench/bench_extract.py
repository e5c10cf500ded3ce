"""Field-level F1 of ``extract`` on the seed brochure and our generated brochures (not a test).

Rows: the seed brochure's PDF text layer, its English-model OCR (repaired without and
with the reference), each generated brochure as a born-digital PDF and as a scan
with a tesseract (English model) text layer, plain-text English-model OCR of PDFs
(``tests/data/ocr_text``, the form archives hold), the held-out set, and the brochure variants of
``tests/data/variants`` as clean text and folded as an English-model OCR would
(``tests/simulated_ocr.py``). "exact" compares text fields after
whitespace normalisation; "loose" ignores case and diacritics (structure only).

Usage: ``python bench/bench_extract.py [--json OUT]``
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from brochure_extract import scoring  # noqa: E402
from brochure_extract.extract import extract  # noqa: E402
from brochure_extract.textio import read_text  # noqa: E402
from simulated_ocr import english_model_ocr  # noqa: E402

CORPUS = ROOT / "corpus"
BROCHURES = ROOT / "tests" / "data" / "brochures"
VARIANTS = ROOT / "tests" / "data" / "variants"
PDF_VARIANTS = ROOT / "tests" / "data" / "pdf_variants"
HELDOUT = ROOT / "bench" / "data" / "heldout"
OCR_TEXT = ROOT / "tests" / "data" / "ocr_text"


def cases() -> list[tuple[str, Path, Path | str | None, Path]]:
    seed_gold = CORPUS / "seed_brochure_gold.json"
    out = [
        ("seed: PDF text layer", CORPUS / "seed_brochure_pdf_text.txt", None, seed_gold),
        ("seed: OCR, repaired", CORPUS / "seed_brochure_ocr.txt", None, seed_gold),
        ("seed: OCR, repaired with reference", CORPUS / "seed_brochure_ocr.txt",
         CORPUS / "seed_brochure_pdf_text.txt", seed_gold),
    ]
    for gold in sorted(BROCHURES.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        out.append((f"{name}: born-digital PDF", BROCHURES / f"{name}.pdf", None, gold))
        out.append((f"{name}: scanned PDF (OCR)", BROCHURES / f"{name}.scan.pdf", None, gold))
    for gold in sorted(PDF_VARIANTS.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        out.append((f"PDF variant {name}: born-digital", PDF_VARIANTS / f"{name}.pdf", None, gold))
        out.append((f"PDF variant {name}: scanned (OCR)", PDF_VARIANTS / f"{name}.scan.pdf", None, gold))
    for gold in sorted(OCR_TEXT.glob("*.gold.json")):  # the blind rounds' own PDFs
        name = gold.name[: -len(".gold.json")]
        if (OCR_TEXT / f"{name}.pdf").exists():
            out.append((f"PDF {name}: born-digital", OCR_TEXT / f"{name}.pdf", None, gold))
    for ocr in sorted(OCR_TEXT.glob("*.ocr.txt")):
        name = ocr.name[: -len(".ocr.txt")]
        base = name.split(".")[0]  # NAME.degraded.ocr.txt: the same brochure's gold
        gold = next(d / f"{base}.gold.json" for d in (OCR_TEXT, BROCHURES, PDF_VARIANTS)
                    if (d / f"{base}.gold.json").exists())
        out.append((f"OCR text {name}", ocr, None, gold))
    for text in sorted(t for t in HELDOUT.glob("*.txt") if not t.name.endswith(".ocr.txt")):
        out.append((f"held-out {text.stem.split('_')[0]}: text", text, None, text.with_suffix(".gold.json")))
    for gold in sorted(HELDOUT.glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        if (HELDOUT / f"{name}.pdf").exists():
            out.append((f"held-out PDF {name}: born-digital", HELDOUT / f"{name}.pdf", None, gold))
            if (HELDOUT / f"{name}.scan.pdf").exists():
                out.append((f"held-out PDF {name}: scanned (OCR)", HELDOUT / f"{name}.scan.pdf", None, gold))
            if (HELDOUT / f"{name}.ocr.txt").exists():
                out.append((f"held-out OCR text {name}", HELDOUT / f"{name}.ocr.txt", None, gold))
            if (HELDOUT / f"{name}.degraded.ocr.txt").exists():
                out.append((f"held-out degraded OCR text {name}", HELDOUT / f"{name}.degraded.ocr.txt", None, gold))
    for text in sorted(VARIANTS.glob("*.txt"), key=lambda p: int(p.stem.split("_")[0][1:])):
        gold = text.with_suffix(".gold.json")
        out.append((f"variant {text.stem.split('_')[0]}: text", text, None, gold))
        out.append((f"variant {text.stem.split('_')[0]}: folded as English-model OCR", text, "fold", gold))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    rows = []
    for label, source, ref, gold_path in cases():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        t = time.perf_counter()
        if ref == "fold":
            brochure = extract(english_model_ocr(read_text(source)))
        else:
            brochure = extract(source, reference=read_text(ref) if ref else None)
        seconds = time.perf_counter() - t
        exact = scoring.score(brochure, gold)
        loose = scoring.score(brochure, gold, loose=True)
        rows.append({"input": label, "exact_f1": round(exact.f1, 3), "loose_f1": round(loose.f1, 3),
                     "seconds": round(seconds, 2)})
    print("| input | field F1 (exact) | field F1 (structure only) | seconds |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['input']} | {r['exact_f1']:.3f} | {r['loose_f1']:.3f} | {r['seconds']:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
