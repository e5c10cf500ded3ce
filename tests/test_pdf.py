"""read_pdf on the generated brochures (born-digital and OCR'd scans) and on broken PDFs.

Fixtures come from ``tools/make_brochures.py``; the gold JSON next to each PDF says
what text must come out, so these tests check reading order against it: a fact
list in the left column and the body beside it must each come out in one piece.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from brochure_extract.errors import InputError
from brochure_extract.layout import TextLine
from brochure_extract.pdf import PdfDocument, read_pdf

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "brochures"
NAMES = sorted(p.name[: -len(".gold.json")] for p in DATA.glob("*.gold.json"))
TWO_COLUMN = ("norrbacke", "ekdala", "hasslebro")
CARD_RE = re.compile(r"^(PROJEKTEXEMPEL|Projekt) \d+$")


@lru_cache(maxsize=None)
def doc(name: str) -> PdfDocument:
    return read_pdf(DATA / name)


def gold(name: str) -> dict[str, Any]:
    return json.loads((DATA / f"{name}.gold.json").read_text(encoding="utf-8"))


def flat(d: PdfDocument) -> str:
    """All text on one line: lets a test ask whether a paragraph came out in one piece."""
    return " ".join(line.text for line in d.lines if line.text)


def test_fixtures_present() -> None:
    assert NAMES == ["ekdala", "hasslebro", "lovsjo", "norrbacke"]
    for name in NAMES:
        assert (DATA / f"{name}.pdf").exists() and (DATA / f"{name}.scan.pdf").exists()
    assert sum(p.stat().st_size for p in DATA.iterdir()) < 4_000_000


def test_fixtures_are_current(tmp_path: Path) -> None:
    """The generator reproduces the gold JSON byte for byte and the PDFs' text exactly
    (PDF bytes depend on the reportlab version; scans are slow, so skipped)."""
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_brochures.py"), "--no-scan", "--out", str(tmp_path)],
                   check=True, capture_output=True)
    for name in NAMES:
        assert (tmp_path / f"{name}.gold.json").read_bytes() == (DATA / f"{name}.gold.json").read_bytes()
        fresh, shipped = read_pdf(tmp_path / f"{name}.pdf"), doc(f"{name}.pdf")
        assert fresh.text == shipped.text and fresh.lines == shipped.lines


@pytest.mark.parametrize("name", NAMES)
def test_document_and_page_attributes(name: str) -> None:
    d = doc(f"{name}.pdf")
    assert d.page_count == len(d.pages) >= 4
    assert not d.is_ocr
    for i, page in enumerate(d.pages, 1):
        assert page.number == i
        assert page.width == pytest.approx(595.3, abs=1) and page.height == pytest.approx(841.9, abs=1)
        assert page.has_text and page.columns[0][0] == 0 and page.columns[-1][1] == page.width
    assert d.text == "\n".join(line.text for line in d.lines)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["pdf", "scan.pdf"])
def test_line_stream_follows_lines_from_text(name: str, kind: str) -> None:
    """A blank line separates blocks and carries the next block's number; blocks only grow."""
    lines = doc(f"{name}.{kind}").lines
    assert lines[0].text and lines[-1].text
    for prev, line, nxt in zip(lines, lines[1:], lines[2:]):
        assert line.block >= prev.block
        if not line.text:
            assert prev.text and nxt.text and nxt.block == line.block > prev.block
        elif prev.text:
            assert line.block == prev.block


@pytest.mark.parametrize("name", NAMES)
def test_born_digital_text_in_reading_order(name: str) -> None:
    """Every gold paragraph, item, fact and quote comes out whole: nothing interleaved."""
    g, text = gold(name), flat(doc(f"{name}.pdf"))
    assert text.startswith(g["title"] + " " + g["subtitle"])
    for sec in g["sections"]:
        assert sec["heading"] in text
        for para in sec["paragraphs"]:
            assert para in text
        for item in sec.get("items", []):
            assert f"• {item}" in text
    for q in g["quotes"]:
        assert f"– {q['text']}" in text
    for p in g["projects"]:
        for fact in p["facts"]:
            assert f"• {fact}" in text
    c = g["contact"]
    assert text.endswith(f"{c['organisation']} • {c['website']} • {c['email']} • tel. {c['phone']}")


