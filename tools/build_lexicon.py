#!/usr/bin/env python3
"""Build the shipped Swedish lexicon (``corpus/lexicon/``) from wordfreq and hunspell-sv.

Why a build step: the runtime must not depend on wordfreq, hunspell or ``unmunch``
and must load in a fraction of a second, so the ~1M expanded hunspell forms and
the wordfreq list are merged once here into two compact files that
``brochure_extract.lexicon`` reads:

* ``groups.tsv.gz`` -- every form of every fold key (see ``lexicon.fold``) that has
  at least one form with a letter ``fold`` changes (å ä ö é ü ...), one line per
  key: ``key<TAB>form zipf flags<TAB>...`` sorted by key, forms best first.
* ``forms.bin`` -- all other forms as 48-bit hashes (bucketed by their top 16
  bits, low 32 bits stored) with a 16-bit info word (zipf*20 << 8 | flags).
* ``lexicon.json`` -- manifest: sources, versions, counts, format version.

Needs (build time only): the PyPI packages ``wordfreq`` and ``hunspell-sv``,
Debian ``hunspell-tools`` (``unmunch``) and optionally Debian ``hunspell-sv``.

Usage: ``python tools/build_lexicon.py [--out corpus/lexicon]``
"""
from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import math
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from brochure_extract.lexicon import (  # noqa: E402
    C_FIRST,
    C_LAST,
    C_MIDDLE,
    COMMON,
    FOREIGN,
    FORMAT_VERSION,
    HUNSPELL,
    HUNSPELL_FLOOR,
    PROPER,
    WORD,
    fold,
    form_hash,
)

#: A usable form: letters, optionally joined by single internal hyphens.
FORM_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
#: Forms spelled with the Swedish alphabet only (é is common in loans: idé, armé).
SWEDISH_RE = re.compile(r"^[a-zåäöé]+(?:-[a-zåäöé]+)*$")
DEBIAN_HUNSPELL = Path("/usr/share/hunspell")  # Debian's standard location


@dataclass
class AffixInfo:
    """What the build needs from an .aff file: compound flags and joint suffixes."""

    flags: dict[str, str] = field(default_factory=dict)  # directive -> flag char
    sfx: dict[str, list[tuple[str, str, re.Pattern[str], str]]] = field(default_factory=dict)

    def joint_flags(self) -> dict[str, str]:
        """Suffix flags whose forms exist only inside compounds -> 'first'/'middle'."""
        only = self.flags.get("ONLYINCOMPOUND")
        out: dict[str, str] = {}
        for flag, rules in self.sfx.items():
            conts = [r[3] for r in rules]
            if only and any(only in c for c in conts):
                begin = self.flags.get("COMPOUNDBEGIN", "\0")
                out[flag] = "first" if any(begin in c for c in conts) else "middle"
        return out


def parse_aff(path: Path) -> AffixInfo:
    info = AffixInfo()
    keys = {"ONLYINCOMPOUND", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND",
            "FORBIDDENWORD", "NEEDAFFIX", "COMPOUNDPERMITFLAG"}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in keys:
            info.flags[parts[0]] = parts[1]
        elif len(parts) >= 5 and parts[0] == "SFX":
            flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
            add, _, cont = add.partition("/")
            strip = "" if strip == "0" else strip
            add = "" if add == "0" else add
            info.sfx.setdefault(flag, []).append((strip, add, re.compile(f"(?:{cond})$"), cont))
    return info


def read_dic(path: Path) -> list[tuple[str, str]]:
    """(stem, flags) for each single-word entry of a .dic file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        line = line.strip()
        if not line or " " in line or "\t" in line:
            continue
        stem, _, flags = line.partition("/")
        out.append((stem, flags))
    return out


def unmunch(entries: list[tuple[str, str]], aff: Path) -> set[str]:
    """Expand (stem, flags) entries with hunspell's ``unmunch``."""
    with tempfile.TemporaryDirectory() as tmp:
        dic = Path(tmp) / "x.dic"
        lines = [f"{s}/{f}" if f else s for s, f in entries]
        dic.write_text(f"{len(lines)}\n" + "\n".join(lines) + "\n", encoding="utf-8")
        res = subprocess.run(["unmunch", str(dic), str(aff)], capture_output=True, check=True)
    return {w for w in res.stdout.decode("utf-8", "replace").split("\n") if FORM_RE.match(w)}


@dataclass
class HunspellForms:
    standalone: set[str]
    first: set[str]
    middle: set[str]
    last: set[str]


def expand_hunspell(dic: Path, aff: Path) -> HunspellForms:
    """Standalone forms plus compound first/middle/last forms of one dictionary."""
    info = parse_aff(aff)
    joint = info.joint_flags()
    forbidden = info.flags.get("FORBIDDENWORD", "\0")
    fl = {k: info.flags.get(k, "\0") for k in ("COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND")}
    entries = [(s, f) for s, f in read_dic(dic) if forbidden not in f]
    plain = [(s, "".join(c for c in f if c not in joint)) for s, f in entries]
    standalone = unmunch(plain, aff)
    last = unmunch([e for e in plain if fl["COMPOUNDEND"] in e[1]], aff)
    first: set[str] = set()
    middle: set[str] = set()
    for stem, flags in entries:
        if fl["COMPOUNDBEGIN"] in flags:
            first.add(stem)
        if fl["COMPOUNDMIDDLE"] in flags:
            middle.add(stem)
        for flag in flags:
            kind = joint.get(flag)
            if not kind:
                continue
            for strip, add, cond, _ in info.sfx[flag]:
                if cond.search(stem) and stem.endswith(strip):
                    form = stem[: len(stem) - len(strip)] + add
                    (first if kind == "first" else middle).add(form)
                    break
    keep = lambda s: {w for w in s if FORM_RE.match(w)}  # noqa: E731
    return HunspellForms(keep(standalone), keep(first), keep(middle), keep(last))


