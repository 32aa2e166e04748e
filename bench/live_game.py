"""A live game with 300 players without JavaScript, and the host screen, through gunicorn.

Each player's phone asks for its page every 2 s with the page's ETag (a 304 while nothing
changed) and answers every question within the timer; the host screen asks every second.
Goals (issue #24, on a 2-core machine): every answer acknowledged is in the database once
(0 lost, 0 duplicated); polls and answers p95 at most 150 ms; the host screen counts an
answer within 1 s (p95).
Run: .venv/bin/python bench/live_game.py [--players 300 --questions 3 --seconds 20 --workers 4]
SQLite in a temporary folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL.
"""

from __future__ import annotations

import argparse
import bisect
import http.client
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
BIN = Path(sys.executable).parent
BANK = "reading-the-news"

from sqlalchemy import func, select, text  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.commands.database import prepare  # noqa: E402
from quizapp.domain.live_game import INTRO_SECONDS  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.models import Account, LiveAnswer, LiveGame, LivePlayer, Membership  # noqa: E402
from quizapp.services import classrooms, live_games  # noqa: E402

POLL_SECONDS = 2.0
HOST_POLL_SECONDS = 1.0
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def setup(app, players: int, seconds: int) -> tuple[int, str, list[str]]:  # type: ignore[no-untyped-def]
    """A class with its players seated in a game of the bank; the game, the teacher's and players' cookies."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":  # start from an empty database
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        prepare(app)
        with db.writer() as session:
            teacher = Account(username="bench-teacher", display_name="T", password_hash="x",
                              role="teacher", session_token="t")
            people = [Account(username=f"bench-{n}", display_name=f"Player {n}", password_hash="x",
                              role="learner", session_token=f"t{n}") for n in range(players)]
            session.add_all([teacher, *people])
            session.commit()
            classroom_id = classrooms.create_classroom(session, teacher.id, "Bench")
            session.add_all(Membership(classroom_id=classroom_id, account_id=p.id) for p in people)
            session.commit()
            game = live_games.create_game(session, teacher.id, classroom_id,
                                          live_games.Options(seconds=seconds), bank_slug=BANK)
            assert game is not None
            session.add_all(LivePlayer(game_id=game, account_id=p.id) for p in people)
            session.commit()
            signer = app.session_interface.get_signing_serializer(app)
            teacher_cookie = f"session={signer.dumps({'_user_id': f'{teacher.id}:t', '_fresh': True})}"
            cookies = [f"session={signer.dumps({'_user_id': f'{p.id}:t{n}', '_fresh': True})}"
                       for n, p in enumerate(people)]
        db.dispose()
    return game, teacher_cookie, cookies


class Phone:
    """One browser: a kept-alive connection, its cookie and the ETag of the page it shows."""

    def __init__(self, host: str, cookie: str) -> None:
        self.host, self.cookie, self.tag, self.page = host, cookie, "", ""
        self.connection = http.client.HTTPConnection(host, timeout=60)

    def send(self, method: str, path: str, form: dict[str, object] | None = None,
             tag: str = "") -> tuple[int, str | None, str, float]:
        headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
        if tag:
            headers["If-None-Match"] = tag
        body = urllib.parse.urlencode(form or {}, doseq=True) if form is not None else None
        started = time.perf_counter()
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read().decode()
                break
            except (http.client.HTTPException, OSError):  # the worker closed a kept-alive connection
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, timeout=60)
                if attempt:
                    raise
        took = time.perf_counter() - started
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        if response.status == 200 and method == "GET":
            self.tag, self.page = response.getheader("ETag") or "", data
        return response.status, response.getheader("Location"), data, took

    def poll(self, path: str) -> tuple[int, float]:
        status, _, _, took = self.send("GET", path, tag=self.tag)
        return status, took


def answer_form(page: str) -> dict[str, object] | None:
    """The phone's answer form filled in as a player would (not always right), or None."""
    start = page.find('class="live-answer-form"')
    if start < 0:
        return None
    body = page[start:page.find("</form>", start)]
    position = re.search(r'name="position" value="(\d+)"', body)
    shown = re.search(r'name="shown" type="hidden" value="([^"]*)"', body)
    token = CSRF.search(body)
    assert position and shown and token, body[:300]
    form: dict[str, object] = {"send": "x", "position": position.group(1), "shown": shown.group(1),
                               "csrf_token": token.group(1)}
    selects = re.findall(r"<select ", body)
    if selects:
        form["answer"] = [str(n + 1) for n in range(len(selects))]
    elif 'type="text"' in body:
        form["answer"] = "15"
    else:
        values = re.findall(r'name="answer" value="([^"]+)"', body)
        form["answer"] = random.choice(values)
    return form


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--players", type=int, default=300)
    parser.add_argument("--questions", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=20, help="per question")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite"
        env = {**os.environ, "QUIZAPP_INSTANCE": tmp, "DATABASE_URL": url,
               "SECRET_KEY": "bench-secret", "QUIZAPP_RATELIMIT_ENABLED": "false"}
        app = create_app({"SECRET_KEY": "bench-secret", "DATABASE_URL": url})
        app.instance_path = tmp
        game, teacher_cookie, cookies = setup(app, args.players, args.seconds)
        port = free_port()
        log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
             "quizapp:create_app()"], env=env, stdout=log, stderr=subprocess.STDOUT)
        host = f"127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        warm = Phone(host, teacher_cookie)
        for _ in range(4 * args.workers):  # every worker booted and its app made, before timing
            warm.send("GET", f"/live/{game}/host")

        play, host_path = f"/live/{game}", f"/live/{game}/host"
        over = threading.Event()
        lock = threading.Lock()
        polls: list[float] = []
        answers: list[float] = []
        not_modified = [0]
        acknowledged: list[tuple[int, int, float]] = []  # (player, position, when)
        failures: list[str] = []
        host_counts: dict[int, list[tuple[float, int]]] = {}  # position: (when, count shown)
        position = [0]

        def player(index: int, cookie: str) -> None:
            phone = Phone(host, cookie)
            answered: set[str] = set()
            time.sleep(random.uniform(0, POLL_SECONDS))  # phones do not poll in step
            while not over.is_set():
                status, took = phone.poll(play)
                with lock:
                    polls.append(took)
                    not_modified[0] += status == 304
                form = answer_form(phone.page) if status == 200 else None
                if form is not None and form["position"] not in answered:
                    time.sleep(random.uniform(0, args.seconds / 2))  # thinking
                    status, _, body, took = phone.send("POST", f"{play}/answer", form)
                    with lock:
                        answers.append(took)
                    if status == 303:
                        answered.add(str(form["position"]))
                        # Acknowledged: the phone then shows "Answer received."
                        _, _, page, _ = phone.send("GET", play)
                        if "Answer received." in page or "live-verdict" in page:
                            with lock:
                                acknowledged.append((index, int(str(form["position"])), time.time()))
                    else:
                        with lock:
                            failures.append(f"answer: {status} {body[:100]}")
                    continue
                time.sleep(POLL_SECONDS)

        def host_screen() -> None:
            screen = Phone(host, teacher_cookie)
            while not over.is_set():
                status, _ = screen.poll(host_path)
                found = re.search(r"(\d[\d,]*) of \d[\d,]* have answered", screen.page)
                if status == 200 and found:
                    with lock:
                        host_counts.setdefault(position[0], []).append(
                            (time.time(), int(found.group(1).replace(",", ""))))
                time.sleep(HOST_POLL_SECONDS)

        def press(button: str) -> None:
            teacher = Phone(host, teacher_cookie)
            teacher.send("GET", host_path + "?still")
            version = re.search(r'name="version" type="hidden" value="(\d+)"', teacher.page)
            assert version is not None, teacher.page[:300]
            teacher.send("POST", f"/live/{game}/control", {
                "csrf_token": CSRF.search(teacher.page).group(1),  # type: ignore[union-attr]
                "version": version.group(1), "back": "host", button: "x"})

        threads = [threading.Thread(target=player, args=(n, c), daemon=True) for n, c in enumerate(cookies)]
        threads.append(threading.Thread(target=host_screen, daemon=True))
        for thread in threads:
            thread.start()
        time.sleep(POLL_SECONDS * 2)
        started = time.perf_counter()
        for number in range(1, args.questions + 1):
            press("start" if number == 1 else "next")
            position[0] = number
            time.sleep(INTRO_SECONDS + args.seconds + 1)
            press("reveal")
            time.sleep(POLL_SECONDS * 2)
        press("end")
        elapsed = time.perf_counter() - started
        over.set()
        for thread in threads:
            thread.join(timeout=30)
        server.terminate()
        server.wait(timeout=30)
        log.close()

        with app.app_context():
            stored = db.session.execute(select(LivePlayer.account_id, LiveAnswer.position)
                                        .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
                                        .where(LiveAnswer.game_id == game)).all()
            players = dict(db.session.execute(select(LivePlayer.account_id, LivePlayer.id)
                                              .where(LivePlayer.game_id == game)).all())
            first = db.session.scalar(select(func.min(Account.id)).where(Account.role == "learner"))
            assert db.session.get(LiveGame, game) is not None
            db.dispose()
        stored_keys = [(account - first, pos) for account, pos in stored]
        duplicated = len(stored_keys) - len(set(stored_keys))
        lost = len({(p, pos) for p, pos, _ in acknowledged} - set(stored_keys))
        del players
        # How long until the host screen's count included each answer: the first sample taken
        # after it that counts at least as many answers as were acknowledged by then.
        delays = []
        for pos in range(1, args.questions + 1):
            acked = sorted(when for _, p, when in acknowledged if p == pos)
            samples = host_counts.get(pos, [])
            times = [when for when, _ in samples]
            for k, when in enumerate(acked, start=1):
                i = bisect.bisect_left(times, when)
                while i < len(samples) and samples[i][1] < k:
                    i += 1
                if i < len(samples):
                    delays.append(samples[i][0] - when)
        backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"{backend}: {args.players} players without JavaScript, {args.questions} questions of "
              f"{args.seconds} s, gunicorn {args.workers} sync workers, {elapsed:.0f} s")
        print(f"  answers acknowledged {len(acknowledged)}, stored {len(stored_keys)}, lost {lost}, "
              f"duplicated {duplicated}, failures {len(failures)}")
        print(f"  polls {len(polls)} ({not_modified[0]} answered 304), p95 {p95(polls):.0f} ms; "
              f"answers {len(answers)}, p95 {p95(answers):.0f} ms")
        print(f"  host screen: an answer in its count after p95 {p95(delays) / 1000:.2f} s "
              f"({len(delays)} measured)")
        for failure in failures[:5]:
            print("  failure:", failure)


if __name__ == "__main__":
    main()
