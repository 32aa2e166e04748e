"""levels and streaks: a learner's daily goal, and whether a review card's latest answer was right

``account.daily_goal`` is the number of questions a learner means to answer a day (None: the
default), for their streak. ``review_card.last_right`` lets a question missed today be reviewed
today; cards from before it are taken as last answered right (they were not missed today).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('account') as batch:
        batch.add_column(sa.Column('daily_goal', sa.Integer(), nullable=True))
    with op.batch_alter_table('review_card') as batch:
        batch.add_column(sa.Column('last_right', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('review_card') as batch:
        batch.drop_column('last_right')
    with op.batch_alter_table('account') as batch:
        batch.drop_column('daily_goal')
