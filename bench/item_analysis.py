"""Item analysis: an assignment taken by a class of 40, and a bank used by 3,000 classes.

Goals: the assignment's analysis in at most 50 ms (and its report page); the bank's, over
every class's attempts, in at most 2 s.
Run: .venv/bin/python bench/item_analysis.py [--classes N --per-class N --samples N]
SQLite in a temporary folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL
(an empty database: its schema is dropped and made again).

The bank is a bundled one of 12 questions. Its page over every class is what its owner sees, so
the bench gives it an owner for that measurement; a bundled bank's page covers one teacher's
own classes only, measured too.
"""

from __future__ import annotations

import argparse
import json
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

from bench.leaderboard import bulk, make_app  # noqa: E402
from quizapp.database import write_transaction  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.models import Bank  # noqa: E402
from quizapp.services import item_reports  # noqa: E402
from quizapp.web.item_words import item_views  # noqa: E402

BANK = "pakistan-crypto-policy"
NOW = "2026-01-01 00:00:00"


def response_of(type_: str, key: dict, right: bool, rng: random.Random) -> object:  # type: ignore[type-arg]
    """A stored response of this type, right or wrong, as grading stores it."""
    if type_ == "true_false":
        return key["answer"] if right else not key["answer"]
    if type_ == "single":
        return key["answer"] if right else rng.choice([c for c in key["choices"] if c != key["answer"]]
                                                      or key["choices"])
    if type_ == "multiple":
        return list(key["answer"]) if right else key["choices"][:1]
    if type_ == "order":
        return list(key["items"])
    return str(key.get("answer", "0"))


def generate(classes: int, per_class: int, extra_class: int) -> dict[str, int]:
    """Classes of learners, one counted attempt each on the bank's assignment of their class."""
    rng = random.Random(7)
    postgres = db.engine.dialect.name == "postgresql"
    with db.engine.connect() as conn:
        bank_id = conn.execute(text("SELECT id FROM bank WHERE slug = :s"), {"s": BANK}).scalar_one()
        versions = [(row[0], row[1], json.loads(row[2]) if isinstance(row[2], str) else row[2],
                     row[3]) for row in conn.execute(text(
                         "SELECT v.id, v.type, v.key, v.points FROM question q JOIN question_version v "
                         "ON v.id = q.current_version_id WHERE q.bank_id = :b ORDER BY q.position"),
                         {"b": bank_id})]
    sizes = [per_class] * classes + [extra_class]
    teachers = len(sizes)
    raw = db.engine.raw_connection()
    if not postgres:
        raw.cursor().execute("PRAGMA synchronous = OFF")
        raw.cursor().execute("BEGIN")
    try:
        learners = sum(sizes)
        bulk(raw, "account", ["id", "username", "display_name", "password_hash", "role",
                              "session_token", "session_seen_at", "created_at"],
             ((n, f"user{n}", f"Person {n}", "x", "teacher" if n <= teachers else "learner",
               f"t{n}", int(time.time()), NOW) for n in range(1, teachers + learners + 1)), postgres)
        bulk(raw, "classroom", ["id", "teacher_id", "name", "join_code", "board_mode", "created_at"],
             ((c, c, f"Class {c}", f"C{c:07}", "shown", NOW) for c in range(1, teachers + 1)), postgres)
        bulk(raw, "assignment", ["id", "classroom_id", "bank_id", "created_at"],
             ((c, c, bank_id, NOW) for c in range(1, teachers + 1)), postgres)
        members, attempts_, answers = [], [], []
        account = teachers
        max_score = sum(points for *_rest, points in versions)
        for classroom, size in enumerate(sizes, start=1):
            for _ in range(size):
                account += 1
                members.append((classroom, account, 0, NOW))
                ability = rng.random()
                score = 0
                for position, (version_id, type_, key, points) in enumerate(versions, start=1):
                    right = rng.random() < 0.3 + 0.6 * ability
                    score += points if right else 0
                    answers.append((account, position, version_id,
                                    json.dumps(response_of(type_, key, right, rng)), right,
                                    points if right else 0))
                attempts_.append((account, f"bench-{account}", bank_id, account, classroom, True,
                                  NOW, NOW, score, max_score))
        bulk(raw, "membership", ["classroom_id", "account_id", "total", "joined_at"], members, postgres)
        bulk(raw, "attempt", ["id", "token", "bank_id", "account_id", "assignment_id", "counts",
                              "started_at", "submitted_at", "score", "max_score"], attempts_, postgres)
        bulk(raw, "answer", ["attempt_id", "position", "question_version_id", "response", "correct",
                             "points_awarded"], answers, postgres)
        raw.commit()
        cursor = raw.cursor()
        if postgres:
            raw.dbapi_connection.autocommit = True
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
            raw.commit()
    finally:
        raw.close()
    return {"bank_id": bank_id, "extra_class": teachers, "answers": len(answers),
            "questions": len(versions)}


def timed(function, samples: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Milliseconds per call, after one call that warms the caches."""
    function()
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--classes", type=int, default=3_000)
    parser.add_argument("--per-class", type=int, default=30)
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite")
        start = time.perf_counter()
        with app.app_context():
            ids = generate(args.classes, args.per_class, 40)
        backend = app.config["DATABASE_URL"].split(":")[0]
        print(f"generated {args.classes:,} classes of {args.per_class} and one of 40, "
              f"{ids['answers']:,} answers to {ids['questions']} questions in "
              f"{time.perf_counter() - start:.0f} s ({backend})")
        extra = ids["extra_class"]
        with app.test_request_context():
            one = timed(lambda: item_views(item_reports.assignment_report(db.session, extra)), 50)
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = f"{extra}:t{extra}"
        url = f"/teach/classes/{extra}/assignments/{extra}"
        assert client.get(url).status_code == 200, client.get(url).status_code
        page = timed(lambda: client.get(url), 50)
        with app.test_request_context():
            bundled = db.session.get(Bank, ids["bank_id"])
            assert bundled is not None
            own = timed(lambda: item_reports.bank_page(db.session, extra, bundled), 20)
            with write_transaction(db.session):
                db.session.execute(text("UPDATE bank SET owner_id = 1 WHERE id = :b"),
                                   {"b": ids["bank_id"]})
            owned = db.session.get(Bank, ids["bank_id"], populate_existing=True)
            assert owned is not None and owned.owner_id == 1
            start = time.perf_counter()  # the first view reads every answer; later ones, the changes
            report = item_reports.bank_page(db.session, 1, owned).report
            afresh = (time.perf_counter() - start) * 1000
            assert report.learners == args.classes * args.per_class + 40, report.learners
            every = timed(lambda: item_views(item_reports.bank_page(db.session, 1, owned).report),
                          args.samples)
        with app.app_context():
            db.dispose()
    print(f"an assignment taken by a class of 40: analysis median {statistics.median(one):.1f} ms, "
          f"its report page median {statistics.median(page):.1f} ms (goal: at most 50 ms)")
    print(f"a bundled bank's page for the teacher of one class of 40 (among {args.classes:,} classes): "
          f"median {statistics.median(own):.1f} ms")
    print(f"the bank over all {args.classes:,} classes ({report.learners:,} learners): "
          f"first view {afresh:.0f} ms, then median {statistics.median(every):.0f} ms, "
          f"max {max(every):.0f} ms (goal: at most 2,000 ms)")


if __name__ == "__main__":
    main()
