#!/usr/bin/env python3
"""Benchmark OCR-repair methods: quality, throughput, load time and memory.

Not a test: run by hand (``python bench/bench_repair.py [--quick] [--json OUT]``)
from the repository root with ``PYTHONPATH=src``.  Prints a markdown table.

Methods
  raw       the OCR text unchanged (the floor)
  ftfy      ``ftfy.fix_text`` (a general text fixer; should change ~nothing)
  symspell  symspellpy, a peer spelling corrector: dictionary from
            ``wordfreq.get_frequency_dict('sv', 'large')`` scaled to integer counts,
            max_edit_distance 2, one lookup per word token (lowercased, case
            pattern and surrounding punctuation kept, per-token cache)
  ours      ``brochure_extract.repair.repair(text).text``

Each method runs in its own fresh subprocess (so load time and peak RSS are its
own), pinned to one CPU, and reports
  1. seed pair (corpus/seed_brochure_ocr.txt vs corpus/seed_brochure_pdf_text.txt):
     word accuracy, fixed, broken from ``bench/eval_repair.py``'s ``evaluate``;
  2. dev set, ``test`` split (devset/manifest.json): share of damaged å/ä/ö
     words restored exactly, share of correct OCR words the method damaged, WER
     (the evaluator's 1:1 alignment and repaired->OCR mapping);
  3. throughput in tokens/s after load on (a) the test-split OCR repeated to
     >= 200k tokens, fed document by document, and (b) fresh, never-repeated
     OCR-like text (seeded random Swedish word sequences with å/ä/ö folded the
     way the English OCR model folds them), so a per-token cache cannot hide
     the real cost; load time = import + building models + first call;
     peak RSS = ``resource.getrusage(RUSAGE_SELF).ru_maxrss``.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
METHODS = ["raw", "ftfy", "symspell", "ours"]
# Same token definition as the evaluator: words incl. the OCR stand-ins & @ |.
TOKEN_RE = re.compile(r"[\w&@|]*\w[\w&@|]*|&+")
# First call after import (counted in load time): invented OCR-like text with the
# ambiguous words, so lazily loaded parts (context model, compounds) load here.
FIRST_CALL = ("Har ar var plan for samarbetet. Vi har I&nga erfarenheter av arbete pd& "
              "manga omraden, och vara partner far ocksa stéd sa att malen nas. "
              "Kommunstyrelsens ordférande sdger att det ar ett satt att Idra sig.\n")


# --------------------------------------------------------------------------
# methods (imports are lazy so that load time belongs to the method)
# --------------------------------------------------------------------------

def _case_like(src: str, word: str) -> str:
    """Give ``word`` the case pattern of ``src`` (UPPER, Title or lower)."""
    if len(src) > 1 and src.isupper():
        return word.upper()
    if src[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def load_symspell() -> Callable[[str], str]:
    from functools import lru_cache

    import wordfreq
    from symspellpy import SymSpell, Verbosity

    freqs = wordfreq.get_frequency_dict("sv", "large")
    floor = min(freqs.values())
    sym = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
    for w, f in freqs.items():
        sym.create_dictionary_entry(w, max(1, round(f / floor)))

    @lru_cache(maxsize=200_000)
    def fix_word(low: str) -> str:
        if not any(c.isalpha() for c in low):
            return low
        sugg = sym.lookup(low, Verbosity.TOP, max_edit_distance=2, include_unknown=True)
        return sugg[0].term if sugg else low

    def run(text: str) -> str:
        def sub(m: re.Match[str]) -> str:
            tok = m.group()
            return _case_like(tok, fix_word(tok.lower()))
        return TOKEN_RE.sub(sub, text)

    return run


def load_method(name: str) -> Callable[[str], str]:
    if name == "raw":
        return lambda t: t
    if name == "ftfy":
        import ftfy
        return ftfy.fix_text
    if name == "symspell":
        return load_symspell()
    if name == "ours":
        try:
            from brochure_extract.repair import repair
        except ImportError as e:
            raise RuntimeError(f"brochure_extract.repair.repair not importable ({e}); "
                               "run with PYTHONPATH=src once the repair module exists") from e
        return lambda t: repair(t).text
    raise ValueError(name)


# --------------------------------------------------------------------------
# data
# --------------------------------------------------------------------------

def load_eval():
    import importlib.util
    spec = importlib.util.spec_from_file_location("eval_repair", ROOT / "bench" / "eval_repair.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader
    spec.loader.exec_module(mod)
    return mod


def test_pairs(limit: int | None = None) -> list[tuple[str, str, str]]:
    """(id, ocr, ref) of the held-out test split."""
    man = json.loads((ROOT / "devset" / "manifest.json").read_text(encoding="utf-8"))
    out = []
    for p in man["pairs"]:
        if p["split"] == "test":
            d = ROOT / "devset" / "pairs"
            out.append((p["id"], (d / f"{p['id']}.ocr.txt").read_text(encoding="utf-8"),
                        (d / f"{p['id']}.ref.txt").read_text(encoding="utf-8")))
    return out[:limit] if limit else out


_BROCHURE_DIRS = (("dev", ROOT / "tests" / "data" / "ocr_text"), ("held-out", ROOT / "bench" / "data" / "heldout"))


def brochure_refs() -> list[dict[str, str]]:
    """The blind brochures' plain-text OCR (clean and degraded) with their PDF's text layer as the
    reference: the seed's kind of pair, made from PDFs whose text is known. Read once, in the parent."""
    import pdfplumber

    out = []
    for group, folder in _BROCHURE_DIRS:
        for ocr in sorted(folder.glob("*.ocr.txt")):
            name = ocr.name[: -len(".ocr.txt")]
            pdf = folder / f"{name.split('.')[0]}.pdf"
            if not pdf.exists():
                continue
            with pdfplumber.open(pdf) as doc:
                ref = "\n".join(page.extract_text() or "" for page in doc.pages)
            kind = "degraded" if name.endswith(".degraded") else "clean"
            out.append({"group": f"{group} {kind}", "name": name, "ocr": ocr.read_text(encoding="utf-8"), "ref": ref})
    return out


