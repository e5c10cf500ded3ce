"""extract(): text files, strings, PDFs (born-digital and scanned), rendering."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from brochure_extract.errors import InputError
from brochure_extract.extract import extract, extract_text, render
from brochure_extract.models import Brochure
from brochure_extract.scoring import score
from brochure_extract.segment_snap import Snapper

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "corpus" / "seed_brochure_pdf_text.txt"
SEED_OCR = ROOT / "corpus" / "seed_brochure_ocr.txt"
GOLD = json.loads((ROOT / "corpus" / "seed_brochure_gold.json").read_text(encoding="utf-8"))
BROCHURES = ROOT / "tests" / "data" / "brochures"


def test_clean_text_file_and_string_give_the_gold() -> None:
    from_path = extract(SEED_TEXT)
    assert score(from_path, GOLD).f1 == 1.0
    from_str = extract(SEED_TEXT.read_text(encoding="utf-8"))
    assert from_str == from_path
    assert extract(str(SEED_TEXT)) == from_path


def test_ocr_is_repaired_before_segmenting() -> None:
    ocr = SEED_OCR.read_text(encoding="utf-8")
    raw = extract_text(ocr, repair=False)
    repaired = extract(SEED_OCR)
    assert score(repaired, GOLD).f1 > score(raw, GOLD).f1
    assert score(repaired, GOLD, loose=True).f1 >= 0.95
    with_ref = extract(SEED_OCR, reference=SEED_TEXT.read_text(encoding="utf-8"))
    assert score(with_ref, GOLD).f1 >= 0.98  # letters and mangled acronyms come from the reference


def test_reference_may_be_given_as_a_path() -> None:
    by_text = extract(SEED_OCR, reference=SEED_TEXT.read_text(encoding="utf-8"))
    assert extract(SEED_OCR, reference=SEED_TEXT) == by_text
    assert extract(SEED_OCR, reference=str(SEED_TEXT)) == by_text


def test_snapper_takes_reference_passages_only_when_close() -> None:
    s = Snapper("Om projektet\nVi har en modell för medborgardialog i fullmäktiges\nberedningar.\n"
                "Medborgardialog i fullmäktige\nSocialt entreprenörskap (SEKOS 2)\n")
    assert s.snap("Medborgardialog i fullmaktige") == "Medborgardialog i fullmäktige"  # case kept
    assert s.snap("Socialt entreprenorskap (cstxos 2)") == "Socialt entreprenörskap (SEKOS 2)"
    assert s.snap("Helt annan text här") == "Helt annan text här"
    assert s.snap("dialog i fullmäktiges") == "dialog i fullmäktiges"  # no half words from the reference


def test_render_formats() -> None:
    b = extract(SEED_TEXT)
    js = render(b, "json")
    assert Brochure.from_json(js) == b
    line = render(b, "jsonl")
    assert line.count("\n") == 1 and json.loads(line)["title"] == b.title
    md = render(b, "markdown")
    assert md.startswith("# ") and "## Project 1:" in md
    with pytest.raises(InputError):
        render(b, "xml")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        extract(tmp_path / "nope.txt")
    with pytest.raises(InputError):
        extract(tmp_path / "nope.pdf")


@pytest.mark.parametrize("name", ["lovsjo", "norrbacke", "ekdala"])
def test_born_digital_pdfs_match_their_gold(name: str) -> None:
    pdf = BROCHURES / f"{name}.pdf"
    if not pdf.exists():
        pytest.skip("run tools/make_brochures.py to build the test PDFs")
    gold = json.loads((BROCHURES / f"{name}.gold.json").read_text(encoding="utf-8"))
    r = score(extract(pdf), gold)
    assert r.f1 >= 0.98, r.summary()


def test_scanned_pdf_structure() -> None:
    pdf = BROCHURES / "norrbacke.scan.pdf"
    if not pdf.exists():
        pytest.skip("run tools/make_brochures.py to build the test PDFs")
    gold = json.loads((BROCHURES / "norrbacke.gold.json").read_text(encoding="utf-8"))
    r = score(extract(pdf), gold, loose=True)
    assert r.f1 >= 0.9, r.summary()


def test_scanned_pdf_with_reference_matches_gold() -> None:
    scan, clean = BROCHURES / "lovsjo.scan.pdf", BROCHURES / "lovsjo.pdf"
    if not scan.exists():
        pytest.skip("run tools/make_brochures.py to build the test PDFs")
    from brochure_extract.pdf import read_pdf

    gold = json.loads((BROCHURES / "lovsjo.gold.json").read_text(encoding="utf-8"))
    r = score(extract(scan, reference=read_pdf(clean).text), gold)
    assert r.f1 >= 0.98, r.summary()


def test_broken_pdf_is_an_input_error() -> None:
    pdf = BROCHURES / "broken_truncated.pdf"
    if not pdf.exists():
        pytest.skip("run tools/make_brochures.py to build the test PDFs")
    with pytest.raises(InputError):
        extract(pdf)


def test_an_empty_text_gives_an_empty_brochure() -> None:
    from brochure_extract.extract import extract

    for text in ("", "   "):
        b = extract(text)
        assert (b.title, b.sections, b.projects) == (None, [], [])
