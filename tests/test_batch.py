"""Batch processing: outputs, manifest, resume after kill, bad inputs, chunking, engines.

Repair and extraction are small deterministic fakes (injected through ``Backends``) so
these tests check the batch machinery fast; the PDF reader is the real
``brochure_extract.pdf.read_pdf`` when it exists, else a pdfplumber stand-in.
"""
from __future__ import annotations

import argparse
import functools
import io
import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from brochure_extract import batch as batch_mod
from brochure_extract import batch_worker
from brochure_extract.batch import CRASHED, Backends, discover_inputs, run_batch, run_batch_command
from brochure_extract.batch import code_fingerprint as real_code_fingerprint
from brochure_extract.edits import Edit, RepairResult, apply_edits
from brochure_extract.errors import InputError
from brochure_extract.manifest import MANIFEST_NAME, ManifestWriter, read_manifest
from brochure_extract.textio import read_text
from brochure_extract.tokens import iter_tokens

TESTS_DIR = Path(__file__).resolve().parent
SRC_DIR = TESTS_DIR.parent / "src"

# ------------------------------------------------------------------ fakes (module level: picklable)

FIXES = {"Vaxjo": "Växjö", "b&de": "både", "I&ng": "lång", "héllbara": "hållbara", "utfér": "utanför",
         "dmsesidiga": "ömsesidiga", "Stérkt": "Stärkt"}


def fake_repair(text: str, *, reference: str | None = None) -> RepairResult:
    """A local, deterministic repair: fixed word substitutions, with real edit offsets."""
    if "CRASH_WORKER" in text:
        os._exit(3)  # a worker dying mid-file (segfault, OOM kill)
    if "RAISE_BUG" in text:
        raise RuntimeError("bug in repair")
    edits = [Edit(t.start, t.end, t.text, FIXES[t.text], 0.9, "lexicon") for t in iter_tokens(text) if t.text in FIXES]
    out, placed = apply_edits(text, edits)
    warnings = [f"reference used ({len(reference)} chars)"] if reference else []
    return RepairResult(text, out, placed, warnings)


def slow_fake_repair(text: str, *, reference: str | None = None) -> RepairResult:
    time.sleep(0.05)
    return fake_repair(text, reference=reference)


def fallback_read_pdf(path: Any) -> Any:
    """Stand-in for brochure_extract.pdf.read_pdf until it exists (same errors)."""
    import pdfplumber

    p = Path(path)
    data = p.read_bytes()
    if b"%%EOF" not in data[-2048:]:
        raise InputError(str(p), "truncated or corrupt PDF (no end-of-file marker)")
    try:
        with pdfplumber.open(p) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as err:  # noqa: BLE001
        if re.search(r"password|encrypt", f"{type(err).__name__} {err!r}", re.I):
            raise InputError(str(p), "encrypted PDF: needs a password") from None
        raise InputError(str(p), f"corrupt PDF ({type(err).__name__})") from None
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(str(p), "no text layer (image-only PDF): needs OCR, e.g. ocrmypdf")
    return SimpleNamespace(text=text, lines=text.splitlines(), page_count=len(pages))


try:
    from brochure_extract.pdf import read_pdf as PDF_READER  # noqa: N812
except ImportError:
    PDF_READER = fallback_read_pdf


class FakeBrochure:
    def __init__(self, text: str) -> None:
        self.text = text

    def to_dict(self) -> dict[str, Any]:
        paras = [p.strip() for p in re.split(r"\n\s*\n", self.text) if p.strip()]
        return {"title": paras[0].splitlines()[0] if paras else "", "paragraphs": paras}

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def fake_extract(source: Any, *, reference: str | None = None) -> FakeBrochure:
    p = Path(source)
    text = PDF_READER(p).text if p.suffix.lower() == ".pdf" else read_text(p)
    return FakeBrochure(fake_repair(text, reference=reference).text)


FAKES = Backends(repair=fake_repair, read_pdf=PDF_READER, extract=fake_extract)
SLOW_FAKES = Backends(repair=slow_fake_repair, read_pdf=PDF_READER, extract=fake_extract)

# ------------------------------------------------------------------ input builders

