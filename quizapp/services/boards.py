"""Class boards: the ranking of a class, as its learners and the projector on the wall see it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, exists, or_, select
from sqlalchemy.orm import Session, aliased

from quizapp.database import HotQuery
from quizapp.domain.standings import Member, Standing, standings, top_and_mine
from quizapp.models import Account, Classroom, Membership
from quizapp.services.classrooms import ACTIVE_MEMBER, OPEN_CLASS

_Viewer = aliased(Membership)


def board(session: Session, classroom_id: int, language: str | None = None) -> list[Standing]:
    """The class board: every member's total, ranked; ties by name in ``language``'s order
    (see standings for the tie rule)."""
    rows = session.execute(
        select(Membership.account_id, Account.display_name, Membership.total)
        .join(Account, Account.id == Membership.account_id)
        .where(Membership.classroom_id == classroom_id, ACTIVE_MEMBER)
        .order_by(Membership.total.desc()))
    return standings((Member(*row) for row in rows), language)


@dataclass(frozen=True)
class BoardPage:
    """A class board as one of its learners may see it."""

    name: str
    hidden: bool
    rows: list[Standing]
    mine: Standing | None


_MEMBER_BOARD = HotQuery(
    select(Classroom.name, Classroom.board_mode, Membership.account_id, Account.display_name,
           Membership.total)
    .join(Membership, Membership.classroom_id == Classroom.id)
    .join(Account, Account.id == Membership.account_id)
    .where(Classroom.id == bindparam("classroom_id"), OPEN_CLASS, ACTIVE_MEMBER,
           # a hidden board still names the class, through the viewer's own row only
           or_(Classroom.board_mode != "hidden", Membership.account_id == bindparam("account_id")),
           exists().where(_Viewer.classroom_id == Classroom.id, _Viewer.removed_at.is_(None),
                          _Viewer.account_id == bindparam("account_id"))))


def board_for_member(session: Session, classroom_id: int, account_id: int,
                     language: str | None = None) -> BoardPage | None:
    """The board of a learner's class as the teacher chose to show it; None if not a member.
    Learners tied on points are listed by name in ``language``'s order.

    Learners look at the board often, so it is one query, run straight on the driver.
    """
    rows = _MEMBER_BOARD.all(session, classroom_id=classroom_id, account_id=account_id)
    if not rows:
        return None
    name, mode = rows[0][0], rows[0][1]
    if mode == "hidden":
        return BoardPage(name, True, [], None)
    ranked = standings((Member(row[2], row[3], row[4]) for row in rows), language)
    if mode == "top10":
        top, mine = top_and_mine(ranked, account_id)
        return BoardPage(name, False, top, mine)
    return BoardPage(name, False, ranked, None)


def classroom_by_projector(session: Session, token: str) -> Classroom | None:
    """The class whose projector link this is, if the link is still live."""
    return session.scalar(select(Classroom).where(Classroom.projector_token == token, OPEN_CLASS))


def archived_projector_language(session: Session, token: str) -> str | bool | None:
    """For the projector link of an archived class: the class's language (None: the browser's);
    False when the link is no archived class's."""
    row = session.execute(select(Classroom.language).where(
        Classroom.projector_token == token, Classroom.archived_at.is_not(None))).first()
    return False if row is None else row.language
