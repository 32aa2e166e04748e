"""A quiz shown a few questions at a time: which questions are on which page, and where to resume.

Each page the learner leaves is saved, so a reload, a dropped connection or a flat battery
loses at most the page in front of them (and with JavaScript, not even that).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

QUESTIONS_PER_PAGE = 5


@dataclass(frozen=True)
class QuizPageRange:
    """One page of a quiz: its number (from 1), how many pages there are, and its positions."""

    number: int
    count: int
    first: int
    last: int

    @property
    def positions(self) -> range:
        """The question positions on this page (positions count from 1)."""
        return range(self.first, self.last + 1)

    @property
    def is_last(self) -> bool:
        """Whether this page is the one with the submit button."""
        return self.number == self.count


def page_count(total: int, per_page: int = QUESTIONS_PER_PAGE) -> int:
    """How many pages ``total`` questions take, at most ``per_page`` on each (one page at least)."""
    return max(1, -(-total // per_page))


def quiz_page_range(number: int, total: int, per_page: int = QUESTIONS_PER_PAGE) -> QuizPageRange:
    """Page ``number`` (clamped into range) of ``total`` questions, with pages as even as can be.

    Twelve questions make three pages of four; eleven make four, four and three, never five, five and one.
    """
    count = page_count(total, per_page)
    number = min(max(number, 1), count)
    base, extra = divmod(total, count)
    first = 1 + (number - 1) * base + min(number - 1, extra)
    size = base + (1 if number <= extra else 0)
    return QuizPageRange(number, count, first, first + size - 1)


def page_of(position: int, total: int, per_page: int = QUESTIONS_PER_PAGE) -> int:
    """The page number that shows question ``position``."""
    for number in range(1, page_count(total, per_page) + 1):
        if position <= quiz_page_range(number, total, per_page).last:
            return number
    return page_count(total, per_page)


def resume_page(total: int, answered: Collection[int], per_page: int = QUESTIONS_PER_PAGE) -> int:
    """Where a learner coming back picks up: the first page with a question not yet answered."""
    for position in range(1, total + 1):
        if position not in answered:
            return page_of(position, total, per_page)
    return page_count(total, per_page)
