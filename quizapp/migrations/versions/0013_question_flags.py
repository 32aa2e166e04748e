"""question flags: problems learners report with a question, for its teacher to close

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'question_flag',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('question_version_id', sa.Integer(), nullable=False),
        sa.Column('attempt_id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=16), nullable=False),
        sa.Column('comment', sa.String(length=500), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('closed_at', sa.DateTime(), nullable=True),
        sa.Column('closed_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'],
                                name=op.f('fk_question_flag_account_id_account')),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'],
                                name=op.f('fk_question_flag_attempt_id_attempt')),
        sa.ForeignKeyConstraint(['closed_by'], ['account.id'],
                                name=op.f('fk_question_flag_closed_by_account')),
        sa.ForeignKeyConstraint(['question_version_id'], ['question_version.id'],
                                name=op.f('fk_question_flag_question_version_id_question_version')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_flag')),
        sa.UniqueConstraint('attempt_id', 'question_version_id',
                            name=op.f('uq_question_flag_attempt_id_question_version_id')),
        sa.UniqueConstraint('question_version_id', 'account_id',
                            name=op.f('uq_question_flag_question_version_id_account_id')),
    )
    op.create_index(op.f('ix_question_flag_account_id'), 'question_flag', ['account_id'])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index(op.f('ix_question_flag_account_id'), table_name='question_flag')
    op.drop_table('question_flag')
