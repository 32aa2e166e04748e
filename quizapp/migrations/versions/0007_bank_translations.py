"""bank translations, and the fingerprint of the words each question version shows

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 21:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from quizapp.domain.bank_translation import text_fingerprint

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'bank_translation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bank_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=35), nullable=False),
        sa.Column('title', sa.String(length=120), nullable=False),
        sa.Column('description', sa.Text(), nullable=True),
        sa.Column('questions', sa.JSON(), nullable=False),
        sa.Column('yaml_text', sa.Text(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['bank_id'], ['bank.id'], name=op.f('fk_bank_translation_bank_id_bank')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_translation')),
        sa.UniqueConstraint('bank_id', 'language', name=op.f('uq_bank_translation_bank_id_language')),
    )
    with op.batch_alter_table('question_version') as batch:
        batch.add_column(sa.Column('text_fingerprint', sa.String(length=16), nullable=True))
    _fill_fingerprints()


def _fill_fingerprints() -> None:
    """Give every stored version the fingerprint its words have, as new versions get at load."""
    connection = op.get_bind()
    versions = sa.table('question_version', sa.column('id'), sa.column('type'), sa.column('prompt'),
                        sa.column('explanation'), sa.column('key', sa.JSON()),
                        sa.column('text_fingerprint'))
    citations = sa.table('citation', sa.column('question_version_id'), sa.column('position'),
                         sa.column('quote'))
    quotes: dict[int, list[str]] = {}
    for row in connection.execute(sa.select(citations).order_by(citations.c.position)):
        quotes.setdefault(row.question_version_id, []).append(row.quote)
    for row in connection.execute(sa.select(versions)).all():
        fingerprint = text_fingerprint(row.type, row.prompt, row.explanation, row.key,
                                       quotes.get(row.id, []))
        connection.execute(versions.update().where(versions.c.id == row.id)
                           .values(text_fingerprint=fingerprint))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('question_version') as batch:
        batch.drop_column('text_fingerprint')
    op.drop_table('bank_translation')
