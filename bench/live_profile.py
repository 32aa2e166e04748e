"""What each request of a live game costs the server: SQL statements, time, and a profile.

The four paths the live-game bench hits, through Flask's test client (no network, no gunicorn):
a phone's poll answered 304, a phone's page rendered, an answer sent, the host screen's poll
(304 and rendered). Prints per path: SQL statements per request, mean time per request, and
with --profile the top functions of a cProfile run.
Run: .venv/bin/python bench/live_profile.py [--players 30 --repeat 200 --profile play304]
SQLite in a temporary folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "bench"))
sys.path.insert(0, str(PROJECT))

from live_game import CSRF, answer_form, setup  # noqa: E402
from sqlalchemy import event  # noqa: E402

from quizapp import create_app, database  # noqa: E402
from quizapp.domain import clock  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.models import LiveGame  # noqa: E402
from quizapp.services import live_games  # noqa: E402

statements = [0]


def count_hot_queries() -> None:
    """HotQuery runs on the driver, past SQLAlchemy's events: count its runs too."""
    run = database.HotQuery._run

    def counted(self, engine, params, many):  # type: ignore[no-untyped-def]
        statements[0] += 1
        return run(self, engine, params, many)

    database.HotQuery._run = counted  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--players", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--profile", default="", help="a path name to profile (play304, play, host304, ...)")
    args = parser.parse_args()
    count_hot_queries()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite"
        config = {"SECRET_KEY": "bench-secret", "DATABASE_URL": url, "RATELIMIT_ENABLED": False}
        app = create_app(config)
        app.instance_path = tmp
        game_id, teacher_cookie, cookies = setup(app, args.players, 120)
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute",
                         lambda *a: statements.__setitem__(0, statements[0] + 1))
            game = db.session.get(LiveGame, game_id)
            assert game is not None
            live_games.control(db.session, game, live_games.Control.START, game.version,
                               clock.now() - dt.timedelta(seconds=10))
        client = app.test_client(use_cookies=False)

        def as_cookie(cookie: str) -> dict[str, str]:
            return {"Cookie": cookie}

        phone = as_cookie(cookies[0])
        page = client.get(f"/live/{game_id}", headers=phone)
        assert page.status_code == 200, (page.status_code, page.headers, page.get_data()[:300])
        tag = page.headers["ETag"]
        host = client.get(f"/live/{game_id}/host", headers=as_cookie(teacher_cookie))
        host_tag = host.headers["ETag"]
        answerers = iter(cookies[1:])

        def post_answer() -> None:
            cookie = next(answerers, cookies[1])
            body = client.get(f"/live/{game_id}", headers=as_cookie(cookie)).get_data(as_text=True)
            form = answer_form(body)
            assert form is not None and CSRF.search(body), body[:400]
            statements[0] = 0
            client.post(f"/live/{game_id}/answer", data=form, headers=as_cookie(cookie))

        paths = {
            "play304": lambda: client.get(f"/live/{game_id}", headers={**phone, "If-None-Match": tag}),
            "play": lambda: client.get(f"/live/{game_id}", headers=phone),
            "host304": lambda: client.get(f"/live/{game_id}/host",
                                          headers={**as_cookie(teacher_cookie), "If-None-Match": host_tag}),
            "host": lambda: client.get(f"/live/{game_id}/host", headers=as_cookie(teacher_cookie)),
        }
        for name, call in paths.items():
            response = call()
            statements[0] = 0
            call()
            count = statements[0]
            started, cpu = time.perf_counter(), time.process_time()
            for _ in range(args.repeat):
                call()
            mean = (time.perf_counter() - started) / args.repeat * 1000
            cpu_mean = (time.process_time() - cpu) / args.repeat * 1000  # less moved by a busy machine
            print(f"{name:8} status {response.status_code}  {count} SQL statements  {mean:.2f} ms "
                  f"({cpu_mean:.2f} ms CPU)")
            if args.profile == name:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(args.repeat):
                    call()
                profiler.disable()
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)
        # Answers: each a new player's first answer (the GET before it is not counted).
        times, counts = [], []
        for _ in range(min(args.repeat, args.players - 1)):
            started = time.perf_counter()
            post_answer()
            counts.append(statements[0])
            times.append(time.perf_counter() - started)
        print(f"answer   {counts[0] if counts else 0} SQL statements  "
              f"(with its page GET) {sum(times) / max(len(times), 1) * 1000:.2f} ms")
        with app.app_context():
            db.dispose()


if __name__ == "__main__":
    main()
