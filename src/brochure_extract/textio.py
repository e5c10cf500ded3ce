"""Reading text input safely: bytes in, ``str`` out, or an ``InputError`` that says why.

Archives hold files in UTF-8, UTF-16 with a BOM and Windows cp1252; we try those
in that order and refuse binary data instead of returning mojibake.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import InputError

#: Control characters that never occur in text files (NUL and friends).
_BINARY_BYTES = bytes(range(0, 9)) + bytes([11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31])


def decode_bytes(data: bytes, source: str = "<input>") -> str:
    """Decode ``data`` as UTF-8, UTF-16 (BOM) or cp1252; raise ``InputError`` for binary data."""
    if not data:
        return ""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", source)
    if data.startswith(b"%PDF"):
        raise InputError(source, "this is a PDF; pass it to 'extract' or 'batch', which read PDFs")
    sample = data[:65536]
    if b"\x00" in sample or sum(sample.count(bytes([b])) for b in _BINARY_BYTES) > len(sample) // 100:
        raise InputError(source, "binary data, not text (no UTF-8/UTF-16/cp1252 text found)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise InputError(
            source, f"undecodable text: not UTF-8, UTF-16 or cp1252 (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    return text


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(source, f"undecodable {encoding} text at byte offset {err.start}") from None


def read_text(path: str | os.PathLike[str] | None) -> str:
    """Read a text file (or stdin when ``path`` is None or ``"-"``) with clear errors."""
    if path is None or str(path) == "-":
        return decode_bytes(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    name = str(path)
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, not a file")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise InputError(name, "permission denied: the file cannot be read") from None
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from None
    return decode_bytes(data, name)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temp file in the same folder and a rename.

    A killed process leaves either the old file or the new one, never half a file.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
