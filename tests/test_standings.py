"""Ranking a class board: the tie rule, empty classes, members without attempts."""

from __future__ import annotations

from quizapp.domain.standings import (
    WALL_ROWS,
    WALL_ROWS_WITHOUT_PODIUM,
    Member,
    Standing,
    standings,
    top_and_mine,
    wall_page,
)


def board(*members: tuple[str, int]) -> list[tuple[int, str, int]]:
    ranked = standings(Member(n, name, total) for n, (name, total) in enumerate(members))
    return [(s.rank, s.display_name, s.total) for s in ranked]


def test_standard_competition_ranking() -> None:
    assert board(("Bilal", 7), ("Ayesha", 9), ("Carlos", 7), ("Dina", 3)) == [
        (1, "Ayesha", 9), (2, "Bilal", 7), (2, "Carlos", 7), (4, "Dina", 3)]


def test_ties_are_listed_by_display_name_without_regard_to_case() -> None:
    assert board(("zoe", 5), ("Adam", 5), ("bea", 5)) == [
        (1, "Adam", 5), (1, "bea", 5), (1, "zoe", 5)]


def test_several_ties_in_a_row() -> None:
    assert [rank for rank, _, _ in board(("a", 5), ("b", 5), ("c", 4), ("d", 4), ("e", 1))] == [
        1, 1, 3, 3, 5]


def test_an_empty_class_has_an_empty_board() -> None:
    assert board() == []


def test_members_without_attempts_share_the_last_place_with_zero() -> None:
    assert board(("Ali", 0), ("Ben", 2), ("Cai", 0)) == [(1, "Ben", 2), (2, "Ali", 0), (2, "Cai", 0)]


def test_same_names_are_ordered_by_account_so_the_board_does_not_wobble() -> None:
    ranked = standings([Member(9, "Sam", 1), Member(3, "Sam", 1)])
    assert [s.account_id for s in ranked] == [3, 9]


def test_top_ten_and_my_rank() -> None:
    ranked = standings(Member(n, f"m{n:02}", 100 - n) for n in range(15))
    head, mine = top_and_mine(ranked, account_id=13)
    assert [s.account_id for s in head] == list(range(10))
    assert mine == Standing(14, 13, "m13", 87)
    assert top_and_mine(ranked, account_id=2)[1] is None
    assert top_and_mine(ranked, account_id=99)[1] is None


def wall_members(totals: list[int]) -> list[Standing]:
    return standings([Member(i, f"Learner {i:02d}", total) for i, total in enumerate(totals)])


def test_the_wall_has_no_podium_until_someone_scores() -> None:
    first = wall_page(wall_members([0] * 30), 1)
    assert first.podium == [] and len(first.rows) == WALL_ROWS_WITHOUT_PODIUM
    assert not any(row.has_points for row in first.rows)  # shown unranked, not "1"
    assert (first.pages, first.next_page) == (2, 2)
    second = wall_page(wall_members([0] * 30), 2)
    assert [row.display_name for row in first.rows + second.rows] == [
        f"Learner {i:02d}" for i in range(30)]
    assert second.next_page == 1


def test_the_podium_holds_only_those_with_points_and_the_pages_show_everyone_else() -> None:
    board = wall_members([5, 3] + [0] * 28)
    pages = [wall_page(board, n) for n in range(1, wall_page(board, 1).pages + 1)]
    assert [s.display_name for s in pages[0].podium] == ["Learner 00", "Learner 01"]
    assert all(page.podium == pages[0].podium for page in pages)
    shown = [row.account_id for page in pages for row in page.rows]
    assert sorted(shown) == list(range(2, 30)) and len(pages[0].rows) == WALL_ROWS
    assert [page.turns for page in pages] == [True] * len(pages)


def test_a_page_past_the_last_is_the_first_and_a_small_class_does_not_turn() -> None:
    board = wall_members([4, 2, 1, 0])
    assert wall_page(board, 9).page == 1
    small = wall_page(board, 1)
    assert (small.pages, small.turns, [r.display_name for r in small.rows]) == (1, False, ["Learner 03"])
    assert wall_page([], 1).pages == 1
