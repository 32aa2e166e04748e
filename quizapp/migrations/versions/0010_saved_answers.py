"""attempts: answers saved page by page before the attempt is submitted

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 01:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'saved_answer',
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('values', sa.JSON(), nullable=False),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_saved_answer_attempt_id_attempt')),
        sa.PrimaryKeyConstraint('attempt_id', 'position', name=op.f('pk_saved_answer')),
    )
    with op.batch_alter_table('attempt') as batch:
        batch.add_column(sa.Column('answers_saved_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('attempt') as batch:
        batch.drop_column('answers_saved_at')
    op.drop_table('saved_answer')