def hunspell_sources(debian: Path | None) -> list[tuple[str, Path, Path]]:
    share = Path(sys.prefix) / "share" / "hunspell"
    out = []
    for name in ("sv_SE", "sv_SE_expanded"):
        if (share / f"{name}.dic").exists():
            out.append((f"pypi:hunspell-sv/{name}", share / f"{name}.dic", share / f"{name}.aff"))
    if not out:
        sys.exit(f"hunspell-sv (PyPI) not found under {share}: pip install hunspell-sv")
    if debian and (debian / "sv_SE.dic").exists():
        out.append(("debian:hunspell-sv/sv_SE", debian / "sv_SE.dic", debian / "sv_SE.aff"))
    return out


def collect(debian: Path | None) -> tuple[dict[str, list[float]], dict]:
    """form -> [zipf, flags] merged over all sources, plus manifest facts."""
    import wordfreq

    table: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    stats: dict = {"sources": {}}
    for word, freq in wordfreq.get_frequency_dict("sv", wordlist="large").items():
        if FORM_RE.match(word):
            rec = table[word.lower()]
            rec[0] = max(rec[0], round(math.log10(freq) + 9, 2))
            rec[1] |= WORD
    stats["sources"]["wordfreq"] = {"version": importlib.metadata.version("wordfreq"),
                                    "forms": len(table)}
    for name, dic, aff in hunspell_sources(debian):
        forms = expand_hunspell(dic, aff)
        for w in forms.standalone:
            rec = table[w.lower()]
            rec[1] |= WORD | HUNSPELL | (PROPER if w[:1].isupper() else COMMON)
        for bit, group in ((C_FIRST, forms.first), (C_MIDDLE, forms.middle), (C_LAST, forms.last)):
            for w in group:
                table[w.lower()][1] |= bit
        stats["sources"][name] = {"standalone": len(forms.standalone), "first": len(forms.first),
                                  "middle": len(forms.middle), "last": len(forms.last)}
    stats["sources"]["pypi:hunspell-sv"] = {"version": importlib.metadata.version("hunspell-sv")}
    for form, rec in table.items():
        if rec[1] & HUNSPELL and rec[0] < HUNSPELL_FLOOR:
            rec[0] = HUNSPELL_FLOOR
        if not rec[1] & HUNSPELL and not SWEDISH_RE.match(form):
            rec[1] |= FOREIGN
    return table, stats


def write_gz(path: Path, text: str) -> None:
    """gzip with a zero timestamp, so a rebuild from the same inputs is byte-identical."""
    with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as fh:
        fh.write(text.encode("utf-8"))


def write_groups(path: Path, groups: dict[str, list[tuple[str, float, int]]]) -> None:
    lines = []
    for key in sorted(groups):
        forms = sorted(groups[key], key=lambda r: (-r[1], r[0]))
        lines.append(key + "".join(f"\t{w} {z:.2f} {f}" for w, z, f in forms))
    write_gz(path, "\n".join(lines) + "\n")


def write_forms(path: Path, rows: list[tuple[str, float, int]]) -> None:
    """Bucketed 48-bit hashes; see ``lexicon._FormTable`` for the reader."""
    from array import array

    items = sorted({(form_hash(w), min(255, round(z * 20)) << 8 | f) for w, z, f in rows})
    counts = array("I", [0] * 65537)
    lows, infos = array("I"), array("H")
    last = None
    for h, info in items:
        if h == last:  # a 48-bit collision: keep the first, it only merges two entries
            continue
        last = h
        counts[(h >> 32) + 1] += 1
        lows.append(h & 0xFFFFFFFF)
        infos.append(info)
    for i in range(1, 65537):
        counts[i] += counts[i - 1]
    if sys.byteorder != "little":
        for a in (counts, lows, infos):
            a.byteswap()
    with open(path, "wb") as fh:
        fh.write(b"BXLEX1\0\0" + len(lows).to_bytes(8, "little"))
        fh.write(counts.tobytes() + lows.tobytes() + infos.tobytes())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "corpus" / "lexicon")
    ap.add_argument("--debian", type=Path, default=DEBIAN_HUNSPELL,
                    help="directory of Debian's sv_SE.dic/.aff ('' to skip)")
    args = ap.parse_args(argv)
    table, stats = collect(args.debian if str(args.debian) else None)
    by_key: dict[str, list[tuple[str, float, int]]] = defaultdict(list)
    for w, (z, f) in table.items():
        by_key[fold(w)].append((w, z, int(f)))
    groups = {k: v for k, v in by_key.items() if any(fold(w) != w for w, _, _ in v)}
    rest = [r for k, v in by_key.items() if k not in groups for r in v]
    args.out.mkdir(parents=True, exist_ok=True)
    write_groups(args.out / "groups.tsv.gz", groups)
    write_forms(args.out / "forms.bin", rest)
    stats.update(format=FORMAT_VERSION, forms=len(table), group_keys=len(groups),
                 group_forms=sum(len(v) for v in groups.values()), hashed_forms=len(rest))
    (args.out / "lexicon.json").write_text(json.dumps(stats, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps(stats, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
