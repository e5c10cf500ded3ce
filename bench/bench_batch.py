#!/usr/bin/env python3
"""Benchmark ``brochure-extract batch`` on a generated archive of brochure PDFs.

Generates ~100 PDFs (reportlab, 1-3 pages of Swedish text with English-OCR damage,
built from the seed OCR text), runs the batch with 1 and with 2 worker processes, and
prints a markdown table: files/s, pages/s, peak RSS per worker, and how much of the
work is reading the PDF (``read_pdf``, i.e. pdfplumber plus layout analysis, from the
manifest timings; and bare ``pdfplumber`` word extraction timed on its own).

``--big-text-mb N`` instead checks a single N MB text file: time and peak RSS of the
chunked, streamed path (memory should not grow with N).

Usage:  PYTHONPATH=src python bench/bench_batch.py [--files 100] [--jobs 1,2] [--keep DIR]
        PYTHONPATH=src python bench/bench_batch.py --big-text-mb 100
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from brochure_extract.batch import run_batch  # noqa: E402
from brochure_extract.manifest import MANIFEST_NAME, read_manifest  # noqa: E402

SEED = ROOT / "corpus" / "seed_brochure_ocr.txt"


def seed_paragraphs() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    paras = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    return [p for p in paras if len(p) > 40]


def make_archive(root: Path, n_files: int, seed: int = 7) -> int:
    """Write ``n_files`` PDFs under ``root`` (in a few sub-folders); return the page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # Text in a font renamed to ocrmypdf's "GlyphLessFont" after writing (same byte
    # length, so the xref stays valid): read_pdf then sees an OCR text layer, which
    # the pipeline repairs, as it would for a scanned archive.
    pdfmetrics.registerFont(TTFont("OcrLayer", "Vera.ttf"))
    pdfmetrics.registerFont(TTFont("OcrLayerBold", "VeraBd.ttf"))
    rng = random.Random(seed)
    paras = seed_paragraphs()
    pages_total = 0
    width, height = A4
    for i in range(n_files):
        path = root / f"box{i % 5}" / f"brochure_{i:03d}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        c = canvas.Canvas(str(path), pagesize=A4)
        n_pages = rng.choice((1, 1, 2, 2, 3))
        for page in range(n_pages):
            y = height - 72
            c.setFont("OcrLayerBold", 18)
            c.drawString(72, y, f"Broschyr {i} - sida {page + 1}")
            y -= 30
            while y > 120:
                para = rng.choice(paras)
                c.setFont("OcrLayerBold", 12)
                c.drawString(72, y, " ".join(para.split()[:4]))
                y -= 18
                c.setFont("OcrLayer", 10)
                for line in simpleSplit(para, "OcrLayer", 10, width - 144):
                    if y < 72:
                        break
                    c.drawString(72, y, line)
                    y -= 13
                y -= 10
            c.showPage()
        c.save()
        data = path.read_bytes()
        for name in (b"BitstreamVeraSans-Roman", b"BitstreamVeraSans-Bold"):
            data = data.replace(name, b"GlyphLessFont".ljust(len(name)))
        path.write_bytes(data)
        pages_total += n_pages
    return pages_total


