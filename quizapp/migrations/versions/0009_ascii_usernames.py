"""accounts: usernames made before usernames were ASCII lose their accents

'carlos-mejía-9366' becomes 'carlos-mejia-9366', what a learner types on any keyboard
(sign-in folds what is typed the same way). A username in another script, or one whose
folded form is taken, stays as it is.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 23:00:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from quizapp.domain.classroom_rules import ascii_folded

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    connection = op.get_bind()
    accounts = sa.table('account', sa.column('id'), sa.column('username'))
    rows = connection.execute(sa.select(accounts.c.id, accounts.c.username)).all()
    taken = {row.username for row in rows}
    for row in rows:
        if row.username.isascii():
            continue
        folded = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9@._-]", "", ascii_folded(row.username))).strip("-")
        if re.search(r"[a-z]", folded) and folded not in taken:
            connection.execute(accounts.update().where(accounts.c.id == row.id).values(username=folded))
            taken.add(folded)


def downgrade() -> None:
    """Accents once dropped are not known any more: nothing to undo."""
