"""The Review page for a learner with 2,000 cards, among 100,000 learners and 20 million cards.

Goal: the Review page (the due count, in all and by concept) and the first question of a
review run each render in at most 20 ms at the 95th percentile.
Run: .venv/bin/python bench/review.py [--learners N --cards N --samples N]
SQLite in a temporary folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL
(an empty database: the script drops and recreates its schema).
"""

from __future__ import annotations

import argparse
import datetime as dt
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

from bench.leaderboard import bulk, make_app, percentile  # noqa: E402
from quizapp.domain.curriculum import CONCEPT_IDS  # noqa: E402
from quizapp.extensions import db  # noqa: E402

POOL = 2_000  # questions of the bench's bank: every card is on one of them
MEASURED = 50  # learners with POOL cards each; the others share the rest of the cards
FIRST_ID = 1_000_000  # ids of the bench's rows, clear of the bundled banks'


def generate(learners: int, cards: int) -> list[int]:
    """Fill the database; returns the measured learners' account ids."""
    rng = random.Random(7)
    postgres = db.engine.dialect.name == "postgresql"
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    stamp = now.strftime("%Y-%m-%d %H:%M:%S")
    raw = db.engine.raw_connection()
    cursor = raw.cursor()
    if not postgres:
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("BEGIN")
    try:
        bank = FIRST_ID
        cursor.execute("INSERT INTO bank (id, slug, title, language, tags, listed, updated_at) "
                       f"VALUES ({bank}, 'bench-review', 'Bench', 'en', '[\"concept:money\"]', "
                       f"{'true' if postgres else 1}, '{stamp}')")
        ids = range(FIRST_ID, FIRST_ID + POOL)
        bulk(raw, "question", ["id", "bank_id", "slug", "position", "retired"],
             ((q, bank, f"q{q}", q - FIRST_ID + 1, False) for q in ids), postgres)
        bulk(raw, "question_version", ["id", "question_id", "number", "content_hash", "type", "prompt",
                                       "explanation", "points", "tags", "key", "created_at"],
             ((q, q, 1, f"bench{q}", "true_false", f"Statement {q}.", "Because.", 1,
               f'["concept:{CONCEPT_IDS[q % len(CONCEPT_IDS)]}", "skill:recall"]', '{"answer": true}',
               stamp) for q in ids), postgres)
        cursor.execute(f"UPDATE question SET current_version_id = id WHERE bank_id = {bank}")
        seen = int(time.time()) + 86_400  # sessions stay alive for the whole run
        bulk(raw, "account", ["id", "username", "display_name", "password_hash", "role", "session_token",
                              "session_seen_at", "created_at"],
             ((a, f"learner{a}", f"Learner {a}", "x", "learner", "t", seen, stamp)
              for a in range(FIRST_ID, FIRST_ID + learners)), postgres)
        others = max(1, learners - MEASURED)
        per_other = max(0, (cards - MEASURED * POOL) // others)

        def rows():  # type: ignore[no-untyped-def]
            for a in range(FIRST_ID, FIRST_ID + learners):
                count = POOL if a < FIRST_ID + MEASURED else per_other
                start = rng.randrange(POOL)
                for k in range(count):
                    due = now + dt.timedelta(minutes=rng.randint(-30 * 1440, 30 * 1440))  # half due
                    yield (a, FIRST_ID + (start + k) % POOL, rng.uniform(0.2, 60), 5.0,
                           due.strftime("%Y-%m-%d %H:%M:%S"), stamp, 1, 0)

        bulk(raw, "review_card", ["account_id", "question_id", "stability", "difficulty", "due",
                                  "last_review", "reviews", "lapses"], rows(), postgres)
        raw.commit()
        if postgres:
            raw.dbapi_connection.autocommit = True
            cursor.execute("VACUUM (ANALYZE)")
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("ANALYZE")
            raw.commit()
    finally:
        raw.close()
    os.sync()
    return list(range(FIRST_ID, FIRST_ID + MEASURED))


def times(app, learners: list[int], samples: int) -> tuple[list[float], list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Milliseconds for the Review page, for starting a run and opening its first question, and
    for the start alone (the POST that writes the run)."""
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    page, first, posts = [], [], []
    for n in range(samples + 10):
        learner = learners[n % len(learners)]
        with client.session_transaction() as session:
            session["_user_id"] = f"{learner}:t"
        start = time.perf_counter()
        response = client.get("/review")
        took = (time.perf_counter() - start) * 1000
        assert response.status_code == 200 and b"due-count" in response.data, response.status_code
        start = time.perf_counter()
        started = client.post("/review", data={"start": "x"})
        posted = (time.perf_counter() - start) * 1000
        quiz = client.get(started.headers["Location"])
        run = (time.perf_counter() - start) * 1000
        assert quiz.status_code == 200 and b"fieldset" in quiz.data, quiz.status_code
        if n >= 10:  # the first ones compile statements and fill caches
            page.append(took)
            first.append(run)
            posts.append(posted)
    return page, first, posts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--cards", type=int, default=20_000_000)
    parser.add_argument("--samples", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/review.sqlite")
        start = time.perf_counter()
        with app.app_context():
            measured = generate(args.learners, args.cards)
            total = db.session.scalar(text("SELECT count(*) FROM review_card"))
        print(f"generated {args.learners:,} learners and {total:,} cards in "
              f"{time.perf_counter() - start:.0f} s ({app.config['DATABASE_URL'].split(':')[0]})")
        page, first, posts = times(app, measured, args.samples)
        with app.app_context():
            db.dispose()
    for name, values in (("Review page (due count, by concept)", page),
                         ("start a run and open its first question", first),
                         ("of which the start (the POST that writes the run)", posts)):
        print(f"{name}, learner with {POOL:,} cards: median {statistics.median(values):.2f} ms, "
              f"p95 {percentile(values, 0.95):.2f} ms over {len(values)} (goal: p95 <= 20 ms)")


if __name__ == "__main__":
    main()
