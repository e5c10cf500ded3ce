"""Build the letter-trigram model of Swedish word shapes (``corpus/lexicon/chars.tsv.gz``).

Why: a token no lexicon knows is either a real word or name we should keep
(``Tamale``, ``resultatorienterade``) or OCR damage (``hdllbar``, ``Gndrar``,
``Sjdbyholm``). How Swedish-looking its letter sequence is tells them apart.

Sources (build time only): the Swedish word list of ``wordfreq`` (``large``) and the
``hunspell-sv`` dictionary from PyPI expanded with ``unmunch`` (Debian
``hunspell-tools``), the same sources as the lexicon. Each distinct lowercase form
counts once, so names and rare inflections shape the model as much as function words.

Usage: ``python tools/build_charmodel.py [--out corpus/lexicon/chars.tsv.gz]``
"""
from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BOUNDARY = "^"
END = "$"


def swedish_forms() -> set[str]:
    import wordfreq

    forms = {w for w in wordfreq.get_frequency_dict("sv", wordlist="large") if w.isalpha()}
    share = Path(sys.prefix) / "share" / "hunspell"
    dic, aff = share / "sv_SE.dic", share / "sv_SE.aff"
    if dic.exists() and aff.exists():
        out = subprocess.run(["unmunch", str(dic), str(aff)], capture_output=True, text=True, check=False).stdout
        forms |= {w.strip().lower() for w in out.splitlines() if w.strip().isalpha()}
    return {f.lower() for f in forms if 1 < len(f) <= 30}


def count(forms: set[str]) -> Counter[str]:
    c: Counter[str] = Counter()
    for w in forms:
        s = BOUNDARY * 2 + w + END
        for i in range(2, len(s)):
            c[s[i - 2 : i + 1]] += 1
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "corpus" / "lexicon" / "chars.tsv.gz")
    args = ap.parse_args(argv)
    forms = swedish_forms()
    trigrams = count(forms)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(f"#forms\t{len(forms)}\n")
        for tri, n in sorted(trigrams.items()):
            fh.write(f"{tri}\t{n}\n")
    print(f"{args.out.name}: {len(trigrams)} letter trigrams from {len(forms)} forms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