PARA = ("Vaxjo kommun har en I&ng historia av internationellt arbete b&de i Europa och utfér Europas granser. "
        "Partnerskapen utgér dmsesidiga och héllbara samarbeten.")


def good_text(i: int) -> str:
    return f"Broschyr {i}\n\n{PARA}\n\nStycke {i}: Stérkt kompetens, nya arbetsmetoder.\n"


def make_pdf(path: Path, text: str | None = "Vaxjo kommun", *, encrypt: str | None = None, image: bool = False) -> Path:
    from reportlab.pdfgen import canvas

    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), encrypt=encrypt)
    if image:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(Image.new("L", (80, 40), 128)), 72, 600, width=160, height=80)
    if text:
        y = 780
        for line in text.splitlines():
            c.drawString(72, y, line)
            y -= 14
    c.showPage()
    c.save()
    return path


def make_ocr_pdf(path: Path, text: str) -> Path:
    """A PDF whose text layer uses ocrmypdf's font name, so it counts as OCR output."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("OcrLayer", "Vera.ttf"))
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path))
    c.setFont("OcrLayer", 11)
    y = 780
    for line in text.splitlines():
        c.drawString(72, y, line)
        y -= 16 if line else 30
    c.showPage()
    c.save()
    data = path.read_bytes().replace(b"BitstreamVeraSans-Roman", b"GlyphLessFont" + b" " * 10)  # same length
    path.write_bytes(data)
    return path


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def make_bad_files(root: Path) -> dict[str, str]:
    """Every bad kind, keyed by relative path, with a regex its error must match."""
    write(root / "bad/empty.txt", b"")
    write(root / "bad/binary.txt", bytes(range(256)) * 20)
    write(root / "bad/undecodable.txt", "Växjö är fint\n".encode("utf-8")[:-4] + b"\x81\x8d\x90 text\n")
    good = make_pdf(root / "bad/_tmp_good.pdf", "Vaxjo kommun\nhéllbara resultat")
    data = good.read_bytes()
    good.unlink()
    write(root / "bad/truncated.pdf", data[: len(data) // 2])
    write(root / "bad/corrupt.pdf", b"%PDF-1.4\n" + os.urandom(3000) + b"\n%%EOF\n")
    make_pdf(root / "bad/encrypted.pdf", "Vaxjo hemlig", encrypt="secret")
    make_pdf(root / "bad/image_only.pdf", None, image=True)
    write(root / "bad/unreadable.txt", good_text(0))
    write(root / "bad/bug.txt", "RAISE_BUG\n")
    return {
        "bad/empty.txt": r"empty file",
        "bad/binary.txt": r"binary",
        "bad/undecodable.txt": r"undecodable",
        "bad/truncated.pdf": r"truncat|corrupt|damag|incomplete|broken",
        "bad/corrupt.pdf": r"corrupt|damag|broken|invalid|not a (valid )?pdf|unreadable",
        "bad/encrypted.pdf": r"encrypt|password",
        "bad/image_only.pdf": r"ocr",
        "bad/unreadable.txt": r"permission denied",
        "bad/bug.txt": r"internal error: RuntimeError: bug in repair",
    }


@pytest.fixture(autouse=True)
def pinned_code_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Others may edit the library while tests run; resume tests need a stable fingerprint."""
    monkeypatch.setattr(batch_mod, "code_fingerprint", lambda: "test-code")


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make files named ``unreadable.*`` fail to open, as chmod 000 would (works under root)."""
    real = batch_worker.open_input

    def opener(path: str) -> Any:
        if Path(path).name.startswith("unreadable."):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(batch_worker, "open_input", opener)


def records(out: Path) -> dict[str, dict[str, Any]]:
    return read_manifest(out / MANIFEST_NAME)[0]


def output_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST_NAME}


# ------------------------------------------------------------------ tests


def test_outputs_mirror_tree_and_manifest_records(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "a/one.txt", good_text(1))
    write(src / "a/b/two.TXT", good_text(2))
    make_ocr_pdf(src / "three.pdf", "Vaxjo kommun\nhéllbara resultat")
    write(src / "notes.md", "ignored")
    s = run_batch(src, out, backends=FAKES, progress=False)
    assert (len(s.done), s.skipped, s.failed) == (3, [], [])
    assert s.exit_code == 0
    assert "Växjö kommun har en lång historia" in (out / "a/one.txt").read_text(encoding="utf-8")
    assert (out / "a/b/two.edits.json").is_file() and (out / "a/b/two.json").is_file()
    assert "Växjö kommun" in (out / "three.txt").read_text(encoding="utf-8")
    struct = json.loads((out / "three.json").read_text(encoding="utf-8"))
    assert struct["title"].startswith("Växjö kommun")

    text_in = (src / "a/one.txt").read_text(encoding="utf-8")
    text_out = (out / "a/one.txt").read_text(encoding="utf-8")
    ed = json.loads((out / "a/one.edits.json").read_text(encoding="utf-8"))
    assert ed["source"] == "a/one.txt" and len(ed["edits"]) == 7
    for e in ed["edits"]:
        assert text_in[e["start"]:e["end"]] == e["before"]
        assert text_out[e["out_start"]:e["out_end"]] == e["after"]

    from brochure_extract import __version__

    recs = records(out)
    assert set(recs) == {"a/one.txt", "a/b/two.TXT", "three.pdf"}
    r = recs["three.pdf"]
    assert r["status"] == "done" and r["error"] is None and r["version"] == __version__
    assert r["pages"] == 1 and len(r["sha256"]) == 64
    assert {"read_s", "repair_s", "structure_s", "write_s", "total_s"} <= set(r["timings"])
    assert r["outputs"] == ["three.txt", "three.edits.json", "three.json"]


def test_formats_subset_and_references(tmp_path: Path) -> None:
    src, out, ref = tmp_path / "in", tmp_path / "out", tmp_path / "ref"
    write(src / "a/x.txt", good_text(1))
    make_ocr_pdf(src / "a/y.pdf", "Vaxjo kommun")
    write(src / "z.txt", good_text(3))
    write(ref / "a/x.txt", "Växjö referens")
    write(ref / "a/y.txt", "Växjö kommun")
    s = run_batch(src, out, references_dir=ref, formats=("text", "edits"), backends=FAKES, progress=False)
    assert len(s.done) == 3
    recs = records(out)
    assert recs["a/x.txt"]["reference"] == "a/x.txt" and recs["a/y.pdf"]["reference"] == "a/y.txt"
    assert recs["z.txt"]["reference"] is None
    assert json.loads((out / "a/x.edits.json").read_text())["warnings"] == ["reference used (14 chars)"]
    assert not (out / "a/x.json").exists()


def test_output_folder_inside_input_folder_is_not_read_back(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write(src / "a.txt", good_text(1))
    out = src / "cleaned"
    run_batch(src, out, backends=FAKES, progress=False)
    again = run_batch(src, out, backends=FAKES, progress=False)
    assert again.total == 1 and again.skipped == ["a.txt"]
    assert discover_inputs(src, exclude=out) == [src / "a.txt"]
    with pytest.raises(InputError, match="must differ"):
        run_batch(src, src, backends=FAKES, progress=False)


def test_two_runs_cannot_write_one_output_folder(tmp_path: Path) -> None:
    write(tmp_path / "in/a.txt", good_text(1))
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; sys.path.insert(0, sys.argv[2]);"
         "from brochure_extract.manifest import ManifestWriter; w = ManifestWriter(sys.argv[1]);"
         "print('locked', flush=True); time.sleep(60)", str(tmp_path / "out" / MANIFEST_NAME), str(SRC_DIR)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match="another batch run"):
            run_batch(tmp_path / "in", tmp_path / "out", backends=FAKES, progress=False)
    finally:
        holder.kill()
        holder.wait()
    assert len(run_batch(tmp_path / "in", tmp_path / "out", backends=FAKES, progress=False).done) == 1


def test_same_stem_pdf_and_txt_do_not_overwrite_each_other(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    write(src / "b.txt", "Vaxjo text\n")
    make_ocr_pdf(src / "b.pdf", "I&ng pdf")
    write(src / "c.txt", "Vaxjo c\n")
    run_batch(src, out, formats=("text",), backends=FAKES, progress=False)
    assert (out / "b.txt.txt").read_text(encoding="utf-8") == "Växjö text\n"
    assert "lång pdf" in (out / "b.pdf.txt").read_text(encoding="utf-8")
    assert (out / "c.txt").is_file()


def test_every_bad_kind_fails_with_its_reason_and_the_rest_is_done(tmp_path: Path, unreadable: None) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    expected = make_bad_files(src)
    write(src / "good.txt", good_text(1))
    # A previous run's outputs for a now-broken file must not survive next to a failure.
    write(out / "bad/binary.txt", "stale")
    s = run_batch(src, out, backends=FAKES, progress=False)
    assert s.done == ["good.txt"]
    failed = dict(s.failed)
    assert set(failed) == set(expected)
    for rel, pattern in expected.items():
        assert re.search(pattern, failed[rel], re.I), (rel, failed[rel])
        assert "\n" not in failed[rel]
    recs = records(out)
    assert all(recs[rel]["status"] == "failed" and recs[rel]["error"] == failed[rel] for rel in expected)
    assert not (out / "bad/binary.txt").exists()
    report = s.format()
    assert "9 failed" in report and "bad/encrypted.pdf:" in report


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads chmod 000 files")
def test_chmod_000_file_fails_cleanly(tmp_path: Path) -> None:
    src = tmp_path / "in"
    f = write(src / "locked.txt", good_text(1))
    write(src / "ok.txt", good_text(2))
    f.chmod(0)
    try:
        s = run_batch(src, tmp_path / "out", backends=FAKES, progress=False)
    finally:
        f.chmod(0o644)
    assert s.done == ["ok.txt"] and s.failed == [("locked.txt", "permission denied: the file cannot be read")]


def test_missing_input_dir_is_a_clear_error_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match="input directory does not exist"):
        run_batch(tmp_path / "nope", tmp_path / "out", progress=False)
    args = _parse(["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert run_batch_command(args) == 2
    assert "nope: input directory does not exist" in capsys.readouterr().err
    args = _parse(["batch", str(tmp_path), "-o", str(tmp_path / "o"), "--formats", "text,pdf"])
    assert run_batch_command(args) == 2


def test_wired_into_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cli = pytest.importorskip("brochure_extract.cli")
    assert cli.main(["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "out")]) == 2
    assert "input directory does not exist" in capsys.readouterr().err
    write(tmp_path / "in/empty.txt", b"")
    assert cli.main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-progress"]) == 1
    assert "empty.txt: empty file" in capsys.readouterr().out


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="brochure-extract")
    batch_mod.add_batch_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def test_cli_exit_status_and_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(batch_mod, "run_batch", functools.partial(run_batch, backends=FAKES))
    src = tmp_path / "in"
    write(src / "ok.txt", good_text(1))
    args = _parse(["batch", str(src), "-o", str(tmp_path / "out"), "--no-progress"])
    assert args.func is run_batch_command
    assert run_batch_command(args) == 0
    write(src / "empty.txt", b"")
    assert run_batch_command(args) == 1
    out = capsys.readouterr().out
    assert "1 skipped" in out and "1 failed" in out and "empty.txt: empty file" in out


def test_rerun_skips_done_and_redoes_changed_missing_or_torn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(6):
        write(src / f"f{i}.txt", good_text(i))
    write(src / "empty.txt", b"")
    s1 = run_batch(src, out, backends=FAKES, progress=False)
    assert len(s1.done) == 6 and len(s1.failed) == 1
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.txt")}

    s2 = run_batch(src, out, backends=FAKES, progress=False)
    assert (s2.done, len(s2.skipped)) == ([], 6)
    assert [r for r, _ in s2.failed] == ["empty.txt"]  # failures are retried
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.txt")} == mtimes

    write(src / "f1.txt", good_text(1) + "Vaxjo igen\n")  # changed input
    (out / "f2.json").unlink()  # lost output
    with (out / MANIFEST_NAME).open("ab") as fh:  # a torn line about f3, then nothing
        fh.write(b'{"input": "f3.txt", "status": "do')
    s3 = run_batch(src, out, backends=FAKES, progress=False)
    assert sorted(s3.done) == ["f1.txt", "f2.txt"]
    assert s3.manifest_bad_lines == 1
    assert (out / "f1.txt").read_text(encoding="utf-8").endswith("Växjö igen\n")
    recs, bad = read_manifest(out / MANIFEST_NAME)
    assert bad == 1 and recs["f3.txt"]["status"] == "skipped"

    s4 = run_batch(src, out, backends=FAKES, progress=False, formats=("text",), force=True)
    assert len(s4.done) == 6

    monkeypatch.setattr(batch_mod, "code_fingerprint", lambda: "new-lexicon")
    s5 = run_batch(src, out, backends=FAKES, progress=False)
    assert len(s5.done) == 6  # new code or data: results may differ, so everything is redone


def test_code_fingerprint_is_stable_and_short() -> None:
    real_code_fingerprint.cache_clear()
    assert real_code_fingerprint() == real_code_fingerprint()
    assert re.fullmatch(r"[0-9a-f]{16}", real_code_fingerprint())


def test_manifest_reader_and_writer_tolerate_a_torn_line(tmp_path: Path) -> None:
    m = tmp_path / MANIFEST_NAME
    with ManifestWriter(m) as w:
        w.append({"input": "a", "status": "done"})
    with m.open("ab") as fh:
        fh.write(b'{"input": "b", "sta')
    with ManifestWriter(m) as w:
        w.append({"input": "c", "status": "failed"})
    m.open("ab").write(b"[1, 2]\n\xff\xfe\n")
    recs, bad = read_manifest(m)
    assert set(recs) == {"a", "c"} and bad == 3
    assert read_manifest(tmp_path / "none.jsonl") == ({}, 0)


def test_paragraph_chunks_rejoin_and_cut_only_at_blank_lines() -> None:
    text = "".join(f"Stycke {i} " + "ord " * (i % 40) + ("\n\n" if i % 3 else "\r\n \r\n") for i in range(500))
    chunks = list(batch_worker.iter_paragraph_chunks(io.StringIO(text, newline=""), 300))
    assert "".join(chunks) == text and len(chunks) > 5
    assert all(re.search(r"\n[ \t\r]*\n$", c) for c in chunks[:-1])
    assert all(len(c) < 4 * 300 + 300 for c in chunks)
    one_para = "x" * 5000 + "\n" + "y" * 5000
    forced = list(batch_worker.iter_paragraph_chunks(io.StringIO(one_para), 1000))
    assert "".join(forced) == one_para and max(map(len, forced)) <= 5001


def test_large_text_is_chunked_streamed_and_equal_to_whole(tmp_path: Path) -> None:
    src = tmp_path / "in"
    plain = "Kommunen har arbetat med internationella partnerskap och samverkan i mer an femton ar. "
    paras = [f"Stycke {i}. {plain * 2}" + (" Vaxjo I&ng" if i % 10 == 0 else "") for i in range(12_000)]
    write(src / "big.txt", "\r\n\r\n".join(paras) + "\r\n")
    size = (src / "big.txt").stat().st_size
    assert size > 2_000_000

    whole = run_batch(src, tmp_path / "whole", backends=FAKES, progress=False)
    # Warm up the chunked path (imports, caches) so the traced peak is the streaming itself.
    write(tmp_path / "warm" / "w.txt", "\r\n\r\n".join(paras[:50]))
    run_batch(tmp_path / "warm", tmp_path / "warm-out", backends=FAKES, progress=False, large_text_bytes=1024)
    tracemalloc.start()
    chunked = run_batch(src, tmp_path / "chunked", backends=FAKES, progress=False, large_text_bytes=64 * 1024)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"chunked: peak {peak} bytes traced for a {size} byte file")
    assert whole.done == chunked.done == ["big.txt"]
    assert peak < size / 4, f"peak {peak} bytes for a {size} byte file (the whole file would be >= {size})"
    a, b = tmp_path / "whole", tmp_path / "chunked"
    assert (a / "big.txt").read_bytes() == (b / "big.txt").read_bytes()
    ea = json.loads((a / "big.edits.json").read_text(encoding="utf-8"))
    eb = json.loads((b / "big.edits.json").read_text(encoding="utf-8"))
    assert ea["edits"] == eb["edits"] and len(eb["edits"]) == 2400
    rec = records(b)["big.txt"]
    assert rec["chunks"] > 20 and rec["outputs"] == ["big.txt", "big.edits.json"]
    assert any("structure" in w for w in rec["warnings"])
    assert not list(b.rglob("*.tmp"))


def test_large_text_encodings_and_bad_bytes(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    body = ("Vaxjo är en stad.\n\n" * 3000)
    write(src / "cp1252.txt", body.encode("cp1252"))
    write(src / "utf16.txt", body.encode("utf-16"))
    write(src / "nul_late.txt", body.encode() + b"\x00\x01" * 10)
    write(src / "undecodable.txt", body.encode() + b"\x81\x8d\x90\n")
    s = run_batch(src, out, backends=FAKES, progress=False, large_text_bytes=4096)
    assert sorted(s.done) == ["cp1252.txt", "utf16.txt"]
    assert (out / "cp1252.txt").read_text(encoding="utf-8") == body.replace("Vaxjo", "Växjö")
    assert (out / "utf16.txt").read_text(encoding="utf-8") == body.replace("Vaxjo", "Växjö")
    failed = dict(s.failed)
    assert "binary" in failed["nul_late.txt"] and "undecodable" in failed["undecodable.txt"]


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    for i in range(3):
        write(src / f"f{i}.txt", good_text(i))

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    run_batch(src, tmp_path / "o1", backends=FAKES)
    assert pipe.getvalue() == ""
    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    run_batch(src, tmp_path / "o2", backends=FAKES)
    assert "3/3" in tty.getvalue() and "file/s" in tty.getvalue()
    tty2 = Tty()
    monkeypatch.setattr(sys, "stderr", tty2)
    run_batch(src, tmp_path / "o3", backends=FAKES, progress=False)
    assert tty2.getvalue() == ""


def test_worker_crash_fails_only_that_file_and_pool_gives_same_outputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    for i in range(8):
        write(src / f"f{i}.txt", good_text(i))
    make_ocr_pdf(src / "p.pdf", "Vaxjo kommun")
    serial = run_batch(src, tmp_path / "serial", backends=FAKES, progress=False)
    write(src / "f3x.txt", "CRASH_WORKER\n")
    pooled = run_batch(src, tmp_path / "pooled", jobs=2, backends=FAKES, progress=False)
    assert sorted(pooled.done) == sorted(serial.done) and len(serial.done) == 9
    assert pooled.failed == [("f3x.txt", CRASHED)]
    assert output_files(tmp_path / "pooled") == output_files(tmp_path / "serial")
    workers = {r["worker"] for r in records(tmp_path / "pooled").values() if r["status"] == "done"}
    assert os.getpid() not in workers


def test_dask_engine_gives_the_same_outputs_as_local(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    src = tmp_path / "in"
    for i in range(5):
        write(src / f"d/f{i}.txt", good_text(i))
    make_ocr_pdf(src / "p.pdf", "Vaxjo kommun\nhéllbara")
    write(src / "empty.txt", b"")
    local = run_batch(src, tmp_path / "local", backends=FAKES, progress=False)
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        dask = run_batch(src, tmp_path / "dask", engine="dask", scheduler=client, backends=FAKES, progress=False)
    assert sorted(dask.done) == sorted(local.done) and len(local.done) == 6
    assert dask.failed == local.failed == [("empty.txt", "empty file (0 bytes): nothing to repair")]
    assert output_files(tmp_path / "dask") == output_files(tmp_path / "local")


KILL_SCRIPT = textwrap.dedent("""
    import sys
    sys.path[:0] = [sys.argv[3], sys.argv[4]]
    from test_batch import SLOW_FAKES
    from brochure_extract import batch
    from brochure_extract.batch import run_batch
    batch.code_fingerprint = lambda: "test-code"
    run_batch(sys.argv[1], sys.argv[2], jobs=int(sys.argv[5]), backends=SLOW_FAKES, progress=False)
