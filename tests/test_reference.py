"""Reference-guided repair (brochure_extract.reference), measured with the official evaluator."""
from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path

import pytest

from brochure_extract.edits import Edit, RepairResult
from brochure_extract.reference import (
    learn_pairs,
    plausible,
    repair_with_reference,
)
from brochure_extract.tokens import WORD_RE

ROOT = Path(__file__).resolve().parents[1]
OCR = (ROOT / "corpus" / "seed_brochure_ocr.txt").read_text(encoding="utf-8")
REF = (ROOT / "corpus" / "seed_brochure_pdf_text.txt").read_text(encoding="utf-8")


def _evaluator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_repair", ROOT / "bench" / "eval_repair.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_repair", mod)
    spec.loader.exec_module(mod)
    return mod


EVAL = _evaluator()

UNRELATED = (
    "Biblioteket i Nordby har nya öppettider från och med januari. Under vardagar är huset öppet "
    "från nio till sju, på lördagar från tio till två. Barnavdelningen har fått fler bilderböcker "
    "och en läshörna med kuddar. Den som vill låna e-böcker behöver ett lånekort och en pinkod, "
    "som man får i informationsdisken. Kaféet på bottenvåningen drivs av en lokal förening och "
    "serverar soppa på torsdagar. Vi tar gärna emot synpunkter på utbudet via vår webbplats.\n\n"
    "Under sommaren flyttar sagostunden ut i parken bakom kyrkan. Ta med en filt, så bjuder vi på "
    "saft och bullar. Vid regn är vi i stället i hörsalen på andra våningen."
)


def _stats(repaired: str, ref: str = REF) -> dict:
    return EVAL.evaluate(OCR, repaired, ref)["case_sensitive"]


class _Recorder:
    """A stand-in for the lexicon repair: records passages, turns every 'for' into 'för'."""

    def __init__(self) -> None:
        self.passages: list[str] = []

    def __call__(self, text: str) -> RepairResult:
        self.passages.append(text)
        edits = [
            Edit(m.start(), m.end(), "for", "för", 0.7, "lexicon", "test")
            for m in re.finditer(r"\bfor\b", text)
        ]
        from brochure_extract.edits import apply_edits

        out, placed = apply_edits(text, edits)
        return RepairResult(original=text, text=out, edits=placed, warnings=["fallback used"])


def _assert_only_edits_changed(res: RepairResult) -> None:
    """Text outside the edits is unchanged character for character, and the offsets are right."""
    pos = out = 0
    for e in sorted(res.edits, key=lambda e: e.start):
        assert res.original[pos : e.start] == res.text[out : e.out_start]
        assert res.original[e.start : e.end] == e.before
        assert res.text[e.out_start : e.out_end] == e.after
        out += (e.start - pos) + len(e.after)
        pos = e.end
    assert res.original[pos:] == res.text[out:]


# ---------------------------------------------------------------------- plausible


@pytest.mark.parametrize(
    "ocr,true",
    [
        ("Vaxjé", "Växjö"), ("I&ng", "lång"), ("pd&", "på"), ("ddar", "där"), ("for", "för"), ("ar", "är"),
        ("Viéxjé", "Växjö"), ("IB", "JB"), ("behs", "behö"), ("|arare", "lärare"), ("6kat", "ökat"),
        ("I", "i"), ("VAxjé", "Växjö"), ("entreprendérskap", "entreprenörskap"), ("Aoby", "Åby"),
    ],
)
def test_plausible_confusions(ocr: str, true: str) -> None:
    assert 0.0 < plausible(ocr, true) < 1.0


@pytest.mark.parametrize(
    "ocr,true",
    [
        ("vår", "var"),  # the OCR cannot print å, so 'vår' is no misreading of 'var'
        ("cstxos", "SEKOS"), ("Kosovo", "Kosova"), ("samarbeten", "samverkan"), ("vaxjo", "Växjö"),
        ("km", "km2"), ("kommun", "kommuns"),
    ],
)
def test_implausible_pairs(ocr: str, true: str) -> None:
    assert plausible(ocr, true) == 0.0


def test_plausible_prefers_simple_confusions() -> None:
    assert plausible("Vaxjo", "Växjö") > plausible("Vaxjé", "Växjö") > plausible("Viéxjé", "Växjö")
    assert plausible("och", "och") == 1.0