class RssSampler:
    """Peak RSS per process (this one and its children), sampled every 20 ms."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.me, *self.me.children(recursive=True)]
            except psutil.Error:
                procs = [self.me]
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                self.peak[p.pid] = max(self.peak.get(p.pid, 0), rss)
            time.sleep(0.02)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def bare_pdfplumber_seconds(paths: list[Path], dedupe: bool) -> float:
    """pdfplumber alone, with the calls ``read_pdf`` makes (``dedupe_chars`` optional)."""
    import pdfplumber

    t = time.perf_counter()
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                src = page.dedupe_chars() if dedupe else page
                src.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance=2.0)
    return time.perf_counter() - t


def have(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(f"brochure_extract.{module}") is not None


def bench_archive(args: argparse.Namespace) -> None:
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_batch_"))
    src = work / "in"
    if src.exists():
        shutil.rmtree(src)
    t = time.perf_counter()
    pages = make_archive(src, args.files)
    print(f"generated {args.files} PDFs, {pages} pages in {time.perf_counter() - t:.1f} s under {src}", file=sys.stderr)
    formats = ("text", "edits", "json") if have("extract") else ("text", "edits")
    if "json" not in formats:
        print("note: brochure_extract.extract is missing: measuring PDF -> text+edits only", file=sys.stderr)
    paths = sorted(src.rglob("*.pdf"))
    bare = bare_pdfplumber_seconds(paths, dedupe=False)
    bare_dedupe = bare_pdfplumber_seconds(paths, dedupe=True)

    rows = []
    for jobs in [int(j) for j in args.jobs.split(",")]:
        out = work / f"out_j{jobs}"
        if out.exists():
            shutil.rmtree(out)
        with RssSampler() as rss:
            s = run_batch(src, out, jobs=jobs, formats=formats, progress=False)
        recs = list(read_manifest(out / MANIFEST_NAME)[0].values())
        assert not s.failed, s.failed
        tim: dict[str, float] = {}
        for r in recs:
            for k, v in r["timings"].items():
                tim[k] = tim.get(k, 0.0) + v
        worker_pids = {r["worker"] for r in recs}
        worker_peaks = [rss.peak[p] for p in worker_pids if p in rss.peak]
        rows.append({
            "jobs": jobs, "files": len(s.done), "pages": s.pages, "wall_s": s.elapsed_s,
            "files_s": len(s.done) / s.elapsed_s, "pages_s": s.pages / s.elapsed_s,
            "rss_mb": max(worker_peaks) / 2**20 if worker_peaks else float("nan"),
            "read_share": tim.get("read_s", 0) / tim["total_s"],
            "structure_share": tim.get("structure_s", 0) / tim["total_s"],
            "repair_share": tim.get("repair_s", 0) / tim["total_s"],
            "cpu_s": tim["total_s"],
        })
        # A rerun must do no work.
        t = time.perf_counter()
        again = run_batch(src, out, jobs=jobs, formats=formats, progress=False)
        rows[-1]["rerun_s"] = time.perf_counter() - t
        assert not again.done and len(again.skipped) == len(s.done)

    serial = next((r for r in rows if r["jobs"] == 1), rows[0])
    print(f"\nArchive: {args.files} PDFs, {pages} pages; formats {','.join(formats)}; "
          f"{os.cpu_count()} CPUs (shared machine: numbers are indicative)\n")
    print("| jobs | files/s | pages/s | wall s | rerun s | peak RSS/worker MB | read_pdf share | extract share | repair share |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['jobs']} | {r['files_s']:.2f} | {r['pages_s']:.2f} | {r['wall_s']:.1f} | {r['rerun_s']:.2f} | "
              f"{r['rss_mb']:.0f} | {r['read_share']:.0%} | {r['structure_share']:.0%} | {r['repair_share']:.0%} |")
    print(f"\npdfplumber alone over the archive (serial): extract_words {bare:.1f} s "
          f"({bare / serial['wall_s']:.0%} of the 1-worker wall time); dedupe_chars + extract_words on every "
          f"page, {bare_dedupe:.1f} s ({bare_dedupe / serial['wall_s']:.0%}); read_pdf runs dedupe_chars only "
          f"on pages that print glyphs twice.")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def bench_big_text(args: argparse.Namespace) -> None:
    """One big text file through the chunked path; report time and peak RSS."""
    import resource

    work = Path(tempfile.mkdtemp(prefix="bench_bigtext_"))
    src = work / "in"
    src.mkdir()
    paras = SEED.read_text(encoding="utf-8").split("\n\n")
    rng = random.Random(3)
    target = int(args.big_text_mb * 2**20)
    written = 0
    with (src / "big.txt").open("w", encoding="utf-8") as fh:
        while written < target:
            chunk = "\n\n".join(rng.choice(paras) for _ in range(50)) + "\n\n"
            fh.write(chunk)
            written += len(chunk.encode("utf-8"))
    size = (src / "big.txt").stat().st_size
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    s = run_batch(src, work / "out", progress=not args.no_progress, formats=("text", "edits"))
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rec = next(iter(read_manifest(work / "out" / MANIFEST_NAME)[0].values()))
    print("| file MB | status | chunks | edits | wall s | MB/s | peak RSS MB (before run) |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {size / 2**20:.0f} | {rec['status']} | {rec.get('chunks')} | {rec.get('edits')} | {wall:.0f} | "
          f"{size / 2**20 / wall:.2f} | {peak / 1024:.0f} ({before / 1024:.0f}) |")
    assert not s.failed, s.failed
    shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--jobs", default="1,2", help="comma list of worker counts")
    ap.add_argument("--keep", help="work in this folder and keep it")
    ap.add_argument("--big-text-mb", type=float, help="instead: time one text file of this size")
    ap.add_argument("--no-progress", action="store_true")
    args = ap.parse_args()
    if args.big_text_mb:
        bench_big_text(args)
    else:
        bench_archive(args)


if __name__ == "__main__":
    main()
