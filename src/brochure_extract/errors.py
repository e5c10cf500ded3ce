"""Errors a user can act on. Every one names the input and the problem in one line."""
from __future__ import annotations


class BrochureExtractError(Exception):
    """Base class: the CLI prints ``str(err)`` on one line and exits non-zero."""


class InputError(BrochureExtractError):
    """An input file cannot be used (missing, binary, undecodable, broken PDF, ...).

    ``source`` is the file (or ``"<stdin>"``) and ``problem`` a short reason, so a
    batch can record both in its manifest.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")
