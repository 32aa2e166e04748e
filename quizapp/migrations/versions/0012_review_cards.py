"""review cards: when each learner should see each question again (FSRS), and review runs

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'review_card',
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('stability', sa.Double(), nullable=False),
        sa.Column('difficulty', sa.Double(), nullable=False),
        sa.Column('due', sa.DateTime(), nullable=False),
        sa.Column('last_review', sa.DateTime(), nullable=False),
        sa.Column('reviews', sa.Integer(), nullable=False),
        sa.Column('lapses', sa.Integer(), nullable=False),
        sa.Column('concept', sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'],
                                name=op.f('fk_review_card_account_id_account')),
        sa.ForeignKeyConstraint(['question_id'], ['question.id'],
                                name=op.f('fk_review_card_question_id_question')),
        sa.PrimaryKeyConstraint('account_id', 'question_id', name=op.f('pk_review_card')),
    )
    op.create_index('ix_review_card_account_due', 'review_card',
                    ['account_id', 'due', 'concept', 'question_id'])
    with op.batch_alter_table('attempt') as batch:
        batch.add_column(sa.Column('review', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('attempt') as batch:
        batch.drop_column('review')
    op.drop_index('ix_review_card_account_due', table_name='review_card')
    op.drop_table('review_card')
