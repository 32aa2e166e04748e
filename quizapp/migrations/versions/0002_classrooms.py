"""classrooms: accounts, classes, memberships, assignments, best scores; attempts get an owner

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 09:24:31.938208
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table('account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('session_token', sa.String(length=43), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account')),
    sa.UniqueConstraint('email', name=op.f('uq_account_email')),
    sa.UniqueConstraint('username', name=op.f('uq_account_username'))
    )
    op.create_table('classroom',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('join_code', sa.String(length=16), nullable=False),
    sa.Column('board_mode', sa.String(length=8), nullable=False),
    sa.Column('projector_token', sa.String(length=43), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['account.id'], name=op.f('fk_classroom_teacher_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_classroom')),
    sa.UniqueConstraint('join_code', name=op.f('uq_classroom_join_code')),
    sa.UniqueConstraint('projector_token', name=op.f('uq_classroom_projector_token'))
    )
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_classroom_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('bank_id', sa.Integer(), nullable=False),
    sa.Column('opens_at', sa.DateTime(), nullable=True),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.Column('attempts_allowed', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['bank_id'], ['bank.id'], name=op.f('fk_assignment_bank_id_bank')),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_assignment_classroom_id_classroom')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assignment'))
    )
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_classroom_id'), ['classroom_id'], unique=False)

    op.create_table('membership',
    sa.Column('classroom_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_membership_account_id_account')),
    sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'], name=op.f('fk_membership_classroom_id_classroom')),
    sa.PrimaryKeyConstraint('classroom_id', 'account_id', name=op.f('pk_membership'))
    )
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_membership_account_id'), ['account_id'], unique=False)
        batch_op.create_index('ix_membership_board', ['classroom_id', 'total'], unique=False)

    op.create_table('assignment_score',
    sa.Column('assignment_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('best_score', sa.Integer(), nullable=False),
    sa.Column('max_score', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_activity', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_assignment_score_account_id_account')),
    sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'], name=op.f('fk_assignment_score_assignment_id_assignment')),
    sa.PrimaryKeyConstraint('assignment_id', 'account_id', name=op.f('pk_assignment_score'))
    )
    with op.batch_alter_table('assignment_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_score_account_id'), ['account_id'], unique=False)

    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('account_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('assignment_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('counts', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index('ix_attempt_account_assignment', ['account_id', 'assignment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attempt_assignment_id'), ['assignment_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_attempt_account_id_account'), 'account', ['account_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_attempt_assignment_id_assignment'), 'assignment', ['assignment_id'], ['id'])



def downgrade() -> None:
    """Undo this revision."""
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_attempt_assignment_id_assignment'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_attempt_account_id_account'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_attempt_assignment_id'))
        batch_op.drop_index('ix_attempt_account_assignment')
        batch_op.drop_column('counts')
        batch_op.drop_column('assignment_id')
        batch_op.drop_column('account_id')

    with op.batch_alter_table('assignment_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_score_account_id'))

    op.drop_table('assignment_score')
    with op.batch_alter_table('membership', schema=None) as batch_op:
        batch_op.drop_index('ix_membership_board')
        batch_op.drop_index(batch_op.f('ix_membership_account_id'))

    op.drop_table('membership')
    with op.batch_alter_table('assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignment_classroom_id'))

    op.drop_table('assignment')
    with op.batch_alter_table('classroom', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classroom_teacher_id'))

    op.drop_table('classroom')
    op.drop_table('account')
