"""source translations: a source's whole text in another language, for learners who read it

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'source_translation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_id', sa.String(length=64), nullable=False),
        sa.Column('language', sa.String(length=35), nullable=False),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('translates', sa.String(length=16), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['source_id'], ['source.id'],
                                name=op.f('fk_source_translation_source_id_source')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_source_translation')),
        sa.UniqueConstraint('source_id', 'language', name=op.f('uq_source_translation_source_id_language')),
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('source_translation')
