"""Build ``corpus/lexicon/english.txt``: common English words that are not common Swedish.

Why: brochures mix in English (project titles such as "Energy planning for public
buildings"), and English ``for``/``an``/``far`` must not become ``för``/``än``/``får``.
The repair leaves a word alone when most words of its line are on this list.

Source (build time only): ``wordfreq`` top 4,000 English words, kept when their English
frequency exceeds their Swedish one by more than 1 zipf.

Usage: ``python tools/build_english.py``
"""
from __future__ import annotations

from pathlib import Path

import wordfreq

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    words = [
        w for w in wordfreq.top_n_list("en", 4000)
        if w.isalpha() and len(w) > 1 and wordfreq.zipf_frequency(w, "en") > wordfreq.zipf_frequency(w, "sv") + 1.0
    ]
    out = ROOT / "corpus" / "lexicon" / "english.txt"
    out.write_text("\n".join(sorted(words)) + "\n", encoding="utf-8")
    print(f"{out.name}: {len(words)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
