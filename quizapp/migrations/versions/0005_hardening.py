"""accounts: when the session was last seen, so idle sessions expire on the server; names cleaned

``session_seen_at`` is Unix seconds (an integer reads the same from every driver on
the hot path that checks it). Accounts signed in before this revision have none:
their sessions count as expired, and they sign in once more.

Display names stored before names were cleaned lose their control and format
characters (bidi overrides, zero-width characters) as new names do; a name with
nothing visible left becomes the account's username.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 21:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from quizapp.domain.names import clean_name

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_seen_at', sa.BigInteger(), nullable=True))
    account = sa.table('account', sa.column('id', sa.Integer()), sa.column('username', sa.String()),
                       sa.column('display_name', sa.String()))
    connection = op.get_bind()
    rows = connection.execute(sa.select(account.c.id, account.c.username, account.c.display_name))
    for account_id, username, name in list(rows):
        cleaned = clean_name(name) or username
        if cleaned != name:
            connection.execute(account.update().where(account.c.id == account_id)
                               .values(display_name=cleaned))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('account', schema=None) as batch_op:
        batch_op.drop_column('session_seen_at')
