"""The batch manifest: one JSON object per line, appended and fsynced file by file.

Append-only so a run killed at any moment loses at most the line being written;
a rerun reads it tolerantly (a torn or garbled line is ignored, the file it was
about is simply redone) and learns which files are already done.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import InputError

MANIFEST_NAME = "manifest.jsonl"


def read_manifest(path: str | os.PathLike[str]) -> tuple[dict[str, dict[str, Any]], int]:
    """Return (last record per input, number of unreadable lines).

    A missing manifest is an empty one. Lines that are not a JSON object with an
    ``input`` key (a torn last line after a kill, a stray edit) are counted, not fatal.
    """
    p = Path(path)
    latest: dict[str, dict[str, Any]] = {}
    bad = 0
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        return latest, 0
    with fh:
        for raw in fh:
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                bad += 1
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("input"), str):
                bad += 1
                continue
            latest[rec["input"]] = rec
    return latest, bad


class ManifestWriter:
    """Appends records, each as one ``write`` followed by flush and fsync.

    If the file ends in a torn line (no final newline) a newline is written first,
    so the next record never gets glued onto the fragment.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = _lock(self.path)
        self._fh = self.path.open("ab")
        if self._fh.tell() > 0 and not _ends_with_newline(self.path):
            self._write(b"\n")

    def append(self, record: dict[str, Any]) -> None:
        line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
        self._write(line.encode("utf-8"))

    def extend(self, records: Iterable[dict[str, Any]]) -> None:
        for rec in records:
            self.append(rec)

    def _write(self, data: bytes) -> None:
        self._fh.write(data)
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        self._fh.close()
        if self._lock_fd >= 0:
            os.close(self._lock_fd)  # releases the lock
            self._lock_fd = -1

    def __enter__(self) -> ManifestWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _lock(path: Path) -> int:
    """Take ``.NAME.lock`` beside the manifest, so two runs into one folder cannot interleave.

    A POSIX record lock (``lockf``), not ``flock``: it belongs to this process only, so
    forked worker processes that outlive a killed run do not keep the folder locked.
    Returns the lock's file descriptor (-1 where there is no ``fcntl``).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        return -1
    fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise InputError(str(path.parent), "another batch run is writing to this output folder") from None
    return fd


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) == b"\n"
