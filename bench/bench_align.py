#!/usr/bin/env python3
"""Speed and accuracy of reference-guided repair on a ~10,000-word document.

Two documents, both built from the seed pair so no data has to be fetched:

* ``synthetic``: random text over the seed reference's vocabulary (word
  frequencies kept), with OCR damage applied by the glyph confusions of
  English-model OCR (ä -> a/d/é/ii, ö -> é/o/6, å -> &/a/d&, l -> I/|), and a
  layout that differs from the reference: paragraphs in another order, some
  two-column passages interleaved line by line, passages dropped on either side,
  words hyphenated across line breaks;
* ``seed x7``: the seed OCR/reference pair concatenated seven times with a
  numbered heading per copy, the worst case for unique anchors (every passage
  occurs seven times).

Reports the alignment and repair time (best of 3, one process = one core) and
the evaluator's word accuracy. Usage: ``PYTHONPATH=src python bench/bench_align.py [--json]``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import eval_repair  # noqa: E402

from brochure_extract.align import align, words  # noqa: E402
from brochure_extract.reference import analyse_with_reference  # noqa: E402
from brochure_extract.repair import repair  # noqa: E402
from brochure_extract.tokens import WORD_RE  # noqa: E402

CORPUS = HERE.parent / "corpus"

#: true letter -> (OCR rendering, weight): what the synthetic OCR prints.
DAMAGE = {
    "ä": [("a", 80), ("d", 5), ("é", 4), ("ii", 3), ("i", 4), ("4", 1), ("dd", 1)],
    "å": [("a", 80), ("&", 8), ("d", 4), ("d&", 3), ("é", 2)],
    "ö": [("é", 50), ("o", 30), ("d", 7), ("6", 6), ("dé", 2)],
    "Ä": [("A", 1)],
    "Å": [("A", 1)],
    "Ö": [("O", 1)],
    "l": [("l", 97), ("I", 2), ("|", 1)],
}


def damage_word(w: str, rng: random.Random) -> str:
    out = []
    for ch in w:
        opts = DAMAGE.get(ch)
        if opts is None:
            out.append(ch)
        else:
            glyphs, weights = zip(*opts)
            out.append(rng.choices(glyphs, weights)[0])
    return "".join(out)


def synthetic(n_words: int, seed: int = 7) -> tuple[str, str, str, list[bool]]:
    """(ocr, reference, truth, in_ref) for about ``n_words`` words, laid out as described above.

    ``truth`` is the OCR's layout with the true words, ``in_ref[k]`` says whether the
    k-th OCR word (hyphenated halves joined) lies in a passage the reference has.
    """
    rng = random.Random(seed)
    vocab = WORD_RE.findall((CORPUS / "seed_brochure_pdf_text.txt").read_text(encoding="utf-8"))
    paragraphs: list[list[list[str]]] = []  # paragraph -> lines -> words
    total = 0
    while total < n_words:
        lines = []
        for _ in range(rng.randint(3, 9)):
            line = [rng.choice(vocab) for _ in range(rng.randint(6, 12))]
            lines.append(line)
            total += len(line)
        paragraphs.append(lines)
    order = list(range(len(paragraphs)))
    rng.shuffle(order)  # moved blocks
    kept = {k for k in order if rng.random() > 0.04}  # passages the OCR has but the reference lacks
    reference = "\n\n".join("\n".join(" ".join(line) for line in paragraphs[k]) for k in order if k in kept)

    ocr_blocks: list[str] = []
    true_blocks: list[str] = []
    in_ref: list[bool] = []
    k = 0
    while k < len(paragraphs):
        p = paragraphs[k]
        if rng.random() < 0.04:  # passage missing from the OCR
            k += 1
            continue
        if k + 1 < len(paragraphs) and rng.random() < 0.15:  # two columns read line by line
            q = paragraphs[k + 1]
            o_rows, t_rows = [], []
            for a in range(max(len(p), len(q))):
                row = (p[a] if a < len(p) else []) + (q[a] if a < len(q) else [])
                flags = [k in kept] * (len(p[a]) if a < len(p) else 0) + [k + 1 in kept] * (len(q[a]) if a < len(q) else 0)
                o_rows.append(" ".join(damage_word(w, rng) for w in row))
                t_rows.append(" ".join(row))
                in_ref.extend(flags)
            ocr_blocks.append("\n".join(o_rows))
            true_blocks.append("\n".join(t_rows))
            k += 2
            continue
        o_lines, t_lines = [], []
        for line in p:
            dmg = [damage_word(w, rng) for w in line]
            in_ref.extend([k in kept] * len(line))
            if len(line[-1]) > 7 and rng.random() < 0.3:  # hyphenate across the line break
                cut_o, cut_t = len(dmg[-1]) // 2, len(line[-1]) // 2
                o_lines += [" ".join(dmg[:-1] + [dmg[-1][:cut_o] + "-"]), dmg[-1][cut_o:]]
                t_lines += [" ".join(line[:-1] + [line[-1][:cut_t] + "-"]), line[-1][cut_t:]]
            else:
                o_lines.append(" ".join(dmg))
                t_lines.append(" ".join(line))
        ocr_blocks.append("\n".join(o_lines))
        true_blocks.append("\n".join(t_lines))
        k += 1
    return "\n\n".join(ocr_blocks), reference, "\n\n".join(true_blocks), in_ref


def truth_accuracy(repaired: str, truth: str, in_ref: list[bool]) -> dict:
    """Word accuracy against the known truth, over all OCR words and over those the reference has."""
    rw = [w.text for w in words(repaired)]
    tw = [w.text for w in words(truth)]
    if len(rw) != len(tw) or len(tw) != len(in_ref):
        return {"error": f"word counts differ: repaired {len(rw)}, truth {len(tw)}, flags {len(in_ref)}"}
    ok = [a == b for a, b in zip(rw, tw)]
    cov = [o for o, f in zip(ok, in_ref) if f]
    return {
        "truth_words": len(tw),
        "truth_acc_all": round(sum(ok) / len(ok), 4),
        "truth_words_in_ref": len(cov),
        "truth_acc_in_ref": round(sum(cov) / max(1, len(cov)), 4),
    }


def seed_times(n: int) -> tuple[str, str]:
    ocr = (CORPUS / "seed_brochure_ocr.txt").read_text(encoding="utf-8")
    ref = (CORPUS / "seed_brochure_pdf_text.txt").read_text(encoding="utf-8")
    o = "\n\n".join(f"Del {k + 1}\n\n{ocr}" for k in range(n))
    r = "\n\n".join(f"Del {k + 1}\n\n{ref}" for k in range(n))
    return o, r


def best_of(fn, runs: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    best, out = float("inf"), None
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def clear_caches() -> None:
    """Start each timed run cold: the word-level caches would otherwise make runs 2 and 3 free."""
    from brochure_extract import align as al
    from brochure_extract import reference as rf

    for f in (al.fold, al.skeleton, al.similarity, rf._plausible):
        f.cache_clear()


def measure(name: str, ocr: str, ref: str) -> dict:
    def cold_align():  # type: ignore[no-untyped-def]
        clear_caches()
        return align(ocr, ref)

    def cold_repair():  # type: ignore[no-untyped-def]
        clear_caches()
        return analyse_with_reference(ocr, ref)

    def cold_full():  # type: ignore[no-untyped-def]
        clear_caches()
        return repair(ocr, reference=ref)

    t_align, _ = best_of(cold_align)
    t_all, rep = best_of(cold_repair)
    t_full, full = best_of(cold_full)  # the public call: alignment, reference repair, lexicon repair of the rest
    res = eval_repair.evaluate(ocr, rep.result.text, ref)  # type: ignore[union-attr]
    cs = res["case_sensitive"]
    return {
        "document": name,
        "ocr_words": len(WORD_RE.findall(ocr)),
        "ref_words": len(WORD_RE.findall(ref)),
        "align_s": round(t_align, 4),
        "align_and_repair_s": round(t_all, 4),
        "full_repair_s": round(t_full, 4),
        "full_acc_after": round(eval_repair.evaluate(ocr, full.text, ref)["case_sensitive"]["acc_after"], 4),  # type: ignore[union-attr]
        "coverage": round(rep.coverage, 3),  # type: ignore[union-attr]
        "eval_pairs": cs["pairs"],
        "acc_before": round(cs["acc_before"], 4),
        "acc_after": round(cs["acc_after"], 4),
        "fixed": cs["fixed"],
        "broken": cs["broken"],
        "edits": len(rep.result.edits),  # type: ignore[union-attr]
        "disagreements": len(rep.result.disagreements),  # type: ignore[union-attr]
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=10_000)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    ocr, ref, truth, in_ref = synthetic(a.words)
    syn = measure("synthetic", ocr, ref)
    syn.update(truth_accuracy(analyse_with_reference(ocr, ref).result.text, truth, in_ref))
    rows = [syn, measure("seed", *seed_times(1)), measure("seed x7", *seed_times(7))]
    if a.json:
        print(json.dumps(rows, indent=1))
        return
    for r in rows:
        print(
            f"{r['document']:10s} ocr={r['ocr_words']} ref={r['ref_words']} words  align {r['align_s']:.3f}s  "
            f"align+repair {r['align_and_repair_s']:.3f}s  coverage {r['coverage']:.3f}  "
            f"acc {r['acc_before']:.4f} -> {r['acc_after']:.4f} on {r['eval_pairs']} pairs  "
            f"fixed {r['fixed']} broken {r['broken']}  disagreements {r['disagreements']}  "
            f"full repair(reference=) {r['full_repair_s']:.3f}s acc {r['full_acc_after']:.4f}"
        )
        if "truth_acc_all" in r:
            print(
                f"{'':10s} against the known truth: word acc {r['truth_acc_all']:.4f} on all {r['truth_words']} "
                f"OCR words, {r['truth_acc_in_ref']:.4f} on the {r['truth_words_in_ref']} the reference has"
            )


if __name__ == "__main__":
    main()
