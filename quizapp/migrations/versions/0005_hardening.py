"""accounts: when the session was last seen, so idle sessions expire on the server

``session_seen_at`` is Unix seconds (an integer reads the same from every driver on
the hot path that checks it). Accounts signed in before this revision have none:
their sessions count as expired, and they sign in once more.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_seen_at', sa.BigInteger(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('session_seen_at')