""")


@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_run_resumes_to_identical_outputs(tmp_path: Path, jobs: int) -> None:
    src, out, clean = tmp_path / "in", tmp_path / "out", tmp_path / "clean"
    for i in range(40):
        write(src / f"s{i // 10}/f{i:02d}.txt", good_text(i))
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(src), str(out), str(TESTS_DIR), str(SRC_DIR),
                             str(jobs)])
    deadline = time.monotonic() + 60
    manifest = out / MANIFEST_NAME
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= 8:
            break
        time.sleep(0.02)
    psutil = pytest.importorskip("psutil")
    workers = psutil.Process(proc.pid).children(recursive=True)
    assert len(workers) >= (0 if jobs == 1 else jobs)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    # Orphaned pool workers notice their parent is gone and exit on their own.
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    first, _ = read_manifest(manifest)
    assert 8 <= len(first) < 40

    resumed = run_batch(src, out, backends=FAKES, progress=False)
    assert len(resumed.skipped) == len(first) and len(resumed.done) == 40 - len(first)
    run_batch(src, clean, backends=FAKES, progress=False)
    assert output_files(out) == output_files(clean)
    again = run_batch(src, out, backends=FAKES, progress=False)
    assert again.done == [] and len(again.skipped) == 40


def test_done_when_200_good_files_and_every_bad_kind(tmp_path: Path, unreadable: None) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    for i in range(195):
        write(src / f"box{i % 7}/doc{i:03d}.txt", good_text(i))
    for i in range(5):
        make_ocr_pdf(src / f"pdf/doc{i}.pdf", f"Vaxjo kommun {i}\nhéllbara resultat")
    expected = make_bad_files(src)
    s = run_batch(src, out, jobs=2, backends=FAKES, progress=False)
    assert len(s.done) == 200 and s.skipped == []
    failed = dict(s.failed)
    assert set(failed) == set(expected)
    assert all(re.search(pat, failed[rel], re.I) for rel, pat in expected.items()), failed
    assert sum(1 for _ in (out / "box3").glob("*.json")) == 2 * 28
    again = run_batch(src, out, jobs=2, backends=FAKES, progress=False)
    assert again.done == [] and len(again.skipped) == 200 and dict(again.failed) == failed


@pytest.mark.skipif(
    any(__import__("importlib").util.find_spec(f"brochure_extract.{m}") is None
        for m in ("repair", "pdf", "extract", "segment")),
    reason="the real repair/pdf/extract modules are not in this tree yet",
)
def test_real_pipeline_matches_extract(tmp_path: Path) -> None:
    from brochure_extract.extract import extract

    src, out, ref = tmp_path / "in", tmp_path / "out", tmp_path / "ref"
    write(src / "t.txt", good_text(1))
    make_ocr_pdf(src / "ocr.pdf", "Om Vaxjo kommun\n\n" + PARA[:80] + "\n" + PARA[80:])
    # A text layer that is not recognisably OCR but reads folded (English-model OCR from another
    # engine) is repaired; a clean born-digital one is trusted as it is.
    make_pdf(src / "digital.pdf", "Om Vaxjo kommun\nhéllbara resultat")
    make_pdf(src / "clean.pdf", "Om Växjö kommun\nhållbara resultat för alla")
    make_ocr_pdf(src / "withref.pdf", "Vaxjo kommun har en I&ng historia")
    write(ref / "withref.txt", "Växjö kommun har en lång historia")
    s = run_batch(src, out, references_dir=ref, progress=False)
    assert s.failed == [] and len(s.done) == 5
    recs = records(out)
    assert recs["ocr.pdf"]["text_layer"] == "ocr" and recs["ocr.pdf"]["repaired"] is True
    assert recs["digital.pdf"]["text_layer"] == "born-digital" and recs["digital.pdf"]["repaired"] is True
    assert recs["clean.pdf"]["repaired"] is False and recs["clean.pdf"]["edits"] == 0
    assert "Växjö" in (out / "ocr.txt").read_text(encoding="utf-8")
    assert "Växjö" in (out / "t.txt").read_text(encoding="utf-8")
    assert (out / "digital.txt").read_text(encoding="utf-8") == "Om Växjö kommun\nhållbara resultat"
    assert (out / "clean.txt").read_text(encoding="utf-8") == "Om Växjö kommun\nhållbara resultat för alla"
    for name, reference in (("t.txt", None), ("ocr.pdf", None), ("digital.pdf", None), ("clean.pdf", None),
                            ("withref.pdf", "Växjö kommun har en lång historia")):
        expected = extract(src / name, reference=reference).to_json(indent=2) + "\n"
        got = (out / (Path(name).stem + ".json")).read_text(encoding="utf-8")
        assert got == expected, name
