"""Kill -9 the whole server while learners submit, restart it, and check nothing acknowledged is lost.

gunicorn with 2 workers on a temporary SQLite database; learners start, open and
submit quizzes in a loop; mid-load the arbiter and its workers are killed with
SIGKILL (a crash of the processes, not of the machine: with synchronous=NORMAL in
WAL mode, a power cut may lose the last commits, a process crash never does). The
server is started again on the same files; the script checks PRAGMA integrity_check
and that every submission acknowledged before the kill is in the database, whole.
Run: .venv/bin/python bench/crash_recovery.py [--learners 30 --rounds 3 --seconds 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from submissions import (  # bench/ is not a package: import from beside this file
    BIN,
    answers_for,
    create_app,
    free_port,
    request,
    request_with_cookie,
    setup,
)

QUESTIONS = 17  # the bank submissions.py assigns


def start_server(env: dict[str, str], port: int, log: Path) -> tuple[subprocess.Popen[bytes], float]:
    """gunicorn in a process group of its own; returns it and the seconds until it answered."""
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--bind", f"127.0.0.1:{port}", "quizapp:create_app()"],
        env=env, stdout=log.open("a"), stderr=subprocess.STDOUT, start_new_session=True)
    for _ in range(300):
        try:
            status, _, _ = request(f"127.0.0.1:{port}", "", "GET", "/healthz")
            if status == 200:
                return server, time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"the server did not start: see {log}")


def drive(host: str, assignment: int, cookies: list[str], stop: threading.Event,
          acknowledged: list[str], lost_requests: list[str]) -> list[threading.Thread]:
    """Learners submitting in a loop until ``stop``; acknowledged attempt tokens are collected."""

    def learner(cookie: str) -> None:
        try:
            _, _, home, cookie = request_with_cookie(host, cookie, "GET", "/")
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', home).group(1)  # type: ignore[union-attr]
        except OSError:
            return
        while not stop.is_set():
            try:
                status, location, _ = request(host, cookie, "POST", f"/assignments/{assignment}/start",
                                              {"csrf_token": token, "start": "Start"})
                if status != 303 or not location:
                    lost_requests.append(f"start {status}")
                    continue
                path = urllib.parse.urlsplit(location).path
                _, _, page = request(host, cookie, "GET", path)
                status, target, _ = request(host, cookie, "POST", path, answers_for(page))
                if status == 303 and target and target.endswith("/result"):
                    acknowledged.append(path.rsplit("/", 1)[1])
                else:
                    lost_requests.append(f"submit {status}")
            except (OSError, AttributeError, http.client.HTTPException):  # the server died under it
                lost_requests.append("connection")
                return

    threads = [threading.Thread(target=learner, args=(cookie,), daemon=True) for cookie in cookies]
    for thread in threads:
        thread.start()
    return threads


def check(path: Path, tokens: list[str]) -> tuple[str, int, int, int]:
    """integrity_check, and of the tokens: how many are submitted with every answer, missing, partial."""
    with sqlite3.connect(path, timeout=10) as connection:
        (integrity,) = connection.execute("PRAGMA integrity_check").fetchone()
        found = missing = partial = 0
        for token in tokens:
            row = connection.execute(
                "SELECT attempt.submitted_at, count(answer.id) FROM attempt "
                "LEFT JOIN answer ON answer.attempt_id = attempt.id WHERE attempt.token = ? "
                "GROUP BY attempt.id", (token,)).fetchone()
            if row is None or row[0] is None:
                missing += 1
            elif row[1] != QUESTIONS:
                partial += 1
            else:
                found += 1
    return integrity, found, missing, partial


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4, help="load before each kill")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = Path(tmp) / "crash.sqlite"
        url = f"sqlite:///{database}"
        # Only submissions here, no sign-ins: no rate limits, so 2 workers may use memory://.
        env = {**os.environ, "QUIZAPP_INSTANCE": tmp, "DATABASE_URL": url,
               "SECRET_KEY": "bench-secret", "QUIZAPP_RATELIMIT_ENABLED": "false"}
        app = create_app({"SECRET_KEY": "bench-secret", "DATABASE_URL": url})
        app.instance_path = tmp
        assignment, cookies = setup(app, args.learners)
        log = Path(tmp) / "server.log"
        port = free_port()
        host = f"127.0.0.1:{port}"
        server, first_start = start_server(env, port, log)
        print(f"gunicorn, 2 sync workers, SQLite (WAL, synchronous=NORMAL), {args.learners} learners "
              f"submitting {QUESTIONS} answers each in a loop; first start {first_start:.2f} s")
        every_acknowledged: list[str] = []
        problems = 0
        for round_number in range(1, args.rounds + 1):
            acknowledged: list[str] = []
            lost_requests: list[str] = []
            stop = threading.Event()
            threads = drive(host, assignment, cookies, stop, acknowledged, lost_requests)
            time.sleep(args.seconds)
            before_kill = list(acknowledged)  # acknowledged before the kill signal was sent
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
            time.sleep(0.3)
            stop.set()
            for thread in threads:
                thread.join(timeout=10)
            wal = Path(f"{database}-wal")
            wal_bytes = wal.stat().st_size if wal.exists() else 0
            server, restart = start_server(env, port, log)
            every_acknowledged += acknowledged
            integrity, found, missing, partial = check(database, every_acknowledged)
            problems += (integrity != "ok") + missing + partial
            print(f"round {round_number}: {len(before_kill)} submissions acknowledged before kill -9 "
                  f"({len(acknowledged)} counting responses read as it fell); requests cut off: "
                  f"{len(lost_requests)}; WAL left {wal_bytes / 1024:.0f} KiB; restart answered in "
                  f"{restart:.2f} s; integrity_check: {integrity}; acknowledged so far "
                  f"{len(every_acknowledged)}: {found} found whole, {missing} missing, {partial} partial")
        status, _, _ = request(host, cookies[0], "GET", "/")
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        print(f"after the last restart the home page answered {status}; "
              f"{'nothing acknowledged was lost' if not problems else f'{problems} problems'}; "
              f"'database is locked' in the server log: {log.read_text().count('database is locked')}")


if __name__ == "__main__":
    main()
