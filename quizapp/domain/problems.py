"""The one shape every mistake in a teacher's file is reported in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake: ``PATH:LINE: SUBJECT: MESSAGE``, where subject is ``bank`` or ``bank/question``."""

    path: str
    line: int
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.subject}: {self.message}"
