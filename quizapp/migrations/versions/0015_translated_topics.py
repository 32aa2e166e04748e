"""translated topics: a bank translation's words for the bank's topic tags

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('bank_translation') as batch:
        batch.add_column(sa.Column('tags', sa.JSON(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('bank_translation') as batch:
        batch.drop_column('tags')
