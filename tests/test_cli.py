"""The command line: the README's main job, stdin/stdout, and one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

from brochure_extract.cli import main


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "brochure_extract", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_repair_stdin_to_stdout() -> None:
    p = run("repair", stdin="Det ar en I&ng historia.\n".encode())
    assert p.returncode == 0
    assert p.stdout.decode() == "Det är en lång historia.\n"


def test_repair_json_and_explain(tmp_path, capsys) -> None:
    src = tmp_path / "in.txt"
    src.write_text("Vaxjé kommun\n", encoding="utf-8")
    assert main(["repair", str(src), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"] == "Växjö kommun\n"
    assert data["edits"][0]["before"] == "Vaxjé" and data["edits"][0]["after"] == "Växjö"
    assert main(["repair", str(src), "--explain", "-o", str(tmp_path / "out.txt")]) == 0
    assert "'Vaxjé' -> 'Växjö'" in capsys.readouterr().err
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "Växjö kommun\n"


def test_errors_are_one_line_and_non_zero(tmp_path) -> None:
    missing = run("repair", str(tmp_path / "missing.txt"))
    assert missing.returncode != 0
    err = missing.stderr.decode().strip()
    assert "missing.txt" in err and "no such file" in err and "Traceback" not in err
    binary = tmp_path / "b.bin"
    binary.write_bytes(bytes(range(256)))
    p = run("repair", str(binary))
    assert p.returncode != 0 and b"binary" in p.stderr and b"Traceback" not in p.stderr


def test_empty_input_gives_empty_output() -> None:
    p = run("repair", stdin=b"")
    assert p.returncode == 0 and p.stdout == b""


def test_repair_with_reference(tmp_path) -> None:
    ocr = tmp_path / "ocr.txt"
    ref = tmp_path / "ref.txt"
    ocr.write_text("Vi far ga till Aoby skola.\n", encoding="utf-8")
    ref.write_text("Vi får gå till Åby skola.\n", encoding="utf-8")
    p = run("repair", str(ocr), "--reference", str(ref))
    assert p.returncode == 0 and p.stdout.decode() == "Vi får gå till Åby skola.\n"


BROCHURES = __import__("pathlib").Path(__file__).resolve().parent / "data" / "brochures"


def test_repair_reads_a_pdf_text_layer() -> None:
    p = run("repair", str(BROCHURES / "lovsjo.scan.pdf"))
    assert p.returncode == 0
    assert "å" in p.stdout.decode() or "ä" in p.stdout.decode()


def test_extract_formats(tmp_path) -> None:
    out = tmp_path / "b.json"
    p = run("extract", str(BROCHURES / "ekdala.pdf"), "-o", str(out))
    assert p.returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["title"] and data["projects"]
    md = run("extract", str(BROCHURES / "ekdala.pdf"), "--format", "markdown")
    assert md.returncode == 0 and md.stdout.decode().startswith("# ")
    jl = run("extract", str(BROCHURES / "ekdala.pdf"), "--format", "jsonl")
    assert jl.returncode == 0 and all(json.loads(line) for line in jl.stdout.decode().splitlines())


def test_broken_pdfs_get_one_line_errors() -> None:
    for name, words in [("broken_encrypted.pdf", "encrypted"), ("broken_truncated.pdf", "truncated"),
                        ("broken_image_only.pdf", "ocrmypdf")]:
        p = run("extract", str(BROCHURES / name))
        err = p.stderr.decode().strip()
        assert p.returncode == 2 and words in err and name in err and "\n" not in err
