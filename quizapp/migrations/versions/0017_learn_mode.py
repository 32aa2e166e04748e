"""learn mode: an assignment is taken in learn or test mode, an attempt remembers its mode
and how many of its questions were checked one at a time

Existing assignments stay in test mode (feedback at the end, as before); existing attempts
are whole-quiz attempts with nothing checked.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('assignment') as batch:
        batch.add_column(sa.Column('mode', sa.String(length=8), server_default='test', nullable=False))
    with op.batch_alter_table('attempt') as batch:
        batch.add_column(sa.Column('learn', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column('checked', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('attempt') as batch:
        batch.drop_column('checked')
        batch.drop_column('learn')
    with op.batch_alter_table('assignment') as batch:
        batch.drop_column('mode')