@pytest.mark.parametrize("name", NAMES)
def test_headings_are_bold_and_large(name: str) -> None:
    g, lines = gold(name), [ln for ln in doc(f"{name}.pdf").lines if ln.text]
    by_text = {ln.text: ln for ln in lines}
    assert lines[0].bold and lines[0].size == 28.0 and lines[0].page == 1
    for sec in g["sections"]:
        h = by_text[sec["heading"]]
        assert h.bold and h.size == 16.0
    body = by_text[next(ln.text for ln in lines if ln.text.startswith(g["sections"][0]["paragraphs"][0][:30]))]
    assert not body.bold and body.size == 10.0
    for p in g["projects"]:
        title = p["title"] + (f" ({p['acronym']})" if p["acronym"] else "")
        assert by_text[title].bold and by_text[title].size == 18.0
        assert by_text["Kort om projektet"].bold


@pytest.mark.parametrize("name", NAMES)
def test_columns(name: str) -> None:
    """Two-column card pages have one gutter between the fact list (x<206) and the body (x=230)."""
    d = doc(f"{name}.pdf")
    cards = [p for p in d.pages if any(CARD_RE.match(ln.text) for ln in p.lines)]
    assert len(cards) == len(gold(name)["projects"])
    for page in cards:
        if name in TWO_COLUMN:
            assert len(page.column_bounds) == 1 and 200 < page.column_bounds[0] < 230
            facts = [ln for ln in page.lines if ln.text.startswith("• ")]
            assert facts and all(ln.column == 0 and ln.x0 < 100 for ln in facts)
            body = [ln for ln in page.lines if ln.x0 is not None and ln.x0 > 200]
            assert body and all(ln.column == 1 for ln in body)
            # column by column: every left-column line before every right-column line
            cols = [ln.column for ln in page.lines if ln.top is not None and ln.top < 700]
            assert cols == sorted(cols)
        else:
            assert page.column_bounds == [] and {ln.column for ln in page.lines} == {0}


def _fold(text: str) -> str:
    """Drop diacritics, as the English OCR model does: 'Märta' -> 'Marta'."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _card_blocks(page_lines: list[TextLine], two: bool) -> list[list[TextLine]]:
    """Blocks of a card's body: from 'Projektets syfte och resultat' to the attribution."""
    start = next(i for i, ln in enumerate(page_lines) if ln.text.startswith("Projektets syfte"))
    rest = [ln for ln in page_lines[start:] if (ln.top or 0) < 780 and (not two or ln.column == 1)]
    blocks: dict[int, list[TextLine]] = {}
    for ln in rest:
        blocks.setdefault(ln.block, []).append(ln)
    return list(blocks.values())


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["pdf", "scan.pdf"])
def test_card_blocks_are_paragraphs(name: str, kind: str) -> None:
    """Heading, each body paragraph, the quote and its attribution are separate blocks,
    also on scans, where font sizes are estimates and there is no bold."""
    d, g = doc(f"{name}.{kind}"), gold(name)
    cards = [p for p in d.pages if any(CARD_RE.match(ln.text) for ln in p.lines)]
    assert len(cards) == len(g["projects"])
    for page, proj in zip(cards, g["projects"]):
        blocks = _card_blocks(page.lines, name in TWO_COLUMN)
        assert len(blocks) == 1 + proj["body_paragraphs"] + 2, [b[0].text for b in blocks]
        assert blocks[-2][0].text[0] in "–—-"  # the quote (OCR reads the en dash as an em dash)
        first_name = _fold(proj["quote_speaker"].split()[0])
        assert len(blocks[-1]) == 1 and _fold(blocks[-1][0].text).startswith(first_name)  # attribution


@pytest.mark.parametrize("name", NAMES)
def test_scan_has_ocr_text_layer(name: str) -> None:
    """tesseract's invisible text (render mode 3) is read, with estimated sizes and no å/ä/ö."""
    d, g = doc(f"{name}.scan.pdf"), gold(name)
    assert d.is_ocr and all(p.is_ocr for p in d.pages) and d.page_count == doc(f"{name}.pdf").page_count
    assert all(not ln.bold for ln in d.lines)
    first = next(ln for ln in d.lines if ln.text)
    assert first.page == 1 and first.size is not None and first.size >= 20
    text = flat(d)
    assert "internationella" in text or "partnerskap" in text
    assert "PROJEKTEXEMPEL 1" in text or "Projekt 1" in text
    assert g["contact"]["phone"] in text
    if name in TWO_COLUMN:
        cards = [p for p in d.pages if any(CARD_RE.match(ln.text) for ln in p.lines)]
        assert all(len(p.column_bounds) == 1 for p in cards)