# ---------------------------------------------------------------------- the seed pair


def test_seed_pair_meets_the_target() -> None:
    res = repair_with_reference(OCR, REF)
    s = _stats(res.text)
    assert s["pairs"] == 1340
    assert s["acc_after"] >= 0.995, s
    assert s["broken"] == 0
    assert all(e.reason == "reference" and e.ref_start is not None for e in res.edits)
    assert all(REF[e.ref_start : e.ref_end].replace("-", "").split()[0:1] for e in res.edits)
    _assert_only_edits_changed(res)
    # order, line breaks and tokenisation are the OCR's own
    assert res.text.count("\n") == OCR.count("\n")
    assert len(WORD_RE.findall(res.text)) == len(WORD_RE.findall(OCR))


def test_seed_hyphenated_word_is_repaired_half_by_half() -> None:
    res = repair_with_reference(OCR, REF)
    assert "inte behs-\nver" in OCR
    assert "inte behö-\nver" in res.text
    assert "behöver" not in res.text


def test_seed_disagreements_keep_the_ocr() -> None:
    res = repair_with_reference(OCR, REF)
    dis = {(d.ocr, d.reference) for d in res.disagreements}
    assert ("cstxos", "SEKOS") in dis
    assert "cstxos" in res.text and "SEKOS" not in res.text
    for d in res.disagreements:
        assert REF[d.ref_start : d.ref_end] == d.reference
        assert OCR[d.start : d.end] == d.ocr


def test_edited_edition_word_is_a_disagreement_not_a_replacement() -> None:
    ref = REF.replace("Nämnda partnerskap", "Dessa partnerskap")
    res = repair_with_reference(OCR, ref)
    assert "Némnda partnerskap" in res.text
    assert any(d.ocr == "Némnda" and d.reference == "Dessa" for d in res.disagreements)


def test_idempotent() -> None:
    once = repair_with_reference(OCR, REF)
    twice = repair_with_reference(once.text, REF)
    assert twice.text == once.text
    assert twice.edits == []


def test_learned_pairs_feed_a_confusion_model() -> None:
    pairs = learn_pairs(OCR, REF)
    d = {(o, r): n for o, r, n in pairs}
    assert d[("Vaxjé", "Växjö")] >= 3
    assert d[("och", "och")] > 20
    assert ("cstxos", "SEKOS") not in d
    confusion = pytest.importorskip("brochure_extract.confusion")
    model = confusion.ConfusionModel.from_pairs(pairs)
    assert model.log_likelihood("Vaxjé", "Växjö") is not None


def test_uses_the_confusion_model_when_given() -> None:
    class Never:
        def log_likelihood(self, ocr: str, true: str) -> float | None:
            return None

    class Always:
        def log_likelihood(self, ocr: str, true: str) -> float | None:
            return -1.0

    none = repair_with_reference(OCR, REF, confusion=Never())
    assert none.text == OCR and none.edits == []
    assert len(none.disagreements) > 300
    every = repair_with_reference(OCR, REF, confusion=Always())
    assert "SEKOS" in every.text  # a model that allows anything takes the reference's word


# ---------------------------------------------------------------------- other references


def test_reference_missing_a_third() -> None:
    lines = REF.split("\n")
    third = len(lines) // 3
    ref = "\n".join(lines[:third] + lines[2 * third :])
    rec = _Recorder()
    res = repair_with_reference(OCR, ref, fallback=rec)
    _assert_only_edits_changed(res)
    full = repair_with_reference(OCR, REF)
    s_part = _stats(repair_with_reference(OCR, ref).text)
    s_full = _stats(full.text)
    assert s_part["broken"] == 0
    assert s_part["fixed"] >= 0.55 * s_full["fixed"]
    # the fallback sees the whole OCR once (so every word keeps its context); only its edits
    # on words the reference does not cover are kept, at the right offsets
    assert rec.passages == [OCR]
    lex = [e for e in res.edits if e.reason == "lexicon"]
    n_for = len(re.findall(r"\bfor\b", OCR))
    assert lex and all(OCR[e.start : e.end] == "for" for e in lex)
    assert len(lex) < n_for  # the 'for's the reference covers were repaired from the reference
    assert "fallback used" in res.warnings