_FOLD = {"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"}
# How the English model renders the letters on the dev split, roughly (devset/README.md).
_ALT = {"å": ["&", "d", "@"], "ä": ["i", "d", "4"], "ö": ["é", "6", "d"]}


def fresh_text(n_tokens: int, seed: int = 7) -> list[str]:
    """Never-repeated OCR-like documents: seeded Zipf-weighted Swedish word sequences.

    Words come from wordfreq's Swedish list (ranks up to 100k, so most words are
    rare and unseen by any cache); å/ä/ö are folded to a/a/o, ~35 % of them to a
    rarer OCR stand-in instead.  Returned as documents of ~300 tokens.
    """
    import random

    import wordfreq
    rng = random.Random(seed)
    words = [w for w in wordfreq.top_n_list("sv", 100_000) if w.isalpha()]
    cum: list[float] = []
    acc = 0.0
    for r in range(len(words)):
        acc += 1.0 / (r + 10)
        cum.append(acc)
    docs, cur, total = [], [], 0
    while total < n_tokens:
        sent = rng.choices(words, cum_weights=cum, k=rng.randint(6, 18))
        out = []
        for w in sent:
            chars = []
            for c in w:
                lc = c.lower()
                if lc in _ALT:
                    chars.append(rng.choice(_ALT[lc]) if rng.random() < 0.35 else _FOLD[c])
                else:
                    chars.append(c)
            out.append("".join(chars))
        out[0] = out[0][:1].upper() + out[0][1:]
        cur.append(" ".join(out) + rng.choice([".", ".", ".", ",", "?"]))
        total += len(out)
        if sum(len(s.split()) for s in cur) >= 300:
            docs.append("\n".join(cur))
            cur = []
    if cur:
        docs.append("\n".join(cur))
    return docs