# --------------------------------------------------------------------------- errors


def _problem(path: Path | str) -> str:
    with pytest.raises(InputError) as info:
        read_pdf(path)
    assert info.value.source == str(path)
    assert str(info.value) == f"{path}: {info.value.problem}"
    return info.value.problem


def test_encrypted_pdf() -> None:
    assert _problem(DATA / "broken_encrypted.pdf").startswith("encrypted PDF: it needs a password")


def test_truncated_pdf() -> None:
    assert _problem(DATA / "broken_truncated.pdf").startswith("truncated PDF")


def test_image_only_pdf() -> None:
    problem = _problem(DATA / "broken_image_only.pdf")
    assert "has no text layer" in problem and "ocrmypdf in.pdf out.pdf" in problem


def test_empty_missing_directory_and_not_pdf(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    assert _problem(tmp_path / "empty.pdf").startswith("empty file")
    assert _problem(tmp_path / "missing.pdf") == "no such file"
    assert _problem(tmp_path).startswith("is a directory")
    (tmp_path / "notes.pdf").write_text("Hej, det här är ingen PDF\n", encoding="utf-8")
    assert _problem(tmp_path / "notes.pdf").startswith("not a PDF")


def test_corrupt_pdf(tmp_path: Path) -> None:
    """Header and end marker present, but no document in between."""
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Garbage >> endobj\ntrailer << >>\n%%EOF\n")
    assert _problem(bad).startswith("corrupt PDF")
    cut = tmp_path / "cut.pdf"  # cut in the middle, an end marker appended: still unusable
    data = (DATA / "norrbacke.pdf").read_bytes()
    cut.write_bytes(data[:200] + b"\n%%EOF\n")
    assert _problem(cut).startswith(("corrupt PDF", "truncated or corrupt PDF", "PDF has no"))


def test_blank_pdf_and_owner_password_only(tmp_path: Path) -> None:
    """No text at all is an error; a PDF that only restricts copying opens without a password."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen.canvas import Canvas

    blank = tmp_path / "blank.pdf"
    c = Canvas(str(blank))
    c.showPage()
    c.save()
    assert _problem(blank).startswith("PDF has no text")
    owner = tmp_path / "owner.pdf"
    c = Canvas(str(owner), encrypt=StandardEncryption("", ownerPassword="chef", canCopy=0))
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 700, "Växjö – på gång")
    c.showPage()
    c.save()
    d = read_pdf(owner)
    assert [(ln.text, ln.bold, ln.size) for ln in d.lines] == [("Växjö – på gång", True, 14.0)]


def _column_words(x0: float, x1: float, tops: list[float], size: float = 9.0) -> list:
    """One line of text per top, filling x0..x1 with words of equal width."""
    from brochure_extract.pdf import Word

    words, n = [], 4
    step = (x1 - x0) / n
    for top in tops:
        for k in range(n):
            words.append(Word("ord", x0 + k * step, x0 + (k + 1) * step - 3.0, top, top + size, size, "Helvetica"))
    return words


def test_three_columns_with_a_label_table_in_the_last() -> None:
    """A three-column grid whose right column holds a label/value table ("Ägare   Tekniska …"): the
    gutters lie between the columns, not in the table's gap, even where a line's nearest neighbour
    sits two columns away."""
    from brochure_extract.pdf import Word, _find_gutters, _group_runs

    tops = [100.0 + 14 * i for i in range(14)]
    words = _column_words(43, 200, tops) + _column_words(218, 375, tops[:8])  # a short middle column
    for top in tops[:6]:  # labels at 394, values from 440, then the card's body
        words.append(Word("Ägare", 394, 417, top, top + 8, 8.0, "Helvetica"))
        words.append(Word("förvaltningen", 440, 520, top, top + 8, 8.0, "Helvetica"))
    words += _column_words(394, 551, tops[6:])
    bounds = _find_gutters(_group_runs(words), 595.0)
    assert len(bounds) == 2
    assert 200 < bounds[0] < 218 and 375 < bounds[1] < 394


def test_a_table_under_two_columns_keeps_one_gutter() -> None:
    """Text beside a box, a six-column table below: the table's cell gaps are no text columns."""
    from brochure_extract.pdf import Word, _find_gutters, _group_runs

    tops = [60.0 + 13 * i for i in range(12)]
    words = _column_words(48, 200, tops) + _column_words(402, 536, tops)
    for top in (423.0, 442.0, 461.0, 480.0):
        for x0, x1 in ((54, 150), (234, 268), (304, 332), (373, 397), (438, 459), (493, 498)):
            words.append(Word("cell", x0, x1, top, top + 8, 8.0, "Helvetica"))
    bounds = _find_gutters(_group_runs(words), 595.0)
    assert len(bounds) == 1 and 200 < bounds[0] < 402


def test_a_side_panel_beside_a_photo_is_a_column() -> None:
    """A fact panel whose lines all start at one x, beside a photo and then the card's body: only
    two body lines share a baseline with it, too few for the gap count, yet it is a column."""
    from brochure_extract.pdf import Word, _find_gutters, _group_runs, _panel_gutter

    words = []
    for k, top in enumerate(150.0 + 12 * i for i in range(14)):  # the panel, from x 378
        x0 = 378 if k < 11 else 386  # its last rows are bullets, indented a little
        words.append(Word("Ansvarig", x0, x0 + 40, top, top + 9, 9.0, "Helvetica"))
        words.append(Word("förvaltning", x0 + 44, x0 + 140, top, top + 9, 9.0, "Helvetica"))
    words += _column_words(60, 340, [285.0 + 15 * i for i in range(12)], size=11.0)  # the body under the photo
    runs = _group_runs(words)
    assert _find_gutters(runs, 595.0) == []
    (bound,) = _panel_gutter(runs, 595.0)
    assert 340 < bound < 378
    # Short table labels beside their values are no column of text.
    table = []
    for top in (100.0 + 12 * i for i in range(8)):
        table.append(Word("Land:", 60, 90, top, top + 9, 9.0, "Helvetica-Bold"))
        table.append(Word("Moldavien", 200, 260, top, top + 9, 9.0, "Helvetica"))
    assert _panel_gutter(_group_runs(table), 595.0) == []


def test_a_label_column_beside_its_values_is_read_row_by_row(tmp_path: Path) -> None:
    """A ruled fact table (bold labels in one column, values in the next) under a box title and
    over a quote: each label comes out with its value, the title and the quote stay apart."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "table.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("Helvetica-Bold", 13)
    c.drawString(60, 760, "Fakta om partnerskapet")
    rows = [("Partnerkommun:", "Soroca"), ("Land:", "Moldavien"), ("Yta:", "24 km²"), ("Invånare:", "22 800"),
            ("Teman:", "Miljö och avfall, medborgardialog, jämställdhet")]
    for k, (label, value) in enumerate(rows):
        y = 735 - 16 * k
        c.setFont("Helvetica-Bold", 9)
        c.drawString(60, y, label)
        c.setFont("Helvetica", 9)
        c.drawString(220, y, value)
    c.setFont("Helvetica", 12)
    c.drawString(60, 630, "”Vi åker för att lära oss.”")
    c.showPage()
    c.save()
    texts = [ln.text for ln in read_pdf(path).lines if ln.text]
    assert texts == ["Fakta om partnerskapet", *(f"{a}\t{b}" for a, b in rows), "”Vi åker för att lära oss.”"]


def test_small_capitals_set_as_a_larger_first_letter_make_one_word() -> None:
    from brochure_extract.pdf import Word, _join_touching

    words = [Word("V", 178.58, 187.25, 296.4, 309.4, 13.0, "Helvetica-Bold"),
             Word("ARFÖR", 187.25, 222.80, 298.8, 308.8, 10.0, "Helvetica-Bold"),
             Word("SAMARBETE", 323.36, 386.6917, 298.8, 308.8, 10.0, "Helvetica-Bold"),
             Word("?", 386.69169999, 394.63, 296.4, 309.4, 13.0, "Helvetica-Bold"),
             Word("Vi", 190.0, 200.0, 320.0, 330.0, 10.0, "Helvetica")]
    joined = _join_touching(words)
    assert [w.text for w in joined] == ["VARFÖR", "SAMARBETE?", "Vi"]
    assert joined[0].size == 10.0  # the longer part's size: a heading in small capitals, not a 13-point one
