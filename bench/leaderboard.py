"""A class board among 100,000 learners, 3,000 classes and 10 million answers; and recording cost.

Goals: a class board page renders in at most 10 ms at the 95th percentile, and recording
an attempt is no slower than on an empty database by more than 20%.
Run: .venv/bin/python bench/leaderboard.py [--learners N --classes N --answers N]
SQLite in a temporary folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from sqlalchemy import text  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.commands.database import load_bundled_banks  # noqa: E402
from quizapp.domain import clock  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.schema import upgrade_schema  # noqa: E402
from quizapp.services import attempts, classrooms, quiz_pages  # noqa: E402

BANK = "pakistan-crypto-policy"
ASSIGNMENTS_PER_CLASS = 5
ANSWERS_PER_ATTEMPT = 10
CHUNK = 50_000
WARM_UP = 10
RECORDINGS = 150


def bulk(connection, table: str, columns: list[str], rows, postgres: bool) -> None:  # type: ignore[no-untyped-def]
    """Insert rows fast: COPY on PostgreSQL, executemany in chunks on SQLite."""
    cursor = connection.cursor()
    if postgres:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                cursor.executemany(sql, chunk)
                chunk.clear()
        if chunk:
            cursor.executemany(sql, chunk)
    cursor.close()


def generate(app, learners: int, classes: int, answers: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Fill the database; returns the ids the measurements use."""
    rng = random.Random(7)
    postgres = db.engine.dialect.name == "postgresql"
    with db.engine.connect() as conn:
        bank_id, version_ids = conn.execute(text(
            "SELECT b.id, q.current_version_id FROM bank b JOIN question q ON q.bank_id = b.id "
            "WHERE b.slug = :slug"), {"slug": BANK}).all()[0][0], [r[0] for r in conn.execute(text(
                "SELECT q.current_version_id FROM question q JOIN bank b ON b.id = q.bank_id "
                "WHERE b.slug = :slug ORDER BY q.position"), {"slug": BANK})]
    now = "2026-01-01 00:00:00"
    raw = db.engine.raw_connection()
    if not postgres:  # the engine's SQLite connections autocommit: one transaction, not millions
        raw.cursor().execute("PRAGMA synchronous = OFF")
        raw.cursor().execute("BEGIN")
    try:
        teachers = max(1, classes // 3)
        seen = int(time.time()) + 86_400  # sessions stay alive for the whole run (NULL: signed out)
        bulk(raw, "account", ["id", "username", "display_name", "password_hash", "role",
                              "session_token", "session_seen_at", "created_at"],
             ((n, f"user{n}", f"Learner {n:06}" if n > teachers else f"Teacher {n}", "x",
               "teacher" if n <= teachers else "learner", "t", seen, now)
              for n in range(1, teachers + learners + 1)), postgres)
        bulk(raw, "classroom", ["id", "teacher_id", "name", "join_code", "board_mode", "created_at"],
             ((c, 1 + c % teachers, f"Class {c}", f"C{c:07}", "shown", now)
              for c in range(1, classes + 1)), postgres)
        member_of = {teachers + n: 1 + n % classes for n in range(1, learners + 1)}
        bulk(raw, "assignment", ["id", "classroom_id", "bank_id", "created_at"],
             ((a, 1 + (a - 1) // ASSIGNMENTS_PER_CLASS, bank_id, now)
              for a in range(1, classes * ASSIGNMENTS_PER_CLASS + 1)), postgres)
        totals: dict[int, int] = {}
        scores = []
        for account, classroom in member_of.items():
            total = 0
            for k in range(ASSIGNMENTS_PER_CLASS):
                if rng.random() < 0.8:
                    best = rng.randint(0, 17)
                    total += best
                    scores.append(((classroom - 1) * ASSIGNMENTS_PER_CLASS + k + 1, account, best,
                                   17, rng.randint(1, 3), now))
            totals[account] = total
        bulk(raw, "membership", ["classroom_id", "account_id", "total", "joined_at"],
             ((c, a, totals[a], now) for a, c in member_of.items()), postgres)
        bulk(raw, "assignment_score", ["assignment_id", "account_id", "best_score", "max_score",
                                       "attempts", "last_activity"], scores, postgres)
        attempt_count = answers // ANSWERS_PER_ATTEMPT
        accounts = list(member_of)
        owners = [rng.choice(accounts) for _ in range(attempt_count)]
        bulk(raw, "attempt", ["id", "token", "bank_id", "account_id", "assignment_id", "counts",
                              "started_at", "submitted_at", "score", "max_score"],
             ((n, f"bench-{n}", bank_id, owners[n - 1],
               (member_of[owners[n - 1]] - 1) * ASSIGNMENTS_PER_CLASS + 1, True, now, now, 5, 17)
              for n in range(1, attempt_count + 1)), postgres)
        bulk(raw, "answer", ["attempt_id", "position", "question_version_id", "response",
                             "correct", "points_awarded"],
             ((1 + n // ANSWERS_PER_ATTEMPT, 1 + n % ANSWERS_PER_ATTEMPT,
               version_ids[n % ANSWERS_PER_ATTEMPT], '"x"', n % 2 == 0, n % 2)
              for n in range(attempt_count * ANSWERS_PER_ATTEMPT)), postgres)
        raw.commit()
        if postgres:
            cursor = raw.cursor()
            for table in ("account", "classroom", "assignment", "attempt", "answer"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                               f"(SELECT max(id) FROM {table}))")
            raw.commit()
            # A database that grew to this size over months has been vacuumed by autovacuum
            # long since; here it would still be working through the fresh rows while we measure.
            raw.dbapi_connection.autocommit = True
            cursor.execute("VACUUM (ANALYZE)")
            cursor.execute("CHECKPOINT")
        else:
            raw.cursor().execute("ANALYZE")
            raw.commit()
    finally:
        raw.close()
    # Gigabytes just written are still being flushed to the disk; every commit measured
    # meanwhile would wait behind them. A database in use has no such backlog.
    os.sync()
    return {"classes": classes, "teachers": teachers, "first_learner": teachers + 1}


def board_times(app, classes: int, first_learner: int, learners: int, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds to render the board page of random classes, as one of their learners."""
    rng = random.Random(11)
    client = app.test_client()
    times = []
    for _ in range(samples):
        learner = first_learner + rng.randrange(learners)
        classroom = 1 + (learner - first_learner + 1) % classes
        with client.session_transaction() as session:
            session["_user_id"] = f"{learner}:t"
        start = time.perf_counter()
        response = client.get(f"/classes/{classroom}/board")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return times


def recording_times(app, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds to record a submitted attempt of 17 answers on an assignment."""
    with app.app_context():
        with db.writer() as session:
            teacher = session.execute(text(
                "INSERT INTO account (username, display_name, password_hash, role, session_token, "
                "created_at) VALUES ('bench-teacher', 'T', 'x', 'teacher', 't', CURRENT_TIMESTAMP) "
                "RETURNING id")).scalar_one()
            learner = session.execute(text(
                "INSERT INTO account (username, display_name, password_hash, role, session_token, "
                "created_at) VALUES ('bench-learner', 'L', 'x', 'learner', 't', CURRENT_TIMESTAMP) "
                "RETURNING id")).scalar_one()
            session.commit()
        with db.writer() as session:
            classroom_id = classrooms.create_classroom(session, teacher, "Bench")
            session.execute(text("INSERT INTO membership (classroom_id, account_id, total, joined_at) "
                                 "VALUES (:c, :a, 0, CURRENT_TIMESTAMP)"), {"c": classroom_id, "a": learner})
            session.commit()
            classroom = classrooms.owned_classroom(session, teacher, classroom_id)
            assignment = classrooms.assign_bank(session, classroom, BANK, None, None, None)
        times = []
        for n in range(samples + WARM_UP):
            with db.writer() as session:
                token = classrooms.start_assignment(session, learner, assignment, clock.now(),
                                                    random.Random(n))
            with db.writer() as session:
                values = valid_answers(quiz_pages.quiz_page(session, token))
            with db.writer() as session:
                start = time.perf_counter()
                outcome = attempts.submit_attempt(session, token, values, allow_blanks=True)
                times.append((time.perf_counter() - start) * 1000)
                assert outcome.status is attempts.SubmitStatus.RECORDED
        return times[WARM_UP:]  # the first ones compile statements and fill caches


def valid_answers(page) -> dict[int, list[str]]:  # type: ignore[no-untyped-def]
    """Form values that answer every question (right or wrong), as a browser would send."""
    values = {}
    for q in page.questions:
        values[q.position] = {"true_false": ["true"], "number": ["15"],
                              "order": [str(n + 1) for n in range(len(q.entries))]}.get(q.type, ["0"])
    return values


def make_app(url: str):  # type: ignore[no-untyped-def]
    app = create_app({"SECRET_KEY": "bench", "DATABASE_URL": url,
                      "QUESTIONS_DIR": str(PROJECT / "questions"), "SEEDS_DIR": str(PROJECT / "seeds")})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        upgrade_schema(db.engine)
        load_bundled_banks(app)
    return app


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--classes", type=int, default=3_000)
    parser.add_argument("--answers", type=int, default=10_000_000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL")
        empty = make_app(url or f"sqlite:///{tmp}/empty.sqlite")
        empty_times = recording_times(empty, RECORDINGS)
        with empty.app_context():
            db.dispose()
        big = make_app(url or f"sqlite:///{tmp}/big.sqlite")
        start = time.perf_counter()
        with big.app_context():
            ids = generate(big, args.learners, args.classes, args.answers)
        print(f"generated {args.learners:,} learners, {args.classes:,} classes, "
              f"{args.answers:,} answers in {time.perf_counter() - start:.0f} s "
              f"({big.config['DATABASE_URL'].split(':')[0]})")
        board = board_times(big, ids["classes"], ids["first_learner"], args.learners, args.samples)
        big_times = recording_times(big, RECORDINGS)
        with big.app_context():
            db.dispose()
    print(f"class board page ({args.learners // args.classes} members): "
          f"median {statistics.median(board):.2f} ms, p95 {percentile(board, 0.95):.2f} ms "
          f"over {len(board)} classes (goal: p95 <= 10 ms)")
    empty_median, big_median = statistics.median(empty_times), statistics.median(big_times)
    print(f"recording an attempt of 17 answers: empty database median {empty_median:.2f} ms, "
          f"full database median {big_median:.2f} ms, "
          f"{(big_median / empty_median - 1) * 100:+.0f}% (goal: at most +20%)")


if __name__ == "__main__":
    main()
