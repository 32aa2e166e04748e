"""The one shape every mistake in a teacher's file is reported in."""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.domain.messages import Message, Translate, untranslated


@dataclass(frozen=True)
class Problem:
    """One mistake: ``PATH:LINE: SUBJECT: MESSAGE``, where subject is ``bank`` or ``bank/question``."""

    path: str
    line: int
    subject: str
    message: Message

    def render(self, translate: Translate = untranslated) -> str:
        """``PATH:LINE: SUBJECT: MESSAGE`` with the message in the language of ``translate``."""
        return f"{self.path}:{self.line}: {self.subject}: {self.message.render(translate)}"

    def __str__(self) -> str:
        return self.render()


def in_file_order(problems: list[Problem]) -> list[Problem]:
    """Sort by file and line, keeping the order problems were found in within a line."""
    return sorted(problems, key=lambda problem: (problem.path, problem.line))
