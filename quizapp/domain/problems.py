"""The one shape every mistake in a teacher's file is reported in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One mistake: ``PATH:LINE: SUBJECT: MESSAGE``, where subject is ``bank`` or ``bank/question``."""

    path: str
    line: int
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.subject}: {self.message}"


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Sort by file and line, keeping the order problems were found in within a line."""
    return sorted(problems, key=lambda problem: (problem.path, problem.line))
