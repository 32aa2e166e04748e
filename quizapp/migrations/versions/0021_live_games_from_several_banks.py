"""live games from several banks: a game of a concept's questions, or of questions picked from
several banks, has no one bank

``live_game.bank_id`` may be NULL: such a game's questions each keep their own bank (through
their version). Going back fills it with the bank of the game's first question.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 16:30:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('live_game') as batch:
        batch.alter_column('bank_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    """Revert this revision."""
    connection = op.get_bind()
    for game_id, questions in connection.execute(
            sa.text("SELECT id, questions FROM live_game WHERE bank_id IS NULL")).all():
        listed = json.loads(questions) if isinstance(questions, str) else questions
        bank_id = connection.execute(sa.text(
            "SELECT question.bank_id FROM question_version JOIN question"
            " ON question.id = question_version.question_id WHERE question_version.id = :version"),
            {"version": listed[0]["version"]}).scalar()
        connection.execute(sa.text("UPDATE live_game SET bank_id = :bank WHERE id = :game"),
                           {"bank": bank_id, "game": game_id})
    with op.batch_alter_table('live_game') as batch:
        batch.alter_column('bank_id', existing_type=sa.Integer(), nullable=False)
