"""Batch-clean a folder of PDFs and text files: ``brochure-extract batch IN_DIR -o OUT_DIR``.

For each ``*.pdf``/``*.txt`` under ``IN_DIR`` (recursively) the outputs mirror the input
tree: ``NAME.txt`` (repaired text), ``NAME.edits.json`` (every edit, for audit) and
``NAME.json`` (the brochure structure). ``OUT_DIR/manifest.jsonl`` gets one line per
file and run: status (done/skipped/failed), error, timings, input sha256, library version.

Built for archives that take hours:

* resumable - a rerun skips files done with the same input hash, reference, formats,
  library version and code/data fingerprint, and redoes the rest (failed files are
  retried);
* crash-safe - outputs are written atomically and each manifest line is fsynced, so
  a killed run never leaves half a file;
* one broken file never stops the batch - it is ``failed`` with a one-line reason;
  an empty file is a failure too ("empty file"), because an archivist wants to hear
  about it, not find an empty output;
* text files over ``large_text_bytes`` are repaired in paragraph chunks and streamed
  (memory stays bounded); they get text and edits but no structure;
* parallel - worker processes (``jobs``) or a Dask cluster (``engine="dask"``) run the
  same per-file function (:func:`brochure_extract.batch_worker.process_file`); a worker
  that dies (segfault, OOM kill) fails only the file it was on;
* one run per output folder - ``OUT_DIR/.manifest.jsonl.lock`` is held while running.

Like ``extract``, a PDF's text layer is repaired when it is an OCR layer (or a reference
is given) and kept as is when the PDF is born-digital; the manifest says which
(``text_layer``, ``repaired``).
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import functools
import hashlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .batch_worker import (
    DEFAULT_LARGE_TEXT_BYTES,
    OUTPUT_SUFFIXES,
    Backends,
    FileTask,
    init_worker,
    os_error_problem,
    process_file,
    sha256_file,
)
from .errors import InputError
from .manifest import MANIFEST_NAME, ManifestWriter, read_manifest

__all__ = [
    "BatchSummary",
    "Backends",
    "run_batch",
    "add_batch_parser",
    "run_batch_command",
    "discover_inputs",
    "FORMATS",
]

FORMATS = ("text", "edits", "json")
INPUT_SUFFIXES = {".pdf": "pdf", ".txt": "txt"}
CRASHED = "worker process crashed while processing this file (killed, or out of memory)"


@dataclass
class BatchSummary:
    """What a run did. ``failed`` and ``warnings`` are (input, reason) pairs."""

    in_dir: str
    out_dir: str
    total: int = 0
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    pages: int = 0
    elapsed_s: float = 0.0
    manifest: str = ""
    manifest_bad_lines: int = 0
    stale_temps_removed: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def exit_code(self) -> int:
        """0 when every file is done or skipped, 1 when any failed."""
        return 0 if self.ok else 1

    def format(self) -> str:
        """The end-of-run report: counts, then every failure with its reason."""
        rate = len(self.done) / self.elapsed_s if self.elapsed_s > 0 else 0.0
        lines = [
            f"batch: {self.total} files in {self.elapsed_s:.1f} s: {len(self.done)} done, "
            f"{len(self.skipped)} skipped (already done), {len(self.failed)} failed"
            + (f"; {rate:.2f} files/s" if self.done else ""),
        ]
        if self.manifest_bad_lines:
            lines.append(f"  note: ignored {self.manifest_bad_lines} unreadable manifest line(s) from an earlier run")
        if self.failed:
            lines.append("failed:")
            lines.extend(f"  {rel}: {why}" for rel, why in sorted(self.failed))
        if self.warnings:
            lines.append("warnings:")
            lines.extend(f"  {rel}: {why}" for rel, why in self.warnings[:50])
            if len(self.warnings) > 50:
                lines.append(f"  ... and {len(self.warnings) - 50} more (see the manifest)")
        lines.append(f"manifest: {self.manifest}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "in_dir": self.in_dir,
            "out_dir": self.out_dir,
            "total": self.total,
            "done": list(self.done),
            "skipped": list(self.skipped),
            "failed": [{"input": r, "error": e} for r, e in self.failed],
            "warnings": [{"input": r, "warning": w} for r, w in self.warnings],
            "pages": self.pages,
            "elapsed_s": round(self.elapsed_s, 3),
            "manifest": self.manifest,
        }


def discover_inputs(in_dir: Path, exclude: Path | None = None) -> list[Path]:
    """Every ``*.pdf``/``*.txt`` under ``in_dir`` (any case), sorted, skipping ``exclude``."""
    found: list[Path] = []
    excl = exclude.resolve() if exclude is not None else None
    for root, dirs, files in os.walk(in_dir):
        rootp = Path(root)
        if excl is not None:
            dirs[:] = [d for d in dirs if (rootp / d).resolve() != excl]
        dirs.sort()
        for name in sorted(files):
            if name.startswith(".") and name.endswith(".tmp"):
                continue
            if Path(name).suffix.lower() in INPUT_SUFFIXES:
                found.append(rootp / name)
    return sorted(found, key=lambda p: p.relative_to(in_dir).as_posix())


def _output_bases(rels: list[str]) -> dict[str, str]:
    """Output path (relative, without suffix) per input: ``a/b.pdf`` -> ``a/b``.

    Inputs whose outputs would collide (``b.pdf`` beside ``b.txt``, or ``x.txt`` beside
    ``x.edits.txt``) keep their whole name instead (``b.pdf.txt``), and if even that
    collides, a short hash of the input path is added.
    """

    def outputs(base: str) -> list[str]:
        return [base + s for s in OUTPUT_SUFFIXES.values()]

    bases = {rel: rel[: -len(Path(rel).suffix)] for rel in rels}
    for _ in range(2):
        claims: dict[str, list[str]] = {}
        for rel, base in bases.items():
            for out in outputs(base):
                claims.setdefault(out.lower(), []).append(rel)
        clashing = {rel for owners in claims.values() if len(owners) > 1 for rel in owners}
        if not clashing:
            return bases
        for rel in clashing:
            if bases[rel] != rel:
                bases[rel] = rel
            else:
                bases[rel] = rel + "-" + hashlib.sha1(rel.encode()).hexdigest()[:8]
    return bases


def _find_reference(references_dir: Path | None, rel: str) -> Path | None:
    """``REF_DIR/a/b.txt`` for ``a/b.txt`` or ``a/b.pdf``; None when there is none."""
    if references_dir is None:
        return None
    relp = Path(rel)
    for cand in (references_dir / relp.with_suffix(".txt"), references_dir / relp.with_suffix(".TXT")):
        if cand.is_file():
            return cand
    return None


class _InlineExecutor(cf.Executor):
    """``jobs=1``: run in this process, no pickling, so injected fakes and debuggers just work."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> cf.Future[Any]:
        fut: cf.Future[Any] = cf.Future()
        try:
            fut.set_result(fn(*args, **kwargs))
        except Exception as err:  # noqa: BLE001 - delivered through the future, like a pool would
            fut.set_exception(err)
        return fut


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def run_batch(
    in_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int = 1,
    references_dir: str | os.PathLike[str] | None = None,
    formats: Sequence[str] = FORMATS,
    engine: str = "local",
    scheduler: Any = None,
    progress: bool = True,
    large_text_bytes: int = DEFAULT_LARGE_TEXT_BYTES,
    force: bool = False,
    backends: Backends | None = None,
    on_record: Callable[[dict[str, Any]], None] | None = None,
) -> BatchSummary:
    """Process every PDF/text file under ``in_dir`` into ``out_dir``; see the module docstring.

    ``scheduler`` (Dask only) is a scheduler address or a ``distributed.Client``; without
    it a ``LocalCluster`` with ``jobs`` single-threaded worker processes is started.
    ``force`` redoes files that are already done. ``backends`` replaces the library
    functions (tests, benchmarks). Raises ``InputError`` for an unusable ``in_dir`` or
    arguments; per-file problems never raise, they are in the summary and manifest.
    """
    from . import __version__

    t_start = time.perf_counter()
    src_root = Path(in_dir)
    dst_root = Path(out_dir)
    if not src_root.exists():
        raise InputError(str(in_dir), "input directory does not exist")
    if not src_root.is_dir():
        raise InputError(str(in_dir), "not a directory")
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError("--formats", f"unknown format(s) {unknown or '(none)'}; choose from {', '.join(FORMATS)}")
    if jobs < 1:
        raise InputError("--jobs", f"must be at least 1, not {jobs}")
    if engine not in ("local", "dask"):
        raise InputError("--engine", f"must be 'local' or 'dask', not {engine!r}")
    ref_root = Path(references_dir) if references_dir is not None else None
    if ref_root is not None and not ref_root.is_dir():
        raise InputError(str(references_dir), "reference directory does not exist")
    if dst_root.resolve() == src_root.resolve():
        raise InputError(str(out_dir), "output directory must differ from the input directory")
    dst_root.mkdir(parents=True, exist_ok=True)
    src_abs = src_root.resolve()
    dst_abs = dst_root.resolve()

    code = code_fingerprint()
    manifest_path = dst_abs / MANIFEST_NAME
    summary = BatchSummary(in_dir=str(in_dir), out_dir=str(out_dir), manifest=str(manifest_path))
    previous: dict[str, dict[str, Any]] = {}
    bases: dict[str, str] = {}

    def make_task(path: Path, rel: str) -> FileTask | dict[str, Any]:
        """The task to run, or a finished record (skipped, or failed before reading)."""
        ref = _find_reference(ref_root, rel)
        ref_rel = ref.relative_to(ref_root).as_posix() if ref is not None and ref_root is not None else None
        base = {
            "input": rel, "kind": INPUT_SUFFIXES[path.suffix.lower()], "reference": ref_rel,
            "formats": list(formats), "version": __version__,
        }
        try:
            sha = sha256_file(str(path))
            size = path.stat().st_size
        except OSError as err:
            return {**base, "status": "failed", "error": os_error_problem(err), "sha256": None, "timings": {}}
        ref_sha = None
        if ref is not None:
            try:
                ref_sha = sha256_file(str(ref))
            except OSError as err:
                return {**base, "status": "failed", "sha256": sha, "timings": {},
                        "error": f"reference {ref_rel}: {os_error_problem(err)}"}
        extra = {"sha256": sha, "bytes": size, "version": __version__, "code": code, "reference_sha256": ref_sha,
                 "out_base": bases[rel]}
        prev = previous.get(rel)
        if not force and prev is not None and _still_done(prev, extra, formats, dst_abs):
            return {**prev, "status": "skipped", "error": None, "timings": {}, "worker": None}
        return FileTask(
            src=str(path), rel=rel, kind=base["kind"], out_base=str(dst_abs / bases[rel]), out_dir=str(dst_abs),
            formats=formats, reference=str(ref) if ref is not None else None, reference_rel=ref_rel,
            large_text_bytes=large_text_bytes, extra=extra,
        )

    bar: Any = None
    failed_so_far = 0

    def finish(rec: dict[str, Any], writer: ManifestWriter) -> None:
        nonlocal failed_so_far
        rec["finished"] = _now()
        writer.append(rec)
        status = rec["status"]
        rel = rec["input"]
        if status == "done":
            summary.done.append(rel)
            summary.pages += int(rec.get("pages") or 0)
        elif status == "skipped":
            summary.skipped.append(rel)
        else:
            summary.failed.append((rel, rec.get("error") or "unknown error"))
            failed_so_far += 1
        if status == "done":
            for w in rec.get("warnings") or []:
                summary.warnings.append((rel, w))
        if on_record is not None:
            on_record(rec)
        if bar is not None:
            bar.update(1)
            if failed_so_far:
                bar.set_postfix(failed=failed_so_far, refresh=False)

    in_flight_max = jobs * 2 if engine == "local" else max(jobs, 1) * 4
    suspects: deque[FileTask] = deque()  # in flight when a worker process died
    executor: cf.Executor | None = None
    shutdown: Callable[[], None] = lambda: None  # noqa: E731
    try:
        # Opening the manifest takes OUT_DIR's lock: one batch at a time per output folder.
        with ManifestWriter(manifest_path) as writer:
            summary.stale_temps_removed = _remove_stale_temps(dst_abs, keep_out=src_abs)
            paths = discover_inputs(src_abs, exclude=dst_abs)
            rels = [p.relative_to(src_abs).as_posix() for p in paths]
            bases.update(_output_bases(rels))
            prev_records, summary.manifest_bad_lines = read_manifest(manifest_path)
            previous.update(prev_records)
            summary.total = len(paths)
            pending = deque(zip(paths, rels))
            bar = _progress_bar(len(paths), progress)
            executor_factory, shutdown = _executor_factory(engine, jobs, scheduler, backends)
            executor = executor_factory()
            running: dict[cf.Future[Any], FileTask] = {}
            ready: deque[FileTask] = deque()  # made, but not yet accepted by an executor
            while pending or suspects or ready or running:
                # In isolation mode (after a crash) run suspects one at a time to find the culprit.
                limit = 1 if suspects else in_flight_max
                broken: list[FileTask] = []
                pool_broken = False
                while len(running) < limit and (suspects or ready or pending):
                    if suspects:
                        task = suspects.popleft()
                    elif ready:
                        task = ready.popleft()
                    else:
                        path, rel = pending.popleft()
                        made = make_task(path, rel)
                        if isinstance(made, dict):
                            finish(made, writer)
                            continue
                        task = made
                    try:
                        running[_submit(executor, task, backends, engine)] = task
                    except BrokenProcessPool:  # the pool died since the last wait
                        ready.appendleft(task)
                        pool_broken = True
                        break
                if running and not pool_broken:
                    done_set, _ = cf.wait(list(running), return_when=cf.FIRST_COMPLETED)
                    for fut in done_set:
                        task = running.pop(fut)
                        try:
                            finish(fut.result(), writer)
                        except BrokenProcessPool:
                            broken.append(task)
                            pool_broken = True
                        except Exception as err:  # noqa: BLE001 - e.g. Dask KilledWorker
                            finish(_crash_record(task, f"{CRASHED} ({type(err).__name__}: {err})"), writer)
                if pool_broken:
                    # Every future of a broken pool fails; collect the rest, start a new pool.
                    victims = broken + list(running.values())
                    running.clear()
                    if len(victims) == 1:  # it ran alone: it is the culprit
                        finish(_crash_record(victims[0], CRASHED), writer)
                    else:
                        suspects.extend(sorted(victims, key=lambda t: t.rel))
                    _abandon(executor)
                    executor = executor_factory()
            executor.shutdown(wait=True)
            executor = None
        # Workers killed when a pool broke may have left temp files; all work is over now.
        _remove_stale_temps(dst_abs, keep_out=src_abs)
    finally:
        if executor is not None:  # interrupted: do not start queued files
            _abandon(executor)
        shutdown()
        if bar is not None:
            bar.close()
    summary.elapsed_s = time.perf_counter() - t_start
    return summary


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A short hash of the library's code and shipped data (lexicon, models).

    ``__version__`` alone misses a changed lexicon or a development checkout; with
    this in the resume key a rerun redoes files whenever the results could differ.
    """
    from .resources import corpus_dir

    h = hashlib.sha256()
    roots = [Path(__file__).resolve().parent, corpus_dir()]
    for root in roots:
        if not root.is_dir():
            continue
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"):
                h.update(p.relative_to(root).as_posix().encode() + b"\0")
                h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def _remove_stale_temps(out_root: Path, keep_out: Path) -> int:
    """Delete ``.NAME.*.tmp`` files a killed run left behind (never a finished output).

    ``keep_out`` (the input folder, if it lies inside ``out_root``) is not entered.
    """
    n = 0
    for root, dirs, files in os.walk(out_root):
        dirs[:] = [d for d in dirs if (Path(root) / d).resolve() != keep_out]
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                try:
                    os.unlink(os.path.join(root, name))
                    n += 1
                except OSError:
                    pass
    return n


def _abandon(executor: cf.Executor) -> None:
    """Shut an executor down without waiting for queued work (Dask's has no cancel_futures)."""
    try:
        executor.shutdown(wait=False, cancel_futures=True)
    except TypeError:
        executor.shutdown(wait=False)


def _still_done(prev: dict[str, Any], now: dict[str, Any], formats: tuple[str, ...], out_root: Path) -> bool:
    """True when an earlier run already produced these outputs from this very input."""
    if prev.get("status") not in ("done", "skipped"):
        return False
    for key in ("sha256", "version", "code", "reference_sha256", "out_base"):
        if prev.get(key) != now.get(key):
            return False
    if not set(formats) <= set(prev.get("formats") or []):
        return False
    return all((out_root / rel).is_file() for rel in prev.get("outputs") or [])


def _crash_record(task: FileTask, error: str) -> dict[str, Any]:
    for suffix in OUTPUT_SUFFIXES.values():
        try:
            os.unlink(task.out_base + suffix)
        except OSError:
            pass
    return {
        "input": task.rel, "kind": task.kind, "reference": task.reference_rel, "formats": list(task.formats),
        **task.extra, "status": "failed", "error": error, "outputs": [], "timings": {},
    }


def _submit(executor: cf.Executor, task: FileTask, backends: Backends | None, engine: str) -> cf.Future[Any]:
    # Backends travel with every task (a few module-level function references), so a
    # Dask worker that joins late still uses the same functions as the rest.
    return executor.submit(process_file, task, backends)


def _executor_factory(
    engine: str, jobs: int, scheduler: Any, backends: Backends | None
) -> tuple[Callable[[], cf.Executor], Callable[[], None]]:
    """A way to make a (fresh) executor, and a cleanup for the whole run."""
    if engine == "local":
        if jobs == 1:
            init_worker(backends)
            return _InlineExecutor, lambda: None
        return (
            lambda: cf.ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(backends, True)),
            lambda: None,
        )
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine dask", "needs dask[distributed]: pip install 'brochure_extract[dask]'") from None
    owned: list[Any] = []
    try:
        if scheduler is None:
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None)
            owned.append(cluster)
            client = Client(cluster)
            owned.insert(0, client)
        elif isinstance(scheduler, Client):
            client = scheduler
        else:
            client = Client(scheduler)
            owned.append(client)
        # Every current worker loads the lexicon once (workers that join later do it lazily).
        client.run(init_worker, backends)
    except Exception as err:  # noqa: BLE001 - no traceback for an unreachable scheduler
        for obj in owned:
            obj.close()
        where = f"scheduler {scheduler}" if isinstance(scheduler, str) else "a local Dask cluster"
        raise InputError("--engine dask", f"could not start or reach {where}: {type(err).__name__}: {err}") from None

    def factory() -> cf.Executor:
        return client.get_executor(pure=False)

    def shutdown() -> None:
        for obj in owned:
            obj.close()

    return factory, shutdown


