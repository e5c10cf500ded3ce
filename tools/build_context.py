#!/usr/bin/env python3
"""Build the shipped word-bigram context model (``corpus/context/``).

Why only part of the bigrams: the repair engine asks the model to choose among
forms sharing a fold key (här/har, våra/vara), so only bigrams with such an
*ambiguous* form on one side are ever needed.  Per-word counts (total, distinct
followers, distinct predecessors) are kept for every word in those bigrams,
for Witten-Bell smoothing.

Rare forms borrow statistics from hand-listed stand-ins (``corpus/context/proxies.tsv``,
pooled as ``≈form``), and every head also gets counts of its neighbours' suffix
classes (``brochure_extract.context.Classifier``).

Corpus: prose sentences from the Debian packages listed in ``swedish_text.ALLOWED``
(libreoffice-help-sv, cfi-sv, the Swedish pages of gnome-user-docs, manpages-sv,
debian-edu-doc-legacy-sv, lifelines-doc-sv; licences in ``corpus/README.md``),
extracted by ``tools/swedish_text.py``,
plus ``corpus/prose/``: Swedish prose written for this project (MIT).  The shipped
lexicon must be built first (``python tools/build_lexicon.py``).

Usage: ``python tools/build_context.py [--out corpus/context] [--sentences FILE]``
"""
from __future__ import annotations

import argparse
import re
import gzip
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))

from brochure_extract.context import (  # noqa: E402
    BOS,
    NUM,
    CLASS_MIN_ZIPF,
    SUFFIX_LEN,
    EOS,
    FORMAT_VERSION,
    PROXY,
    Classifier,
    number_or_word,
)
from brochure_extract.lexicon import FOREIGN, WORD, Lexicon, fold  # noqa: E402
from swedish_text import ALLOWED, WORD as WORD_RE, extract, sentences  # noqa: E402

#: A form counts towards ambiguity only if it is at least this frequent.
MIN_ZIPF = 2.5
#: A stand-in contributes at most this many tokens to its pooled class.
POOL_CAP = 300
PROXIES = REPO / "corpus" / "context" / "proxies.tsv"


def ambiguous_forms(lex: Lexicon, min_zipf: float = MIN_ZIPF) -> set[str]:
    """Forms of keys with >= 2 frequent forms, at least one with a diacritic."""
    out: set[str] = set()
    for _key, group in lex.iter_groups():
        good = [w for w, z, f in group if f & WORD and not f & FOREIGN and z >= min_zipf]
        if len(good) >= 2 and any(fold(w) != w for w in good):
            out.update(good)
    return out