def test_reference_with_extra_passages() -> None:
    blocks = REF.split("\n\n\n")
    extra = UNRELATED.split("\n\n")
    ref = "\n\n\n".join(blocks[:3] + [extra[0]] + blocks[3:8] + [extra[1]] + blocks[8:])
    res = repair_with_reference(OCR, ref)
    s = _stats(res.text)
    assert s["acc_after"] >= 0.99 and s["broken"] == 0
    spans = [(ref.index(x), ref.index(x) + len(x)) for x in extra]
    assert not [e for e in res.edits if any(a <= e.ref_start < b for a, b in spans)]


def test_shuffled_blocks_reference() -> None:
    blocks = [b for b in re.split(r"\n\s*\n", REF) if b.strip()]
    random.Random(11).shuffle(blocks)
    res = repair_with_reference(OCR, "\n\n".join(blocks))
    s = _stats(res.text)
    assert s["acc_after"] >= 0.99 and s["broken"] == 0
    _assert_only_edits_changed(res)


def test_unrelated_reference_is_not_used() -> None:
    res = repair_with_reference(OCR, UNRELATED)
    assert res.text == OCR and res.edits == []
    assert any("does not match" in w for w in res.warnings)
    rec = _Recorder()
    res = repair_with_reference(OCR, UNRELATED, fallback=rec)
    assert rec.passages == [OCR]
    assert res.edits and all(e.reason == "lexicon" for e in res.edits)
    assert any("does not match" in w for w in res.warnings)


@pytest.mark.parametrize("ref", ["", "  \n\n\t "])
def test_empty_reference_goes_to_fallback(ref: str) -> None:
    assert repair_with_reference(OCR, ref).text == OCR
    rec = _Recorder()
    res = repair_with_reference(OCR, ref, fallback=rec)
    assert rec.passages == [OCR]
    assert "för" in res.text and any("empty" in w for w in res.warnings)


def test_hyphenation_only_in_the_ocr() -> None:
    ocr = "Vi har Iénge varit den kommun som har haft flest inter-\nnationella engagemang och I&n-\ngt kvar."
    ref = "Vi har länge varit den kommun som har haft flest internationella engagemang och långt kvar."
    res = repair_with_reference(ocr, ref)
    assert res.text == (
        "Vi har länge varit den kommun som har haft flest inter-\nnationella engagemang och lån-\ngt kvar."
    )
    _assert_only_edits_changed(res)


def test_hyphenation_only_in_the_reference() -> None:
    ocr = "Projektet har varit véldigt betydelsefullt p& ménga satt for oss alla i kommunen."
    ref = "Projektet har varit väldigt betydel-\nsefullt på många sätt för oss alla i kommunen."
    res = repair_with_reference(ocr, ref)
    assert res.text == "Projektet har varit väldigt betydelsefullt på många sätt för oss alla i kommunen."


def test_compound_hyphen_at_line_end_is_not_a_broken_word() -> None:
    ocr = "Exempel pé projektteman: Miljo-\noch avfallshantering, tillgénglighet och socialt entreprendrskap."
    ref = "Exempel på projektteman: Miljö- och avfallshantering, tillgänglighet och socialt entreprenörskap."
    res = repair_with_reference(ocr, ref)
    assert res.text == (
        "Exempel på projektteman: Miljö-\noch avfallshantering, tillgänglighet och socialt entreprenörskap."
    )


def test_capitalisation_follows_the_ocr() -> None:
    ocr = "Kort om projektet. For Vaxjé kommuns del gér partnerskapen ut pa att starka kompetens."
    ref = "Kort om projektet\n• för Växjö kommuns del går partnerskapen ut på att stärka kompetens."
    res = repair_with_reference(ocr, ref)
    assert res.text == "Kort om projektet. För Växjö kommuns del går partnerskapen ut på att stärka kompetens."


@pytest.mark.parametrize(
    "ocr,ref,want",
    [("Vaxjé", "Växjö", "Växjö"), ("", "Växjö kommun", ""), ("-- \n", "x", "-- \n"), ("Vaxjé kommun", "Växjö kommun", "Växjö kommun")],
)
def test_short_texts(ocr: str, ref: str, want: str) -> None:
    assert repair_with_reference(ocr, ref).text == want
