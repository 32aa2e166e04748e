"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from quizapp.database import Base, make_engine
from quizapp.schema import alembic_config


def test_migrations_match_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_migrations_go_down_and_up_again(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config = alembic_config(url)
    command.upgrade(config, "head")
    command.downgrade(config, "base")
    engine = make_engine(url)
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    command.upgrade(config, "head")
    assert set(inspect(engine).get_table_names()) >= {table.name for table in Base.metadata.sorted_tables}
    engine.dispose()


def test_upgrading_a_database_with_attempts_keeps_them(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config = alembic_config(url)
    command.upgrade(config, "0001")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO bank (id, slug, title, language, tags, listed, updated_at) "
            "VALUES (1, 'b', 'B', 'en', '[]', 1, CURRENT_TIMESTAMP)")
        connection.exec_driver_sql(
            "INSERT INTO attempt (token, bank_id, started_at, max_score) "
            "VALUES ('t', 1, CURRENT_TIMESTAMP, 3)")
    command.upgrade(config, "head")
    with engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT token, account_id, assignment_id, counts FROM attempt").one()
    assert tuple(row) == ("t", None, None, 0)
    engine.dispose()


def test_classes_from_before_time_zones_show_utc(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config = alembic_config(url)
    command.upgrade(config, "0004")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO account (id, username, display_name, password_hash, role, session_token,"
            " created_at) VALUES (1, 'rana', 'Rana', 'x', 'teacher', 't', CURRENT_TIMESTAMP)")
        connection.exec_driver_sql(
            "INSERT INTO classroom (teacher_id, name, join_code, board_mode, created_at)"
            " VALUES (1, '8B', 'K7PM3X', 'shown', CURRENT_TIMESTAMP)")
    command.upgrade(config, "head")
    with engine.connect() as connection:
        row = connection.exec_driver_sql(
            "SELECT classroom.timezone, classroom.language, account.language FROM classroom"
            " JOIN account ON account.id = classroom.teacher_id").one()
    assert tuple(row) == ("UTC", None, None)
    engine.dispose()


def test_upgrading_cleans_names_stored_before_names_were_cleaned(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config = alembic_config(url)
    command.upgrade(config, "0004")
    engine = make_engine(url)
    with engine.begin() as connection:
        for n, name in enumerate(["\u202eilA\u202c Khan", "\u200b\u200b", "Zara"]):
            connection.exec_driver_sql(
                "INSERT INTO account (username, display_name, password_hash, role, session_token, "
                f"created_at) VALUES ('user-{n}', '{name}', 'x', 'learner', 't{n}', CURRENT_TIMESTAMP)")
    command.upgrade(config, "head")
    with engine.connect() as connection:
        names = [row[0] for row in connection.exec_driver_sql(
            "SELECT display_name FROM account ORDER BY id")]
    assert names == ["ilA Khan", "user-1", "Zara"]
    engine.dispose()


def test_upgrading_drops_the_accents_of_usernames_made_before(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config = alembic_config(url)
    command.upgrade(config, "0008")
    engine = make_engine(url)
    with engine.begin() as connection:
        for n, username in enumerate(["carlos-mejía-9366", "عائشہ-1234", "josé-1", "jose-1"]):
            connection.exec_driver_sql(
                "INSERT INTO account (username, display_name, password_hash, role, session_token, "
                f"created_at) VALUES ('{username}', 'x', 'x', 'learner', 't{n}', CURRENT_TIMESTAMP)")
    command.upgrade(config, "head")
    with engine.connect() as connection:
        names = [row[0] for row in connection.exec_driver_sql("SELECT username FROM account ORDER BY id")]
    assert names == ["carlos-mejia-9366", "عائشہ-1234", "josé-1", "jose-1"]  # taken: kept
    engine.dispose()


def test_upgrading_marks_attempts_sent_after_the_due_date_as_practice(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    config = alembic_config(url)
    command.upgrade(config, "0014")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO account (id, username, display_name, password_hash, role, session_token,"
            " created_at) VALUES (1, 'rana', 'Rana', 'x', 'teacher', 't', CURRENT_TIMESTAMP)")
        connection.exec_driver_sql(
            "INSERT INTO classroom (id, teacher_id, name, join_code, board_mode, created_at)"
            " VALUES (1, 1, '8B', 'K7PM3X', 'shown', CURRENT_TIMESTAMP)")
        connection.exec_driver_sql(
            "INSERT INTO bank (id, slug, title, language, tags, listed, updated_at) "
            "VALUES (1, 'b', 'B', 'en', '[]', 1, CURRENT_TIMESTAMP)")
        connection.exec_driver_sql(
            "INSERT INTO assignment (id, classroom_id, bank_id, due_at, created_at) VALUES"
            " (1, 1, 1, '2026-03-01 12:00:00', CURRENT_TIMESTAMP),"
            " (2, 1, 1, NULL, CURRENT_TIMESTAMP)")
        for token, assignment, submitted in [("on-time", 1, "'2026-03-01 11:59:00'"),
                                             ("late", 1, "'2026-03-01 12:00:00'"),
                                             ("open", 1, "NULL"), ("no-due-date", 2, "'2030-01-01'")]:
            connection.exec_driver_sql(
                "INSERT INTO attempt (token, bank_id, account_id, assignment_id, counts, started_at,"
                f" submitted_at, max_score) VALUES ('{token}', 1, 1, {assignment}, 1,"
                f" '2026-03-01 11:00:00', {submitted}, 3)")
    command.upgrade(config, "head")
    with engine.connect() as connection:
        counts = dict(connection.exec_driver_sql("SELECT token, counts FROM attempt").all())
    assert counts == {"on-time": 1, "late": 0, "open": 1, "no-due-date": 1}
    engine.dispose()