# --------------------------------------------------------------------------
# worker: one method in a fresh process
# --------------------------------------------------------------------------

def _quality(fix: Callable[[str], str], ev, limit: int | None) -> dict[str, Any]:
    ocr = (ROOT / "corpus" / "seed_brochure_ocr.txt").read_text(encoding="utf-8")
    ref = (ROOT / "corpus" / "seed_brochure_pdf_text.txt").read_text(encoding="utf-8")
    r = ev.evaluate(ocr, fix(ocr), ref)
    cs = r["case_sensitive"]
    seed = {"acc_before": cs["acc_before"], "acc_after": cs["acc_after"], "fixed": cs["fixed"],
            "broken": cs["broken"], "wrong_before": cs["wrong_before"], "pairs": cs["pairs"],
            "wer": r["text_repaired"]["wer"]}
    diac = restored = correct = damaged = total = right = 0
    wer_num = wer_den = 0.0
    for _pid, o, g in test_pairs(limit):
        rep = fix(o)
        ot, gt, rt = ev.tokenize(o), ev.tokenize(g), ev.tokenize(rep)
        pairs, _, _ = ev.align_pairs(ot, gt)
        rof, _, _ = ev.map_repaired(ot, rt)
        for i, j in pairs:
            a, b, t = ot[i], rof[i], gt[j]
            total += 1
            right += b == t
            if a == t:
                correct += 1
                damaged += b != t
            elif any(c in t for c in "åäöÅÄÖ"):
                diac += 1
                restored += b == t
        n_ref = len(g.split())
        wer_num += ev.cer_wer(rep, g)["wer"] * n_ref
        wer_den += n_ref
    dev = {"diacritic_words": diac, "restored": restored,
           "restored_pct": 100 * restored / max(1, diac),
           "correct_words": correct, "damaged": damaged,
           "damaged_pct": 100 * damaged / max(1, correct),
           "word_acc_after": right / max(1, total), "pairs_1to1": total,
           "wer": wer_num / max(1, wer_den)}
    groups: dict[str, dict[str, int]] = {}
    refs = os.environ.get("BROCHURE_BENCH_REFS")
    for b in json.loads(Path(refs).read_text(encoding="utf-8")) if refs else []:
        cs = ev.evaluate(b["ocr"], fix(b["ocr"]), b["ref"])["case_sensitive"]
        g = groups.setdefault(b["group"], {"files": 0, "pairs": 0, "right_before": 0, "right_after": 0,
                                           "fixed": 0, "broken": 0})
        g["files"] += 1
        g["pairs"] += cs["pairs"]
        g["right_before"] += round(cs["acc_before"] * cs["pairs"])
        g["right_after"] += round(cs["acc_after"] * cs["pairs"])
        g["fixed"] += cs["fixed"]
        g["broken"] += cs["broken"]
    docs: dict[str, dict[str, int]] = {}
    for kind in ("ocr", "degraded.ocr"):
        c = docs.setdefault(kind, {"pairs": 0, "right": 0, "diacritic_words": 0, "restored": 0,
                                   "correct_words": 0, "damaged": 0})
        for o, g in doc_pairs("test", kind, limit):
            ot, gt = ev.tokenize(o), ev.tokenize(g)
            pairs, _, _ = ev.align_pairs(ot, gt)
            rof, _, _ = ev.map_repaired(ot, ev.tokenize(fix(o)))
            for i, j in pairs:
                a, b, t = ot[i], rof[i], gt[j]
                c["pairs"] += 1
                c["right"] += b == t
                if any(ch in t for ch in "åäöÅÄÖ"):
                    c["diacritic_words"] += 1
                    c["restored"] += b == t
                elif a == t:
                    c["correct_words"] += 1
                    c["damaged"] += b != t
    return {"seed": seed, "dev_test": dev, "brochures": groups, "documents": docs}


