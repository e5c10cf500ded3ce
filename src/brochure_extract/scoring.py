"""Field-level scoring of an extraction against a gold JSON.

Each gold field is one unit for a scalar and one unit per item for a list, so a
fact list with one bad item loses one unit, not the whole list. Entities
(sections, partnerships, projects, quotes) are matched by key (heading, partner,
number, speaker) before their fields are compared. The gold may describe instead
of repeat: ``body_first_words`` (body[0] starts with them), ``body_paragraphs``
(len(body)) and ``quote_speaker`` (quote.speaker).

``loose=True`` compares text case- and diacritic-insensitively and accepts a
fuzzy ratio ≥ ``threshold``: a proxy for scoring raw OCR whose letters a later
repair would fix, so structure errors still show.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .models import Brochure

_ENTITY_KEYS = {"sections": "heading", "partnerships": "partner", "projects": "number", "quotes": "speaker"}
_DESCRIPTIVE = {"body_first_words", "body_paragraphs", "quote_speaker"}


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Per-field scores (keys like ``projects.facts``), the micro total and what went wrong."""

    fields: dict[str, FieldScore] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> FieldScore:
        t = FieldScore()
        for s in self.fields.values():
            t.tp, t.fp, t.fn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn
        return t

    @property
    def f1(self) -> float:
        return self.total.f1

    def to_dict(self) -> dict[str, Any]:
        t = self.total
        return {"micro": {"precision": t.precision, "recall": t.recall, "f1": t.f1, "tp": t.tp, "fp": t.fp, "fn": t.fn},
                "fields": {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "tp": v.tp, "fp": v.fp,
                               "fn": v.fn} for k, v in sorted(self.fields.items())},
                "errors": list(self.errors)}

    def summary(self) -> str:
        lines = [f"micro F1 {self.f1:.3f} (P {self.total.precision:.3f} R {self.total.recall:.3f})"]
        for k, v in sorted(self.fields.items()):
            if v.fp or v.fn:
                lines.append(f"  {k:32s} F1 {v.f1:.3f}  tp={v.tp} fp={v.fp} fn={v.fn}")
        return "\n".join(lines)


def norm_text(text: str, *, loose: bool = False) -> str:
    """Whitespace-normalised text; loose also folds case, diacritics and quote marks."""
    t = unicodedata.normalize("NFC", text)
    t = re.sub(r"\s+", " ", t).strip()
    if loose:
        t = unicodedata.normalize("NFKD", t.casefold())
        t = "".join(c for c in t if not unicodedata.combining(c))
        t = re.sub(r"[’‘`´\"”“«»]", "'", t)
    return t


class _Cmp:
    def __init__(self, loose: bool, threshold: float) -> None:
        self.loose, self.threshold = loose, threshold

    def eq(self, a: Any, b: Any) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            x, y = norm_text(a, loose=self.loose), norm_text(b, loose=self.loose)
            return x == y or (self.loose and fuzz.ratio(x, y) >= self.threshold * 100)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
            return a == b
        if isinstance(a, dict) and isinstance(b, dict):
            # A nested record (a card's quote) is right when every field the gold gives is: fields the
            # gold leaves out ('project' of a card's own quote, which the card already says) are not scored.
            return all(self.eq(a.get(k), v) for k, v in b.items())
        return a == b

    def multiset_tp(self, pred: list[Any], gold: list[Any]) -> int:
        if not self.loose:
            key = lambda v: norm_text(v) if isinstance(v, str) else v  # noqa: E731
            return sum((Counter(map(key, pred)) & Counter(map(key, gold))).values())
        left = list(pred)
        tp = 0
        for g in gold:
            for k, p in enumerate(left):
                if self.eq(p, g):
                    tp += 1
                    del left[k]
                    break
        return tp


def score(predicted: Brochure | dict[str, Any], gold: dict[str, Any], *, loose: bool = False,
          threshold: float = 0.85) -> Report:
    """Score ``predicted`` against ``gold`` field by field (see module doc)."""
    pred = predicted.to_dict() if isinstance(predicted, Brochure) else predicted
    cmp = _Cmp(loose, threshold)
    report = Report()
    for name, gval in gold.items():
        if name in _ENTITY_KEYS:
            _score_entities(report, cmp, name, pred.get(name) or [], gval or [])
        elif isinstance(gval, dict):
            pval = pred.get(name) or {}
            for sub, g in gval.items():
                _score_value(report, cmp, f"{name}.{sub}", pval.get(sub), g)
        else:
            _score_value(report, cmp, name, pred.get(name), gval)
    return report


def _fs(report: Report, key: str) -> FieldScore:
    return report.fields.setdefault(key, FieldScore())


