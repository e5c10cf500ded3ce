"""The ``brochure-extract`` command: ``repair``, ``extract`` and ``batch``.

Errors a user can act on (missing file, binary data, a broken PDF) are printed as
one line naming the file and the problem, with exit status 2; never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import BrochureExtractError
from .textio import read_text, write_atomic

EXIT_INPUT_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT_ERROR
    try:
        return int(args.func(args) or 0)
    except BrochureExtractError as err:
        print(f"brochure-extract: error: {err}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        print("brochure-extract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="brochure-extract",
        description="Repair English-model OCR of Swedish text and extract brochure structure.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    r = sub.add_parser("repair", help="restore å/ä/ö in OCR text (stdin/stdout when no file)")
    r.add_argument("input", nargs="?", help="text file or PDF (its text layer); default: stdin")
    r.add_argument("-o", "--output", help="write the repaired text here (default: stdout)")
    r.add_argument("--reference", metavar="REF", help="a clean text of the same document, in any reading order")
    r.add_argument("--explain", action="store_true", help="list every change on stderr")
    r.add_argument("--json", action="store_true", help="print the text, edits and warnings as JSON")
    r.add_argument("--min-confidence", type=float, default=None, metavar="P",
                   help="only make changes at least this sure (0-1, default 0.5)")
    r.set_defaults(func=_cmd_repair)

    e = sub.add_parser("extract", help="segment a brochure (text or PDF) into structured data")
    e.add_argument("input", help="a .pdf, a text file, or - for stdin")
    e.add_argument("--reference", metavar="REF", help="a clean text of the same brochure, to repair OCR exactly")
    e.add_argument("--format", choices=("json", "jsonl", "markdown"), default="json")
    e.add_argument("-o", "--output", help="write here (default: stdout)")
    e.set_defaults(func=_cmd_extract)

    try:
        from .batch import add_batch_parser
    except ImportError:  # pragma: no cover - batch is part of the package
        pass
    else:
        add_batch_parser(sub)
    return p


def _cmd_repair(args: argparse.Namespace) -> int:
    from .repair import repair

    text = _read_text_or_pdf(args.input)
    reference = _read_text_or_pdf(args.reference) if args.reference else None
    result = repair(text, reference=reference, min_confidence=args.min_confidence)
    for warning in result.warnings:
        print(f"brochure-extract: warning: {warning}", file=sys.stderr)
    if args.explain and result.edits:
        print(result.explain(), file=sys.stderr)
    out = json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n" if args.json else result.text
    _write(args.output, out)
    return 0


def _read_text_or_pdf(path: str | None) -> str:
    """A text file, stdin, or the text layer of a PDF (see ``extract.read_text_or_pdf``)."""
    from .extract import read_text_or_pdf

    return read_text_or_pdf(path)


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract import extract, render

    reference = _read_text_or_pdf(args.reference) if args.reference else None
    source: str | Path
    if args.input == "-":
        source = read_text(None)
        if "\n" not in source:
            source += "\n"  # a one-line text must not be mistaken for a path
    else:
        source = Path(args.input)
    brochure = extract(source, reference=reference)
    _write(args.output, render(brochure, args.format))
    return 0


def _write(path: str | None, data: str) -> None:
    if path is None or path == "-":
        sys.stdout.write(data)
        sys.stdout.flush()
    else:
        write_atomic(path, data)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
