"""teacher content: banks and articles get an owner; banks keep their YAML for download

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('bank', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('yaml_text', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_bank_owner_id'), ['owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_bank_owner_id_account'), 'account',
                                    ['owner_id'], ['id'])
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_source_owner_id'), ['owner_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_source_owner_id_account'), 'account',
                                    ['owner_id'], ['id'])


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_source_owner_id_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_source_owner_id'))
        batch_op.drop_column('owner_id')
    with op.batch_alter_table('bank', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_bank_owner_id_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_bank_owner_id'))
        batch_op.drop_column('yaml_text')
        batch_op.drop_column('owner_id')
