"""sources: a kind (news article or explainer) and an explainer's references

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 22:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: every source stored so far is a news article."""
    with op.batch_alter_table('source') as batch:
        batch.add_column(sa.Column('kind', sa.String(length=16), server_default='article',
                                   nullable=False))
        batch.add_column(sa.Column('references', sa.JSON(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('source') as batch:
        batch.drop_column('references')
        batch.drop_column('kind')
