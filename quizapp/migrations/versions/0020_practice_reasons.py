"""practice reasons: why an attempt started to count was kept as practice when it was sent

An attempt started before its class was archived or its bank unpublished, and sent
afterwards, is kept as practice, as one sent after the due date is (0016); the result page
says why, from this column. Attempts marked practice before it have no reason stored: their
page says nothing new.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('attempt') as batch:
        batch.add_column(sa.Column('practice_reason', sa.String(length=20), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('attempt') as batch:
        batch.drop_column('practice_reason')
