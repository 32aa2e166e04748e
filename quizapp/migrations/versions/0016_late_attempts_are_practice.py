"""late attempts are practice: an attempt sent after its due date is marked as not counting

Recording now marks every submission that does not count (sent after the due date, beyond
the attempts allowed, on a deleted assignment) as practice, so a learner's best score and
attempt count can be checked against their attempts that count (``quizapp check``). Before,
a late submission kept its mark; this marks those already stored, judged by the due date
stored now (a due date moved later after a late submission makes such an attempt look on
time: ``quizapp check`` then names it).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    attempt = sa.table('attempt', sa.column('counts', sa.Boolean()),
                       sa.column('submitted_at', sa.DateTime()),
                       sa.column('assignment_id', sa.Integer()))
    assignment = sa.table('assignment', sa.column('id', sa.Integer()),
                          sa.column('due_at', sa.DateTime()))
    late = (sa.select(assignment.c.id)
            .where(assignment.c.id == attempt.c.assignment_id, assignment.c.due_at.is_not(None),
                   attempt.c.submitted_at >= assignment.c.due_at))
    op.execute(attempt.update().where(attempt.c.counts == sa.true(),
                                      attempt.c.submitted_at.is_not(None), late.exists())
               .values(counts=False))


def downgrade() -> None:
    """Nothing to undo: a late attempt never counted, whatever its mark said."""