def doc_pairs(split: str, kind: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(ocr, ref) of ``devset/docs`` (varied Swedish documents, see its README) in ``split``;
    ``kind`` is "ocr" (300 dpi) or "degraded.ocr" (200 dpi, tilted, blurred, specked)."""
    d = ROOT / "devset" / "docs"
    man = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    out = [((d / f"{m['id']}.{kind}.txt").read_text(encoding="utf-8"), (d / f"{m['id']}.ref.txt").read_text(encoding="utf-8"))
           for m in man if m["split"] == split]
    return out[:limit] if limit else out


def _throughput(fix: Callable[[str], str], docs: list[str]) -> dict[str, float]:
    n = sum(len(TOKEN_RE.findall(d)) for d in docs)
    t = time.perf_counter()
    for d in docs:
        fix(d)
    dt = time.perf_counter() - t
    return {"tokens": n, "seconds": dt, "tokens_per_s": n / dt if dt else float("inf")}


def worker(name: str, quick: bool) -> dict[str, Any]:
    """Run every measurement for one method; called in a fresh subprocess."""
    import resource
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        pass
    t0 = time.perf_counter()
    try:
        fix = load_method(name)
        fix(FIRST_CALL)
    except RuntimeError as e:
        return {"method": name, "error": str(e)}
    load_s = time.perf_counter() - t0
    ev = load_eval()
    rss_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res: dict[str, Any] = {"method": name, "load_s": load_s, "rss_after_load_mb": rss_load}
    res.update(_quality(fix, ev, 4 if quick else None))
    target = 20_000 if quick else 200_000
    base = [o for _pid, o, _g in test_pairs()]
    per = sum(len(TOKEN_RE.findall(d)) for d in base)
    docs = base * (target // max(1, per) + 1)
    res["throughput_repeated"] = _throughput(fix, docs)
    res["throughput_one_document"] = _throughput(fix, ["\n\n".join(docs)])
    res["throughput_fresh"] = _throughput(fix, fresh_text(target // 2 if quick else target))
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return res


# --------------------------------------------------------------------------
# driver
# --------------------------------------------------------------------------

def run_method(name: str, quick: bool) -> dict[str, Any]:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               MKL_NUM_THREADS="1", OMP_THREAD_LIMIT="1")
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, __file__, "--worker", name] + (["--quick"] if quick else [])
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode != 0:
        tail = p.stderr.strip().splitlines() or ["failed"]
        print(f"{name} failed:\n" + "\n".join(tail[-6:]), file=sys.stderr)
        return {"method": name, "error": tail[-1], "stderr_tail": tail[-20:]}
    return json.loads(p.stdout.strip().splitlines()[-1])


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}×" if a is not None and b else "–"


def _tps(r: dict[str, Any], key: str) -> str:
    """Tokens/s, or '–' for the identity method where it measures nothing."""
    return "–" if r["method"] == "raw" else f"{r[key]['tokens_per_s']:,.0f}"


def documents_table(results: list[dict[str, Any]]) -> str:
    """Restored, damaged and word accuracy on the varied documents' test split, clean and degraded."""
    lines = ["| method | clean: word acc | clean: å/ä/ö restored | clean: correct damaged | degraded: word acc | "
             "degraded: å/ä/ö restored | degraded: correct damaged |", "|" + "---|" * 7]
    for r in results:
        if "error" in r or "documents" not in r:
            continue
        cells = []
        for kind in ("ocr", "degraded.ocr"):
            c = r["documents"][kind]
            cells += [f"{c['right'] / max(1, c['pairs']):.4f}", f"{100 * c['restored'] / max(1, c['diacritic_words']):.1f} %",
                      f"{100 * c['damaged'] / max(1, c['correct_words']):.2f} %"]
        lines.append(f"| {r['method']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def brochure_table(results: list[dict[str, Any]]) -> str:
    """Word accuracy (the seed's method) on the blind brochures' OCR against their PDF text layers."""
    groups = sorted({g for r in results if "error" not in r for g in r.get("brochures", {})})
    if not groups:
        return ""
    lines = ["| method | " + " | ".join(f"{g} acc (files)" for g in groups) + " | fixed | broken |",
             "|" + "---|" * (len(groups) + 3)]
    for r in results:
        if "error" in r:
            continue
        b = r["brochures"]
        cells = [f"{b[g]['right_after'] / max(1, b[g]['pairs']):.4f} ({b[g]['files']})" for g in groups]
        lines.append(f"| {r['method']} | " + " | ".join(cells)
                     + f" | {sum(x['fixed'] for x in b.values())} | {sum(x['broken'] for x in b.values())} |")
    return "\n".join(lines)


def table(results: list[dict[str, Any]]) -> str:
    head = ("| method | seed acc | seed fixed | seed broken | test å/ä/ö restored | "
            "test correct damaged | test WER | tok/s repeated | tok/s one document | tok/s fresh | load s | "
            "peak RSS MB |")
    lines = [head, "|" + "---|" * 12]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['method']} | error: {r['error']} |" + " |" * 10)
            continue
        s, d = r["seed"], r["dev_test"]
        lines.append(
            f"| {r['method']} | {s['acc_after']:.4f} | {s['fixed']} | {s['broken']} | "
            f"{d['restored_pct']:.1f} % | {d['damaged_pct']:.2f} % | {d['wer']:.4f} | "
            f"{_tps(r, 'throughput_repeated')} | {_tps(r, 'throughput_one_document')} | "
            f"{_tps(r, 'throughput_fresh')} | {r['load_s']:.2f} | "
            f"{r['peak_rss_mb']:.0f} |")
    by = {r["method"]: r for r in results if "error" not in r}
    if "ours" in by and "symspell" in by:
        o, p = by["ours"], by["symspell"]
        lines.append(
            f"| ours/symspell | {_ratio(o['seed']['acc_after'], p['seed']['acc_after'])} | "
            f"{_ratio(o['seed']['fixed'], p['seed']['fixed'])} | "
            f"{_ratio(o['seed']['broken'], p['seed']['broken'])} | "
            f"{_ratio(o['dev_test']['restored_pct'], p['dev_test']['restored_pct'])} | "
            f"{_ratio(o['dev_test']['damaged_pct'], p['dev_test']['damaged_pct'])} | "
            f"{_ratio(o['dev_test']['wer'], p['dev_test']['wer'])} | "
            f"{_ratio(o['throughput_repeated']['tokens_per_s'], p['throughput_repeated']['tokens_per_s'])} | "
            f"{_ratio(o['throughput_one_document']['tokens_per_s'], p['throughput_one_document']['tokens_per_s'])} | "
            f"{_ratio(o['throughput_fresh']['tokens_per_s'], p['throughput_fresh']['tokens_per_s'])} | "
            f"{_ratio(o['load_s'], p['load_s'])} | {_ratio(o['peak_rss_mb'], p['peak_rss_mb'])} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="4 test pairs, 20k repeated + 10k fresh tokens")
    ap.add_argument("--json", metavar="OUT", type=Path, help="also write all numbers as JSON")
    ap.add_argument("--methods", default=",".join(METHODS),
                    help="comma-separated subset of " + ",".join(METHODS))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        print(json.dumps(worker(a.worker, a.quick)))
        return
    results = []
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as tmp:
        json.dump([] if a.quick else brochure_refs(), tmp, ensure_ascii=False)
    os.environ["BROCHURE_BENCH_REFS"] = tmp.name
    try:
        for m in a.methods.split(","):
            print(f"running {m} ...", file=sys.stderr, flush=True)
            results.append(run_method(m.strip(), a.quick))
    finally:
        os.unlink(tmp.name)
    print(table(results))
    print()
    print(brochure_table(results))
    print()
    print(documents_table(results))
    if a.json:
        meta = {"quick": a.quick, "python": sys.version.split()[0],
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        a.json.write_text(json.dumps({"meta": meta, "results": results}, indent=1,
                                     ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
