"""The lines of a teacher's file around its problems, for showing mistakes beside the text."""

from __future__ import annotations

from dataclasses import dataclass, field

from quizapp.domain.problems import Problem

CONTEXT_LINES = 2


@dataclass
class ListedLine:
    """A line of the file, with the problems found on it; ``number`` 0 marks skipped lines."""

    number: int
    text: str
    problems: list[Problem] = field(default_factory=list)


def lines_around_problems(text: str, problems: list[Problem]) -> list[ListedLine]:
    """Each problem's line with a little context; runs of untroubled lines become one gap."""
    lines = text.rstrip("\n").split("\n")
    by_line: dict[int, list[Problem]] = {}
    for problem in problems:
        by_line.setdefault(min(max(problem.line, 1), len(lines)), []).append(problem)
    shown = {n for line in by_line for n in range(line - CONTEXT_LINES, line + CONTEXT_LINES + 1)
             if 1 <= n <= len(lines)}
    listing: list[ListedLine] = []
    for number in range(1, len(lines) + 1):
        if number in shown:
            listing.append(ListedLine(number, lines[number - 1], by_line.get(number, [])))
        elif listing and listing[-1].number != 0:
            listing.append(ListedLine(0, ""))
    if listing and listing[0].number > 1:
        listing.insert(0, ListedLine(0, ""))
    return listing
