"""Word alignment between OCR and a reference in another reading order (brochure_extract.align)."""
from __future__ import annotations

import random
import time
from pathlib import Path

from brochure_extract.align import align, fold, similarity, skeleton, words
from brochure_extract.reference import plausible
from brochure_extract.tokens import WORD_RE

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _seed() -> tuple[str, str]:
    return (
        (CORPUS / "seed_brochure_ocr.txt").read_text(encoding="utf-8"),
        (CORPUS / "seed_brochure_pdf_text.txt").read_text(encoding="utf-8"),
    )


def _texts(al, pairs=None):  # type: ignore[no-untyped-def]
    return [(al.ocr_words[p.ocr].text, al.ref_words[p.ref].text) for p in (pairs or al.pairs)]


def _paragraphs(seed: int, n: int, lines: int = 4) -> list[list[str]]:
    """Distinct synthetic paragraphs (lines of words) so every test knows the true pairing."""
    rng = random.Random(seed)
    vocab = sorted(set(WORD_RE.findall(_seed()[1])))  # a real brochure's words, ~800 of them
    return [[" ".join(rng.choice(vocab) for _ in range(rng.randint(5, 9))) for _ in range(lines)] for _ in range(n)]


def _ocrish(text: str) -> str:
    """The usual English-model damage: å/ä -> a, ö -> é."""
    return text.translate(str.maketrans({"å": "a", "ä": "a", "ö": "é", "Ö": "O", "Ä": "A", "Å": "A"}))


def test_keys_survive_diacritic_damage() -> None:
    assert skeleton("Vaxjé") == skeleton("Växjö") == skeleton("Viéxjé")
    assert fold("I&ng") == fold("lång")
    assert similarity("pd&", "på") >= 0.6
    assert similarity("kommun", "Kosovo") < 0.6


def test_words_join_line_break_hyphenation_only() -> None:
    ws = words("flest inter-\nnationella engagemang, Miljö- och avfall, PROJEKT-\nEXEMPEL och Nord-\nSyd")
    texts = [w.text for w in ws]
    assert "internationella" in texts
    assert "PROJEKTEXEMPEL" in texts
    assert "Miljö" in texts and "och" in texts  # hyphen + space is a compound, not a break
    assert "Nord" in texts and "Syd" in texts  # capital after the break: a real hyphen
    joined = next(w for w in ws if w.text == "internationella")
    assert joined.tok_end - joined.tok_start == 2 and len(joined.spans) == 2


def test_seed_pair_aligns_almost_every_word_to_a_compatible_word() -> None:
    ocr, ref = _seed()
    al = align(ocr, ref)
    assert len(al.pairs) >= 0.98 * len(al.ocr_words)
    compatible = sum(1 for o, r in _texts(al) if plausible(o, r) > 0)
    assert compatible >= 0.99 * len(al.pairs)
    assert al.coverage() > 0.9
    # pairs are 1:1 and sorted by OCR position
    assert len({p.ref for p in al.pairs}) == len(al.pairs)
    assert [p.ocr for p in al.pairs] == sorted(p.ocr for p in al.pairs)


def _check_exact(ocr: str, ref: str) -> None:
    """Every OCR word must be paired with the reference word at the same place in the source."""
    al = align(ocr, ref)
    got = _texts(al)
    assert len(got) == len(al.ocr_words), "some OCR words were not aligned"
    bad = [(o, r) for o, r in got if o != r]
    assert not bad, bad[:5]


def test_moved_blocks() -> None:
    ps = ["\n".join(p) for p in _paragraphs(1, 6)]
    ref = "\n\n".join(ps)
    ocr = "\n\n".join([ps[4], ps[0], ps[5], ps[2], ps[1], ps[3]])
    _check_exact(ocr, ref)


def test_two_columns_interleaved_line_by_line() -> None:
    left, right = _paragraphs(2, 2, lines=8)
    ref = "\n".join(left) + "\n\n" + "\n".join(right)
    ocr = "\n".join(f"{a}  {b}" for a, b in zip(left, right))
    _check_exact(ocr, ref)


def test_damaged_ocr_pairs_with_the_true_words() -> None:
    ps = ["\n".join(p) for p in _paragraphs(3, 5)]
    ref = "\n\n".join(ps)
    ocr = _ocrish("\n\n".join([ps[3], ps[1], ps[0], ps[4], ps[2]]))
    al = align(ocr, ref)
    assert len(al.pairs) == len(al.ocr_words)
    assert all(_ocrish(r) == o for o, r in _texts(al))


def test_dropped_and_extra_passages() -> None:
    ps = ["\n".join(p) for p in _paragraphs(4, 6)]
    extra = ["\n".join(p) for p in _paragraphs(40, 2)]
    ref = "\n\n".join([ps[0], extra[0], ps[1], ps[2], extra[1], ps[4]])  # ps[3], ps[5] missing
    ocr = "\n\n".join(ps)
    al = align(ocr, ref)
    paired = {p.ocr for p in al.pairs}
    n_missing = len(words(ps[3])) + len(words(ps[5]))
    # every word of the passages both texts have is paired with its own word
    assert len(paired) >= len(al.ocr_words) - n_missing
    assert all(o == r for o, r in _texts(al))
    # and no OCR word is paired into the extra passages
    spans = [(ref.index(e), ref.index(e) + len(e)) for e in extra]
    assert not [p for p in al.pairs if any(s <= al.ref_words[p.ref].start < e for s, e in spans)]


def test_hyphenation_on_one_side_only() -> None:
    ref = "Vi har länge varit den kommun som har haft flest internationella engagemang i topp."
    ocr = "Vi har Iénge varit den kommun som har haft flest inter-\nnationella engagemang i topp."
    al = align(ocr, ref)
    assert ("internationella", "internationella") in _texts(al)
    assert ("Iénge", "länge") in _texts(al)


def test_repeated_passages_are_all_aligned() -> None:
    block = "\n".join(_paragraphs(5, 1, lines=6)[0])
    ref = "\n\n".join(f"Del {k}\n{block}" for k in range(6))
    ocr = _ocrish(ref)
    al = align(ocr, ref)
    assert len(al.pairs) >= 0.97 * len(al.ocr_words)


def test_unrelated_text_has_low_coverage() -> None:
    ocr, _ = _seed()
    other = (
        "Biblioteket i Nordby har nya öppettider från och med januari. Under vardagar är huset öppet "
        "från nio till sju, på lördagar från tio till två. Barnavdelningen har fått fler bilderböcker "
        "och en läshörna med kuddar. Den som vill låna e-böcker behöver ett lånekort och en pinkod, "
        "som man får i informationsdisken. Kaféet på bottenvåningen drivs av en lokal förening och "
        "serverar soppa på torsdagar. Vi tar gärna emot synpunkter på utbudet via vår webbplats."
    )
    assert align(ocr, other).coverage() < 0.1


def test_no_quadratic_blow_up() -> None:
    ps = ["\n".join(p) for p in _paragraphs(6, 300, lines=4)]  # ~8,400 words
    ref = "\n\n".join(ps)
    order = list(range(len(ps)))
    random.Random(6).shuffle(order)
    ocr = _ocrish("\n\n".join(ps[k] for k in order))
    t = time.perf_counter()
    al = align(ocr, ref)
    elapsed = time.perf_counter() - t
    assert len(al.pairs) >= 0.97 * len(al.ocr_words)
    assert elapsed < 10.0, elapsed  # a quadratic DP over 8,400 x 8,400 words takes minutes
