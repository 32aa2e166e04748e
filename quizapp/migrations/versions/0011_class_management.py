"""class management: removed learners, archived classes, deleted assignments and banks

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each is a time, None while the row is in use: rows are marked, never deleted, so
# attempts and scores keep what they point at.
COLUMNS = [('membership', 'removed_at'), ('classroom', 'archived_at'),
           ('assignment', 'deleted_at'), ('bank', 'deleted_at')]


def upgrade() -> None:
    """Apply this revision."""
    for table, column in COLUMNS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    for table, column in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
