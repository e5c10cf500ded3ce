"""The per-file step of a batch: one input in, its outputs written atomically, one record out.

The same function runs in-process, in a ``ProcessPoolExecutor`` worker and on a Dask
worker, so the engines cannot drift apart. It never raises for a bad input: every
problem becomes ``status="failed"`` with a one-line ``error`` an archivist can act on.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from .edits import RepairResult
from .errors import InputError
from .extract import pdf_needs_repair
from .textio import decode_bytes, write_atomic

#: Text files larger than this are repaired paragraph-chunk by paragraph-chunk and
#: streamed to disk, so memory stays bounded whatever the file size.
DEFAULT_LARGE_TEXT_BYTES = 16 * 1024 * 1024

#: Characters per chunk of a large file: big enough to amortise per-call costs, small
#: enough that one chunk's repair result (text, edits) stays a few MB.
CHUNK_CHARS = 256 * 1024

#: A blank line (possibly with spaces or ``\r``): the only place a large file is cut.
#: Repair decides each word from its line and neighbours; only its document-wide
#: evidence (which å/ä/ö words the text itself spells right) is then gathered per
#: chunk, and a chunk of CHUNK_CHARS characters holds plenty of it.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")

#: Warnings kept per manifest record (a huge file can produce thousands).
MAX_WARNINGS = 20

NEEDS_OCR = "no text layer (image-only PDF): needs OCR first, e.g. ocrmypdf"


@dataclass(frozen=True)
class Backends:
    """The library functions the step calls; ``None`` means the real one, imported lazily.

    Tests and benchmarks inject small fakes here; they must be picklable (module-level
    functions) to cross into worker processes. ``extract=None`` builds the structure
    from the text already read and repaired (one pass); a given ``extract(path,
    reference=...)`` is called instead.
    """

    repair: Callable[..., Any] | None = None
    read_pdf: Callable[..., Any] | None = None
    extract: Callable[..., Any] | None = None
    warm_up: Callable[[], Any] | None = None

    def get_repair(self) -> Callable[..., Any]:
        if self.repair is not None:
            return self.repair
        from .repair import repair  # noqa: PLC0415 - written in parallel; import when used

        return repair

    def get_read_pdf(self) -> Callable[..., Any]:
        if self.read_pdf is not None:
            return self.read_pdf
        from .pdf import read_pdf  # noqa: PLC0415

        return read_pdf


@dataclass(frozen=True)
class FileTask:
    """Everything a worker needs about one input; plain data so it pickles cheaply."""

    src: str  # absolute path of the input
    rel: str  # POSIX path relative to the input folder: the manifest key
    kind: str  # "pdf" or "txt"
    out_base: str  # absolute output path without suffix: + ".txt", ".edits.json", ".json"
    out_dir: str
    formats: tuple[str, ...]
    reference: str | None = None  # absolute path of the reference text
    reference_rel: str | None = None
    large_text_bytes: int = DEFAULT_LARGE_TEXT_BYTES
    extra: dict[str, Any] = field(default_factory=dict)  # copied into the record (sha256, version, ...)


OUTPUT_SUFFIXES = {"text": ".txt", "edits": ".edits.json", "json": ".json"}


def open_input(path: str) -> IO[bytes]:
    """Open an input for reading. Every read of an input goes through here (a test seam)."""
    return open(path, "rb")  # noqa: SIM115 - caller closes


def sha256_file(path: str, block: int = 1 << 16) -> str:
    """Hash a file in blocks (constant memory); OSError propagates."""
    import hashlib

    h = hashlib.sha256()
    with open_input(path) as fh:
        while chunk := fh.read(block):
            h.update(chunk)
    return h.hexdigest()


def os_error_problem(err: OSError) -> str:
    """One line for an OSError, without the path (the record already names the file)."""
    if isinstance(err, PermissionError):
        return "permission denied: the file cannot be read"
    if isinstance(err, FileNotFoundError):
        return "file disappeared before it could be read"
    if isinstance(err, IsADirectoryError):
        return "is a directory, not a file"
    return f"cannot be read ({err.strerror or err})"


_worker_backends: Backends | None = None


def init_worker(backends: Backends | None = None, watch_parent: bool = False) -> None:
    """Per-worker initializer: load the lexicon once instead of once per file.

    ``watch_parent`` (pool workers) makes the worker exit when the batch process dies
    (SIGKILL, OOM killer), instead of lingering forever on an orphaned task queue.
    """
    global _worker_backends
    _worker_backends = backends or Backends()
    if watch_parent:
        _start_parent_watchdog()
    warm = _worker_backends.warm_up
    if warm is None and _worker_backends.repair is None:
        try:
            from . import repair as repair_mod  # noqa: PLC0415
        except ImportError:
            return
        warm = getattr(repair_mod, "warm_up", None)
    if warm is not None:
        try:
            warm()
        except Exception:  # noqa: BLE001 - each file then reports the problem itself
            pass


def _start_parent_watchdog(interval: float = 0.5) -> None:
    import threading

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:  # re-parented: the batch process is gone
                os._exit(1)

    threading.Thread(target=watch, name="batch-parent-watchdog", daemon=True).start()


def process_file(task: FileTask, backends: Backends | None = None) -> dict[str, Any]:
    """Process one input and return its manifest record (never raises for bad input)."""
    b = backends or _worker_backends or Backends()
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    rec: dict[str, Any] = {
        "input": task.rel,
        "kind": task.kind,
        "reference": task.reference_rel,
        "formats": list(task.formats),
        "worker": os.getpid(),
        **task.extra,
    }
    try:
        if task.kind == "txt" and _file_size(task.src) > task.large_text_bytes:
            _process_large_text(task, b, rec, timings)
        else:
            _process_whole(task, b, rec, timings)
        rec["status"] = "done"
        rec["error"] = None
    except InputError as err:
        _fail(task, rec, err.problem)
    except OSError as err:
        _fail(task, rec, os_error_problem(err))
    except MemoryError:
        _fail(task, rec, "out of memory while processing this file")
    except Exception as err:  # noqa: BLE001 - one broken file must never stop the batch
        _fail(task, rec, f"internal error: {type(err).__name__}: {err}")
    if len(rec.get("warnings") or []) > MAX_WARNINGS:
        w = rec["warnings"]
        rec["warnings"] = w[:MAX_WARNINGS] + [f"... and {len(w) - MAX_WARNINGS} more warnings"]
    timings["total_s"] = time.perf_counter() - t0
    rec["timings"] = {k: round(v, 4) for k, v in timings.items()}
    return rec


def _fail(task: FileTask, rec: dict[str, Any], problem: str) -> None:
    """Record the failure and remove outputs of an earlier run, which no longer match the input."""
    rec["status"] = "failed"
    rec["error"] = problem
    rec["outputs"] = []
    for suffix in OUTPUT_SUFFIXES.values():
        try:
            os.unlink(task.out_base + suffix)
        except OSError:
            pass


def _file_size(path: str) -> int:
    return os.stat(path).st_size


def _read_reference(task: FileTask) -> str | None:
    if task.reference is None:
        return None
    try:
        with open_input(task.reference) as fh:
            data = fh.read()
        return decode_bytes(data, task.reference_rel or task.reference)
    except InputError as err:
        raise InputError(task.rel, f"reference {task.reference_rel}: {err.problem}") from None
    except OSError as err:
        raise InputError(task.rel, f"reference {task.reference_rel}: {os_error_problem(err)}") from None


def _process_whole(task: FileTask, b: Backends, rec: dict[str, Any], timings: dict[str, float]) -> None:
    """Small text or any PDF: read once, repair once, segment, then write every output.

    Mirrors :func:`brochure_extract.extract.extract` (so ``NAME.json`` equals what
    ``extract`` returns, which a test checks) without reading and repairing twice:
    a PDF's text layer is repaired when ``extract.pdf_needs_repair`` says so (an OCR layer,
    folded text, or a reference), otherwise it is trusted, as ``extract`` does.
    """
    t = time.perf_counter()
    reference = _read_reference(task)
    doc: Any = None
    if task.kind == "pdf":
        try:
            doc = b.get_read_pdf()(Path(task.src))
        except (InputError, OSError, MemoryError, ImportError):
            raise
        except Exception as err:  # noqa: BLE001 - a PDF library error is the file's problem
            raise InputError(task.rel, f"corrupt or unreadable PDF ({type(err).__name__}: {err})") from None
        text = doc.text
        rec["pages"] = int(getattr(doc, "page_count", 0) or 0)
        if not text.strip():
            raise InputError(task.rel, NEEDS_OCR)
        needs_repair = pdf_needs_repair(doc, reference)
        rec["text_layer"] = "ocr" if getattr(doc, "is_ocr", True) else "born-digital"
    else:
        with open_input(task.src) as fh:
            data = fh.read()
        if not data:
            raise InputError(task.rel, "empty file (0 bytes): nothing to repair")
        text = decode_bytes(data, task.rel)
        del data
        if not text.strip():
            raise InputError(task.rel, "empty file: only whitespace, nothing to repair")
        needs_repair = True
    timings["read_s"] = time.perf_counter() - t

    t = time.perf_counter()
    if needs_repair:
        result = b.get_repair()(text, reference=reference)
    else:
        result = RepairResult(original=text, text=text)
    timings["repair_s"] = time.perf_counter() - t
    rec["repaired"] = needs_repair
    rec["edits"] = len(result.edits)
    warnings = list(result.warnings)

    outputs: dict[str, str] = {}
    if "text" in task.formats:
        outputs["text"] = result.text
    if "edits" in task.formats:
        pieces = _EditsJson(task)
        body = [pieces.head()]
        body.extend(pieces.edit(e.to_dict()) for e in result.edits)
        body.append(pieces.tail(result.warnings, [d.to_dict() for d in result.disagreements]))
        outputs["edits"] = "".join(body)
    if "json" in task.formats:
        t = time.perf_counter()
        brochure = _structure(task, b, doc, result, reference)
        timings["structure_s"] = time.perf_counter() - t
        outputs["json"] = brochure.to_json(indent=2) + "\n"

    t = time.perf_counter()
    for fmt in task.formats:
        write_atomic(task.out_base + OUTPUT_SUFFIXES[fmt], outputs[fmt])
    timings["write_s"] = time.perf_counter() - t
    rec["outputs"] = [_out_rel(task, OUTPUT_SUFFIXES[f]) for f in task.formats]
    rec["warnings"] = warnings


def _structure(task: FileTask, b: Backends, doc: Any, result: RepairResult, reference: str | None) -> Any:
    """The Brochure, from the already read and repaired text (``extract``'s steps, reused)."""
    if b.extract is not None:  # an injected extract (tests, benchmarks) does its own reading
        return b.extract(Path(task.src), reference=reference)
    from .segment import segment_lines, segment_text  # noqa: PLC0415

    if doc is None:
        return segment_text(result.text)
    lines = list(doc.lines)
    if result.text != result.original:
        fixed = result.text.split("\n")
        if len(fixed) == len(lines):  # repair keeps line breaks; if not, keep the layout's text
            lines = [replace(ln, text=t) if t != ln.text else ln for ln, t in zip(lines, fixed)]
    return segment_lines(lines)


def _out_rel(task: FileTask, suffix: str) -> str:
    return Path(task.out_base + suffix).relative_to(task.out_dir).as_posix()


class _EditsJson:
    """The edits file as pieces, so a whole result and a streamed one give the same bytes."""

    def __init__(self, task: FileTask) -> None:
        self.task = task
        self.count = 0

    def head(self) -> str:
        src = json.dumps(self.task.rel, ensure_ascii=False)
        ref = json.dumps(self.task.reference_rel, ensure_ascii=False)
        return f'{{"source": {src}, "reference": {ref}, "edits": ['

    def edit(self, d: dict[str, Any]) -> str:
        sep = "\n" if self.count == 0 else ",\n"
        self.count += 1
        return sep + json.dumps(d, ensure_ascii=False, sort_keys=True)

    def tail(self, warnings: list[str], disagreements: list[dict[str, Any]]) -> str:
        nl = "\n" if self.count else ""
        w = json.dumps(warnings, ensure_ascii=False)
        d = json.dumps(disagreements, ensure_ascii=False, sort_keys=True)
        return f'{nl}], "warnings": {w}, "disagreements": {d}}}\n'


# ---------------------------------------------------------------- large text files


def _sniff_encoding(task: FileTask) -> str:
    """Pick the codec for a large file the way ``decode_bytes`` would, in one streaming pass."""
    with open_input(task.src) as fh:
        head = fh.read(65536)
        if head.startswith(b"\xef\xbb\xbf"):
            return "utf-8-sig"
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        cut = head.rfind(b"\n")
        decode_bytes(head[: cut + 1] if cut > 0 else head, task.rel)  # binary / PDF check
        fh.seek(0)
        dec = codecs.getincrementaldecoder("utf-8")()
        try:
            while block := fh.read(1 << 16):
                if b"\x00" in block:
                    raise InputError(task.rel, "binary data, not text (NUL bytes inside the file)")
                dec.decode(block)
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def iter_paragraph_chunks(fh: IO[str], target: int) -> Iterator[str]:
    """Yield consecutive pieces of ``fh`` of about ``target`` characters, cut after blank lines.

    A piece with no blank line in ``4 * target`` characters is cut after its last line
    break instead (or hard, if it has none), so one huge paragraph cannot exhaust memory.
    """
    buf = ""
    while True:
        block = fh.read(target)
        if block:
            buf += block
            if len(buf) < target:
                continue
        elif not buf:
            return
        else:
            yield buf
            return
        cut = 0
        for m in _PARAGRAPH_BREAK.finditer(buf):
            cut = m.end()
        if cut == 0:
            if len(buf) < 4 * target:
                continue
            cut = buf.rfind("\n") + 1 or len(buf)
        yield buf[:cut]
        buf = buf[cut:]


def _process_large_text(task: FileTask, b: Backends, rec: dict[str, Any], timings: dict[str, float]) -> None:
    """Repair chunk by chunk and stream text and edits to temp files, renamed when complete.

    Edit offsets are shifted to whole-file positions, so the edits file reads as if the
    file had been repaired in one go. No structure (``.json``) is extracted: a text this
    large is not a brochure, and the record says so in ``warnings``.
    """
    t0 = time.perf_counter()
    encoding = _sniff_encoding(task)
    timings["read_s"] = time.perf_counter() - t0
    repair = b.get_repair()
    warnings: list[str] = []
    if task.reference is not None:
        warnings.append("reference not used: the file is too large to align as a whole")
    target = max(1024, min(CHUNK_CHARS, task.large_text_bytes // 4))
    Path(task.out_base).parent.mkdir(parents=True, exist_ok=True)
    tmp_files: dict[str, tuple[str, IO[str]]] = {}
    for fmt in ("text", "edits"):
        if fmt in task.formats:
            final = task.out_base + OUTPUT_SUFFIXES[fmt]
            fd, tmp = tempfile.mkstemp(prefix=f".{Path(final).name}.", suffix=".tmp", dir=Path(final).parent)
            tmp_files[fmt] = (tmp, io.open(fd, "w", encoding="utf-8", newline=""))
    try:
        edits_json = _EditsJson(task)
        if "edits" in tmp_files:
            tmp_files["edits"][1].write(edits_json.head())
        in_off = out_off = n_edits = chunks = 0
        repair_s = 0.0
        raw = open_input(task.src)
        with io.TextIOWrapper(raw, encoding=encoding, newline="") as fh:
            try:
                for chunk in iter_paragraph_chunks(fh, target):
                    t = time.perf_counter()
                    result = repair(chunk, reference=None)
                    repair_s += time.perf_counter() - t
                    chunks += 1
                    warnings.extend(result.warnings)
                    if "text" in tmp_files:
                        tmp_files["text"][1].write(result.text)
                    if "edits" in tmp_files:
                        out = tmp_files["edits"][1]
                        for e in result.edits:
                            d = e.to_dict()
                            d["start"] += in_off
                            d["end"] += in_off
                            if d.get("out_start", -1) >= 0:
                                d["out_start"] += out_off
                                d["out_end"] += out_off
                            out.write(edits_json.edit(d))
                    n_edits += len(result.edits)
                    in_off += len(chunk)
                    out_off += len(result.text)
            except UnicodeDecodeError as err:
                raise InputError(task.rel, f"undecodable text: not UTF-8, UTF-16 or cp1252 ({err.reason})") from None
        if in_off == 0:
            raise InputError(task.rel, "empty file: nothing to repair")
        if "edits" in tmp_files:
            tmp_files["edits"][1].write(edits_json.tail(warnings, []))
        timings["repair_s"] = repair_s
        t = time.perf_counter()
        for fmt, (tmp, out) in tmp_files.items():
            out.flush()
            os.fsync(out.fileno())
            out.close()
            os.replace(tmp, task.out_base + OUTPUT_SUFFIXES[fmt])
        timings["write_s"] = time.perf_counter() - t
    except BaseException:
        for tmp, out in tmp_files.values():
            out.close()
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    if "json" in task.formats:
        warnings.append(f"structure (.json) not extracted: text file larger than {task.large_text_bytes} bytes")
        try:
            os.unlink(task.out_base + ".json")
        except OSError:
            pass
    rec["chunks"] = chunks
    rec["edits"] = n_edits
    rec["outputs"] = [_out_rel(task, OUTPUT_SUFFIXES[f]) for f in ("text", "edits") if f in task.formats]
    rec["warnings"] = warnings
