"""languages: an account's chosen language; a class's default language and time zone

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 21:30:00

Another branch adds 0005; the chain is mended when both are merged.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=35), nullable=True))
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=35), nullable=True))
        # Existing classes keep showing UTC, as they did before classes had a zone.
        batch_op.add_column(sa.Column('timezone', sa.String(length=64), server_default='UTC',
                                      nullable=False))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.drop_column('timezone')
        batch_op.drop_column('language')
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('language')
