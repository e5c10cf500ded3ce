#!/usr/bin/env python3
"""Extract clean Swedish prose sentences from an installed Debian package's files.

Why: the context model needs running Swedish text with a licence we can cite.
Help pages and man pages are full of markup, UI labels, code and untranslated
English, so each candidate sentence must look like real Swedish prose: starts
with a capital, ends like a sentence, has enough words, almost all of them
known to hunspell, and at least one common Swedish function word.

Usage: ``python tools/swedish_text.py PACKAGE [--limit N]`` prints one sentence
a line (HTML pages, Mallard help pages under ``help/sv/`` and groff man pages
under ``man/sv/``).
"""
from __future__ import annotations

import argparse
import gzip
import html
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from brochure_extract.lexicon import Lexicon  # noqa: E402

#: Packages whose text may go into the shipped model (the others are reserved
#: for the development set and must never be read here).
ALLOWED = (
    "libreoffice-help-sv",
    "cfi-sv",
    "gnome-user-docs",  # multilingual: only its help/sv/ pages are read
    "manpages-sv",
    "debian-edu-doc-legacy-sv",
    "lifelines-doc-sv",
)
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: Very frequent Swedish function words; a sentence without any is rarely prose.
FUNCTION_WORDS = frozenset(
    "och att det som en på är av för med till den har de inte om ett kan du"
    " eller från vid när där så man vara ska måste alla här eftersom".split()
)
CODE_CHARS = re.compile(r"[{}<>=_\\|#$@;\[\]]|\w\(|::|//|\w\.\w{2,4}\b(?!\.)")
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"'»”])")
BLOCK_TAGS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "tr", "dd", "dt",
              # Mallard (GNOME help) blocks
              "title", "desc", "item", "note", "section", "page", "terms", "tree"}


def package_files(package: str) -> list[Path]:
    """Regular files installed by a Debian package (``dpkg -L``)."""
    if package not in ALLOWED:
        raise SystemExit(f"{package}: not an allowed source ({', '.join(ALLOWED)})")
    out = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True)
    return sorted(p for p in map(Path, out.stdout.split("\n")) if p.is_file())


class _BlockText(HTMLParser):
    """Collects the text of block elements, skipping scripts, code and UI chrome."""

    SKIP = {"script", "style", "code", "pre", "header", "aside", "nav", "button", "label",
            # Mallard metadata: credits, licences, link lists, commands
            "info", "credit", "license", "links", "cmd", "output", "screen", "sys"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._buf: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buf.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.blocks.append(text)
        self._buf = []


def html_blocks(path: Path) -> list[str]:
    parser = _BlockText()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    parser._flush()
    return parser.blocks


_GROFF_ESC = re.compile(r"\\f(?:\[[^\]]*\]|\(..|.)|\\[(](..)|\\\*(?:\[[^\]]*\]|\(..|.)|\\[&/,:%]")


def groff_blocks(path: Path) -> list[str]:
    """Paragraphs of a man page: text lines joined between paragraph macros."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
        lines = fh.read().splitlines()
    blocks, buf = [], []
    for line in lines:
        if line.startswith((".", "'")):
            macro = line[1:3].strip()
            if macro in {"B", "I", "BR", "IR", "RB", "RI", "BI", "IB"}:
                buf.append(" ".join(a.strip('"') for a in line.split()[1:]))
                continue
            if buf:
                blocks.append(" ".join(buf))
                buf = []
            continue
        text = _GROFF_ESC.sub("", line).replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ")
        buf.append(text)
    if buf:
        blocks.append(" ".join(buf))
    return [" ".join(b.split()) for b in blocks]


def sentences(block: str) -> Iterator[str]:
    yield from (s.strip() for s in SENT_SPLIT.split(block) if s.strip())


def is_prose(sentence: str, lex: Lexicon, min_words: int = 4) -> bool:
    """Looks like a real Swedish sentence (not code, a UI label or English)."""
    if not sentence[:1].isupper() or sentence[-1:] not in ".!?:":
        return False
    if CODE_CHARS.search(sentence):
        return False
    words = WORD.findall(sentence)
    if len(words) < min_words or len(words) > 80:
        return False
    lower = [w.lower() for w in words]
    if not FUNCTION_WORDS.intersection(lower):
        return False
    known = sum(1 for w in words if lex.in_hunspell(w) or lex.compound_parts(w))
    if known < 0.85 * len(words):
        return False
    caps = sum(1 for w in words[1:] if w[:1].isupper())
    return caps <= 0.5 * len(words)


def extract(package: str, lex: Lexicon | None = None) -> Iterator[str]:
    """Unique prose sentences from one package, in file order."""
    lex = lex or Lexicon.default()
    seen: set[str] = set()
    for path in package_files(package):
        name = path.name
        if package == "gnome-user-docs" and "/help/sv/" not in str(path):
            continue
        if name.endswith((".html", ".page")):
            blocks: Iterable[str] = html_blocks(path)
        elif "/man/" in str(path) and (name.endswith(".gz") or name[-1:].isdigit()):
            blocks = groff_blocks(path)
        else:
            continue
        for block in blocks:
            for sent in sentences(html.unescape(block)):
                if sent not in seen and is_prose(sent, lex):
                    seen.add(sent)
                    yield sent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("package", choices=ALLOWED)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    for i, sent in enumerate(extract(args.package), 1):
        print(sent)
        if args.limit and i >= args.limit:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