def _progress_bar(total: int, progress: bool) -> Any:
    """tqdm on stderr with files/s and ETA; None when off or stderr is not a terminal."""
    if not progress or not sys.stderr.isatty():
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


# ------------------------------------------------------------------------------- CLI


def add_batch_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``batch`` to the CLI's subparsers; ``args.func`` is :func:`run_batch_command`."""
    p = subparsers.add_parser(
        "batch",
        help="repair and extract every PDF/text file in a folder (resumable, parallel)",
        description=(
            "Process every *.pdf and *.txt under IN_DIR into OUT_DIR, mirroring the tree: NAME.txt "
            "(repaired text), NAME.edits.json (edits), NAME.json (structure), plus OUT_DIR/manifest.jsonl. "
            "A rerun skips files already done. Exit status 1 when any file failed, 2 for unusable arguments."
        ),
    )
    p.add_argument("in_dir", metavar="IN_DIR", help="folder of PDFs and text files (searched recursively)")
    p.add_argument("-o", "--out", dest="out_dir", metavar="OUT_DIR", required=True, help="output folder")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--references", metavar="REF_DIR", help="reference texts: REF_DIR/a/b.txt for a/b.pdf or a/b.txt")
    p.add_argument("--formats", default=",".join(FORMATS), help="comma list of text,edits,json (default all)")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="worker processes or Dask")
    p.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address (default: a LocalCluster)")
    p.add_argument("--large-text-mb", type=float, default=DEFAULT_LARGE_TEXT_BYTES / 2**20,
                   help="text files larger than this are processed in streamed chunks (default %(default)s)")
    p.add_argument("--force", action="store_true", help="redo files that are already done")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run_batch_command)
    return p


def run_batch_command(args: argparse.Namespace) -> int:
    """Run ``batch`` from parsed arguments; print the summary; 0 ok, 1 some failed, 2 bad usage."""
    formats = [f.strip() for f in str(args.formats).split(",") if f.strip()]
    try:
        summary = run_batch(
            args.in_dir, args.out_dir, jobs=args.jobs, references_dir=args.references, formats=formats,
            engine=args.engine, scheduler=args.scheduler, progress=not args.no_progress,
            large_text_bytes=int(args.large_text_mb * 2**20), force=args.force,
        )
    except InputError as err:
        print(f"brochure-extract batch: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("brochure-extract batch: interrupted; rerun the same command to continue", file=sys.stderr)
        return 130
    print(summary.format())
    return summary.exit_code

