"""A class board: members ranked by their total score."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.domain.collation import name_key


@dataclass(frozen=True)
class Member:
    """A class member's total: the sum of their best score on each assignment."""

    account_id: int
    display_name: str
    total: int


@dataclass(frozen=True)
class Standing:
    """A member's place on the board."""

    rank: int
    account_id: int
    display_name: str
    total: int

    @property
    def has_points(self) -> bool:
        """True once the member has scored: only then are they ranked on the wall, so that
        nobody is "first" with 0 points before anyone has answered."""
        return self.total > 0


def standings(members: Iterable[Member], language: str | None = None) -> list[Standing]:
    """Rank members by total, highest first, with standard competition ranking.

    Tie rule: members with equal totals share a rank, and the next rank skips as many
    places as were shared (1, 2, 2, 4). Tied members are listed by display name in the
    order of ``language`` (``collation``: "Ángel" with A; None: the root order, which
    sets accents and case aside too), then by account id so the order never wobbles.
    Members with no attempts have a total of 0 and are ranked like everyone else.
    """
    name = name_key(language)
    ordered = sorted(members, key=lambda m: (-m.total, name(m.display_name), m.account_id))
    board: list[Standing] = []
    for place, member in enumerate(ordered, start=1):
        tied = board and board[-1].total == member.total
        rank = board[-1].rank if tied else place
        board.append(Standing(rank, member.account_id, member.display_name, member.total))
    return board


def top_and_mine(board: list[Standing], account_id: int, top: int = 10) -> tuple[list[Standing],
                                                                                  Standing | None]:
    """The first ``top`` places, and the viewer's own standing when it is not among them."""
    head = board[:top]
    if any(standing.account_id == account_id for standing in head):
        return head, None
    mine = next((standing for standing in board if standing.account_id == account_id), None)
    return head, mine


PODIUM = 3
WALL_ROWS = 12  # rows of a wall page under the podium: two columns of six fit 1920 × 1080
WALL_ROWS_WITHOUT_PODIUM = 18  # before anyone scores, the podium's room holds names too


@dataclass(frozen=True)
class WallPage:
    """One page of the board on the classroom's wall; the pages turn so everyone is shown."""

    podium: list[Standing]  # the first places that have points: empty until someone scores
    rows: list[Standing]  # this page's share of everyone else
    page: int  # from 1
    pages: int

    @property
    def turns(self) -> bool:
        """True when there is more than one page to turn through."""
        return self.pages > 1

    @property
    def next_page(self) -> int:
        """The page shown after this one: the first again after the last."""
        return self.page % self.pages + 1


def wall_page(board: list[Standing], page: int) -> WallPage:
    """Page ``page`` of the wall (page 1 when there is no such page): the podium on every page,
    and a page's worth of the others, in the board's order, so that each name comes round."""
    podium = [standing for standing in board[:PODIUM] if standing.has_points]
    rest = board[len(podium):]
    size = WALL_ROWS if podium else WALL_ROWS_WITHOUT_PODIUM
    pages = max(1, -(-len(rest) // size))
    page = page if 1 <= page <= pages else 1
    return WallPage(podium, rest[(page - 1) * size:page * size], page, pages)
