"""Reading input: usual encodings decoded, bad input refused with a clear reason."""
from __future__ import annotations

import pytest

from brochure_extract.errors import InputError
from brochure_extract.textio import decode_bytes, read_text, write_atomic


def test_decodes_the_usual_encodings() -> None:
    s = "Växjö är en stad."
    assert decode_bytes(s.encode("utf-8")) == s
    assert decode_bytes(b"\xef\xbb\xbf" + s.encode("utf-8")) == s
    assert decode_bytes(s.encode("utf-16")) == s
    assert decode_bytes(s.encode("cp1252")) == s


def test_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(256)) * 4, "x.bin")


def test_pdf_is_pointed_elsewhere() -> None:
    with pytest.raises(InputError, match="PDF"):
        decode_bytes(b"%PDF-1.7\n...", "a.txt")


def test_bad_utf16_is_refused() -> None:
    with pytest.raises(InputError, match="undecodable"):
        decode_bytes(b"\xff\xfe\x00\xd8", "bad.txt")


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_text(tmp_path)


def test_empty_file_is_empty_text(tmp_path) -> None:
    p = tmp_path / "e.txt"
    p.write_bytes(b"")
    assert read_text(p) == ""


def test_write_atomic_leaves_no_temp_files(tmp_path) -> None:
    target = tmp_path / "out" / "a.txt"
    write_atomic(target, "hej")
    write_atomic(target, "hej igen")
    assert target.read_text(encoding="utf-8") == "hej igen"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]
