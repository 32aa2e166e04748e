"""answers: drop the index on question_version_id, which no query uses

Answers are read through their attempt (the unique attempt_id, position index);
question versions are never deleted. The index only made recording an attempt
slower as the answer table grew.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 13:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.drop_index('ix_answer_question_version_id', table_name='answer')


def downgrade() -> None:
    """Revert this revision."""
    op.create_index('ix_answer_question_version_id', 'answer', ['question_version_id'],
                    unique=False)
