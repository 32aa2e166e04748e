"""live games: a game run in class, its players and their answers, one answer per question

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        'live_game',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('classroom_id', sa.Integer(), nullable=False),
        sa.Column('bank_id', sa.Integer(), nullable=False),
        sa.Column('assignment_id', sa.Integer(), nullable=True),
        sa.Column('questions', sa.JSON(), nullable=False),
        sa.Column('seconds', sa.Integer(), nullable=True),
        sa.Column('speed_bonus', sa.Boolean(), nullable=False),
        sa.Column('board_each', sa.Boolean(), nullable=False),
        sa.Column('late_join', sa.Boolean(), nullable=False),
        sa.Column('counts', sa.Boolean(), nullable=False),
        sa.Column('stage', sa.String(length=8), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('asked_at', sa.DateTime(), nullable=True),
        sa.Column('paused_at', sa.DateTime(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['classroom_id'], ['classroom.id'],
                                name=op.f('fk_live_game_classroom_id_classroom')),
        sa.ForeignKeyConstraint(['bank_id'], ['bank.id'], name=op.f('fk_live_game_bank_id_bank')),
        sa.ForeignKeyConstraint(['assignment_id'], ['assignment.id'],
                                name=op.f('fk_live_game_assignment_id_assignment')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_live_game')),
    )
    op.create_index('ix_live_game_running', 'live_game', ['classroom_id', 'ended_at'])
    op.create_table(
        'live_player',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('game_id', sa.Integer(), nullable=False),
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('joined_at', sa.DateTime(), nullable=False),
        sa.Column('removed_at', sa.DateTime(), nullable=True),
        sa.Column('attempt_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['game_id'], ['live_game.id'],
                                name=op.f('fk_live_player_game_id_live_game')),
        sa.ForeignKeyConstraint(['account_id'], ['account.id'],
                                name=op.f('fk_live_player_account_id_account')),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'],
                                name=op.f('fk_live_player_attempt_id_attempt')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_live_player')),
        sa.UniqueConstraint('game_id', 'account_id', name=op.f('uq_live_player_game_id_account_id')),
    )
    op.create_index(op.f('ix_live_player_account_id'), 'live_player', ['account_id'])
    op.create_table(
        'live_answer',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('game_id', sa.Integer(), nullable=False),
        sa.Column('player_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('response', sa.JSON(), nullable=True),
        sa.Column('picks', sa.JSON(), nullable=False),
        sa.Column('correct', sa.Boolean(), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('seconds_taken', sa.Double(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['game_id'], ['live_game.id'],
                                name=op.f('fk_live_answer_game_id_live_game')),
        sa.ForeignKeyConstraint(['player_id'], ['live_player.id'],
                                name=op.f('fk_live_answer_player_id_live_player')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_live_answer')),
        sa.UniqueConstraint('player_id', 'position', name=op.f('uq_live_answer_player_id_position')),
    )
    op.create_index('ix_live_answer_game_position', 'live_answer', ['game_id', 'position'])


def downgrade() -> None:
    """Revert this revision."""
    op.drop_table('live_answer')
    op.drop_table('live_player')
    op.drop_table('live_game')