def _score_value(report: Report, cmp: _Cmp, key: str, p: Any, g: Any) -> None:
    fs = _fs(report, key)
    if isinstance(g, list):
        p = p if isinstance(p, list) else []
        if not g and not p:
            fs.tp += 1
            return
        tp = cmp.multiset_tp(p, g)
        fs.tp += tp
        fs.fp += len(p) - tp
        fs.fn += len(g) - tp
        if tp < max(len(p), len(g)):
            report.errors.append(f"{key}: {len(g) - tp} gold item(s) missed, {len(p) - tp} extra")
        return
    if (p is None and g is None) or (p is not None and g is not None and cmp.eq(p, g)):
        fs.tp += 1
        return
    if p is not None:
        fs.fp += 1
    if g is not None:
        fs.fn += 1
    report.errors.append(f"{key}: expected {g!r}, got {p!r}")


def _score_entities(report: Report, cmp: _Cmp, name: str, preds: list[dict[str, Any]],
                    golds: list[dict[str, Any]]) -> None:
    keyf = _ENTITY_KEYS[name]
    left = list(preds)
    for g in golds:
        match = None
        for k, p in enumerate(left):
            if g.get(keyf) is not None and p.get(keyf) is not None and cmp.eq(p.get(keyf), g.get(keyf)) or (
                    name == "sections" and g.get(keyf) is None and p.get(keyf) is None):  # the headless intro
                match = left.pop(k)
                break
        if match is None:
            report.errors.append(f"{name}: no match for {keyf}={g.get(keyf)!r}")
            for f in g:
                _fs(report, f"{name}.{f}").fn += max(1, len(g[f])) if isinstance(g[f], list) else 1
            continue
        for f, gv in g.items():
            key = f"{name}.{f}"
            if f in _DESCRIPTIVE:
                _score_descriptive(report, cmp, key, match, f, gv)
            else:
                _score_value(report, cmp, key, match.get(f), gv)
        if name == "quotes" and "project" not in g:
            _score_value(report, cmp, f"{name}.project", match.get("project"), None)
    for p in left:  # predicted entities the gold does not have
        report.errors.append(f"{name}: extra {keyf}={p.get(keyf)!r}")
        _fs(report, f"{name}.{keyf}").fp += 1


def _score_descriptive(report: Report, cmp: _Cmp, key: str, match: dict[str, Any], f: str, gv: Any) -> None:
    body = match.get("body") or []
    if f == "body_first_words":
        first = norm_text(body[0], loose=cmp.loose) if body else ""
        words = norm_text(str(gv), loose=cmp.loose)
        ok = first.startswith(words) or (cmp.loose and fuzz.ratio(first[:len(words)], words) >= cmp.threshold * 100)
        got: Any = body[0][:len(str(gv)) + 10] if body else None
    elif f == "body_paragraphs":
        ok, got = len(body) == gv, len(body)
    else:
        q = match.get("quote") or {}
        got = q.get("speaker")
        # a card without a quote, found without one, is right (as for any field both leave empty)
        ok = (got is None and gv is None) or (got is not None and gv is not None and cmp.eq(got, gv))
    fs = _fs(report, key)
    if ok:
        fs.tp += 1
    else:
        fs.fp += got is not None
        fs.fn += gv is not None
        report.errors.append(f"{key}: expected {gv!r}, got {got!r}")


def main(argv: list[str] | None = None) -> int:
    """``python -m brochure_extract.scoring GOLD INPUT [--reference REF] [--loose]``.

    INPUT is a prediction ``.json`` or anything ``extract()`` reads (PDF, text file).
    """
    import argparse
    import json as _json
    from pathlib import Path

    ap = argparse.ArgumentParser(prog="python -m brochure_extract.scoring", description=main.__doc__)
    ap.add_argument("gold")
    ap.add_argument("input")
    ap.add_argument("--reference", help="clean text of the same brochure, for OCR repair")
    ap.add_argument("--loose", action="store_true", help="case/diacritic-insensitive fuzzy text comparison")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every mismatch")
    args = ap.parse_args(argv)
    gold = _json.loads(Path(args.gold).read_text(encoding="utf-8"))
    if args.input.endswith(".json"):
        pred: Brochure | dict[str, Any] = _json.loads(Path(args.input).read_text(encoding="utf-8"))
    else:
        from .extract import extract
        from .textio import read_text

        ref = read_text(args.reference) if args.reference else None
        pred = extract(args.input, reference=ref)
    report = score(pred, gold, loose=args.loose)
    print(report.summary())
    if args.verbose:
        print("\n".join(report.errors))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
