"""Who may see or use a bank or an article: the conditions every service puts in its queries.

Bundled content (no owner) is everyone's. A teacher's own banks and articles are seen by the
teacher and the learners of their classes, and used (assigned, cited, studied) by the teacher.
An unpublished bank stays on its teacher's list only; a deleted one on nobody's.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, or_, select

from quizapp.models import Bank, Classroom, Membership


def own_or_bundled(owner_column: ColumnElement[int | None], teacher_id: int) -> ColumnElement[bool]:
    """What a teacher may use: bundled content (no owner) and their own."""
    return or_(owner_column.is_(None), owner_column == teacher_id)


def visible_to(owner_column: ColumnElement[int | None], viewer_id: int | None) -> ColumnElement[bool]:
    """Content everyone sees (no owner), or that is the viewer's or their teacher's."""
    if viewer_id is None:
        return owner_column.is_(None)
    # Current members only: a learner removed from a class sees what a stranger sees of its
    # teacher's content.
    teachers = (select(Classroom.teacher_id)
                .join(Membership, Membership.classroom_id == Classroom.id)
                .where(Membership.account_id == viewer_id, Membership.removed_at.is_(None)))
    return or_(owner_column.is_(None), owner_column == viewer_id, owner_column.in_(teachers))


def on_owners_list(teacher_id: int | None) -> ColumnElement[bool]:
    """Banks that are published, or that this teacher unpublished (not deleted): they stay theirs."""
    return or_(Bank.listed, (Bank.owner_id == teacher_id) & Bank.deleted_at.is_(None))


def open_to_learners() -> list[ColumnElement[bool]]:
    """Banks whose questions learners can take today: published and not deleted."""
    return [Bank.listed, Bank.deleted_at.is_(None)]


def assignable_by(teacher_id: int) -> list[ColumnElement[bool]]:
    """Banks a teacher may assign: published, bundled or their own."""
    return [Bank.listed, own_or_bundled(Bank.owner_id, teacher_id)]


def published_by(teacher_id: int) -> list[ColumnElement[bool]]:
    """A teacher's own published banks."""
    return [Bank.owner_id == teacher_id, Bank.listed]


def teachers_learners(teacher_id: int) -> Select[tuple[int]]:
    """The accounts in any of the teacher's classes: whose reports on a bundled bank they read."""
    return (select(Membership.account_id).join(Classroom, Classroom.id == Membership.classroom_id)
            .where(Classroom.teacher_id == teacher_id))