def read_proxies(path: Path = PROXIES) -> dict[str, list[str]]:
    """form -> stand-ins, from the hand-written grammar table."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            form, *rest = line.split()
            out[form] = rest
    return out


_TOKEN = re.compile(WORD_RE.pattern + r"|\d+(?:[.,:]\d+)*")


def tokens(sentence: str) -> list[str]:
    """Lowercase words; every number, in digits or spelled out, is the one token ``<num>``
    (``år 2030``, ``kl. 10``, ``tjugofem år``)."""
    return [BOS, *(NUM if w[:1].isdigit() else number_or_word(w.lower()) for w in _TOKEN.findall(sentence)), EOS]


def count(sentences: Iterable[str]) -> tuple[Counter, Counter, int]:
    uni: Counter = Counter()
    bi: Counter = Counter()
    for sent in sentences:
        toks = tokens(sent)
        uni.update(toks)
        bi.update(zip(toks, toks[1:]))
    return uni, bi, sum(uni.values())


#: A word between two neighbours is kept when its fold key's forms were seen there this often.
TRIGRAM_MIN = 2


def head_trigrams(sentences: Iterable[str], heads: set[str]) -> Counter:
    """(previous word, head, next word) counts, for the neighbour pairs where the head's fold key
    was seen at least :data:`TRIGRAM_MIN` times: 'den här gröna' against 'vi har gröna'."""
    tri: Counter = Counter()
    for sent in sentences:
        toks = tokens(sent)
        for a, h, b in zip(toks, toks[1:], toks[2:]):
            if h in heads:
                tri[(a, h, b)] += 1
    by_key: Counter = Counter()
    for (a, h, b), c in tri.items():
        by_key[(a, fold(h), b)] += c
    return Counter({k: c for k, c in tri.items() if by_key[(k[0], fold(k[1]), k[2])] >= TRIGRAM_MIN})


def own_prose() -> list[str]:
    """Sentences of ``corpus/prose/*.txt``: Swedish prose written for this project (MIT)."""
    out: list[str] = []
    for path in sorted((REPO / "corpus" / "prose").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            out.extend(sentences(" ".join(para.split())))
    return out


def package_versions() -> dict[str, str]:
    out = {}
    for pkg in ALLOWED:
        res = subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg],
                             capture_output=True, text=True)
        out[pkg] = res.stdout.strip() or "not installed"
    return out


def head_bigrams(bi: Counter, uni: Counter, heads: set[str],
                 proxies: dict[str, list[str]]) -> Counter:
    """Word bigrams touching a head, plus pooled ``≈form`` bigrams of the stand-ins."""
    out: Counter = Counter({k: c for k, c in bi.items() if k[0] in heads or k[1] in heads})
    by_word: dict[str, list[tuple[tuple[str, str], int]]] = {}
    wanted = {p for ps in proxies.values() for p in ps}
    for (a, b), c in bi.items():
        for w in (a, b):
            if w in wanted:
                by_word.setdefault(w, []).append(((a, b), c))
    for form, stand_ins in proxies.items():
        pooled: Counter = Counter()
        for p in stand_ins:
            scale = min(1.0, POOL_CAP / max(1, uni[p]))
            for (a, b), c in by_word.get(p, ()):
                if a == p:
                    pooled[(PROXY + form, b)] += c * scale
                if b == p:
                    pooled[(a, PROXY + form)] += c * scale
        out.update({k: round(v) for k, v in pooled.items() if round(v) > 0})
    return out


def class_bigrams(words: Counter, heads: set[str], classify) -> Counter:
    """(head, class(next)) and (class(prev), head) counts from head bigrams."""
    out: Counter = Counter()
    for (a, b), c in words.items():
        if a in heads:
            cb = classify(b)
            if cb != b:
                out[(a, cb)] += c
        if b in heads:
            ca = classify(a)
            if ca != a:
                out[(ca, b)] += c
    return out


def head_stats(words: Counter, classes: Counter, heads: set[str]) -> dict[str, list[int]]:
    """head -> [n_next, n_prev, next word types, next class types, prev word types,
    prev class types] for Witten-Bell smoothing."""
    st = {h: [0, 0, 0, 0, 0, 0] for h in heads}
    for (a, b), c in words.items():
        if a in st:
            st[a][0] += c
            st[a][2] += 1
        if b in st:
            st[b][1] += c
            st[b][4] += 1
    for (a, b), _ in classes.items():
        if a in st:
            st[a][3] += 1
        if b in st:
            st[b][5] += 1
    return {h: v for h, v in st.items() if v[0] or v[1]}


def class_mass(lex: Lexicon, classify) -> dict[str, float]:
    """Total unigram probability of each suffix class (over wordfreq's forms)."""
    import wordfreq

    mass: Counter = Counter()
    for word in wordfreq.get_frequency_dict("sv", wordlist="large"):
        z = lex.zipf(word)
        if z > 0:
            c = classify(word)
            if c != word:
                mass[c] += 10.0 ** (z - 9.0)
    return dict(mass)


def write_gz(path: Path, lines: Iterable[str]) -> None:
    """gzip with a zero timestamp, so a rebuild from the same inputs is byte-identical."""
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as fh:
        fh.write("".join(lines).encode("utf-8"))


def write(out: Path, uni: Counter, bi: Counter, total: int, lex: Lexicon,
          proxies: dict[str, list[str]], meta: dict, sents: Iterable[str] = ()) -> dict:
    amb = ambiguous_forms(lex)
    proxies = {f: ps for f, ps in proxies.items() if f in amb}
    heads = amb | {PROXY + f for f in proxies}
    classify = Classifier(lex)
    words = head_bigrams(bi, uni, heads, proxies)
    classes = class_bigrams(words, heads, classify)
    stats = head_stats(words, classes, heads)
    mass = class_mass(lex, classify)
    mass[BOS] = mass[EOS] = uni[EOS] / total
    out.mkdir(parents=True, exist_ok=True)
    write_gz(out / "bigrams.tsv.gz",
             (f"{a}\t{b}\t{c}\n" for (a, b), c in sorted((words + classes).items())))
    write_gz(out / "heads.tsv.gz",
             (h + "".join(f"\t{v}" for v in stats[h]) + "\n" for h in sorted(stats)))
    write_gz(out / "classes.tsv.gz", (f"{c}\t{mass[c]:.4g}\n" for c in sorted(mass)))
    tri = head_trigrams(sents, amb)
    write_gz(out / "trigrams.tsv.gz", (f"{a}\t{h}\t{b}\t{c}\n" for (a, h, b), c in sorted(tri.items())))
    meta.update(format=FORMAT_VERSION, tokens=total, sentences=uni[EOS],
                bigrams_total=len(bi), word_bigrams_kept=len(words),
                class_bigrams_kept=len(classes), heads=len(stats), ambiguous_forms=len(amb),
                proxy_classes=len(proxies), classes=len(mass), min_zipf=MIN_ZIPF,
                class_min_zipf=CLASS_MIN_ZIPF, suffix_len=SUFFIX_LEN, pool_cap=POOL_CAP,
                head_trigrams_kept=len(tri), trigram_min=TRIGRAM_MIN)
    (out / "context.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return meta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "corpus" / "context")
    ap.add_argument("--sentences", type=Path,
                    help="also write the extracted sentences here (for review)")
    ap.add_argument("--proxies", type=Path, default=PROXIES)
    args = ap.parse_args(argv)
    lex = Lexicon.default()
    sents: list[str] = []
    per_pkg = {}
    for pkg in ALLOWED:
        got = list(extract(pkg, lex))
        per_pkg[pkg] = len(got)
        sents.extend(got)
    own = own_prose()
    sents.extend(own)
    if args.sentences:
        args.sentences.write_text("\n".join(sents) + "\n", encoding="utf-8")
    uni, bi, total = count(sents)
    meta = {"sources": {p: {"version": v, "sentences": per_pkg[p]}
                        for p, v in package_versions().items()}}
    meta["sources"]["corpus/prose"] = {"version": "written for this project (MIT)", "sentences": len(own)}
    meta = write(args.out, uni, bi, total, lex, read_proxies(args.proxies), meta, sents)
    print(json.dumps(meta, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
