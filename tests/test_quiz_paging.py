"""Which questions each page of a quiz shows, and where a learner who comes back resumes."""

from __future__ import annotations

import pytest

from quizapp.domain.quiz_paging import page_count, page_of, quiz_page_range, resume_page


@pytest.mark.parametrize(("total", "sizes"), [
    (1, [1]), (5, [5]), (6, [3, 3]), (10, [5, 5]), (11, [4, 4, 3]), (12, [4, 4, 4]), (17, [5, 4, 4, 4]),
])
def test_pages_are_as_even_as_can_be_and_cover_every_question_once(total: int, sizes: list[int]) -> None:
    pages = [quiz_page_range(n, total) for n in range(1, page_count(total) + 1)]
    assert [len(page.positions) for page in pages] == sizes
    assert [p for page in pages for p in page.positions] == list(range(1, total + 1))
    assert [page.is_last for page in pages] == [False] * (len(sizes) - 1) + [True]


@pytest.mark.parametrize(("asked", "shown"), [(0, 1), (-3, 1), (99, 3), (2, 2)])
def test_a_page_number_out_of_range_shows_the_nearest_page(asked: int, shown: int) -> None:
    assert quiz_page_range(asked, 12).number == shown


def test_each_question_is_found_on_its_page() -> None:
    assert [page_of(p, 17) for p in range(1, 18)] == [1] * 5 + [2] * 4 + [3] * 4 + [4] * 4


@pytest.mark.parametrize(("answered", "page"), [
    (set(), 1), ({1, 2, 3, 4}, 2), ({1, 2, 3, 4, 6}, 2), ({1, 2, 3, 4, 5, 6, 7, 8}, 3), ({1, 2, 3}, 1),
    (set(range(1, 13)), 3), ({5, 6, 7, 8, 9, 10, 11, 12}, 1),
])
def test_a_learner_resumes_at_the_first_page_with_an_unanswered_question(answered: set[int],
                                                                         page: int) -> None:
    assert resume_page(12, answered) == page
