"""Fifty learners of one class submitting answers at once, through gunicorn.

Goals: on SQLite at least 500 answers recorded per second, none lost, no "database is
locked"; on PostgreSQL at least 300 per second.
Run: .venv/bin/python bench/submissions.py [--learners 50 --seconds 15 --workers 4]
SQLite in a temporary folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL.
"""

from __future__ import annotations

import argparse
import http.client
import os
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
BANK = "reading-the-news"  # the largest bundled bank: 19 questions on 4 pages
QUESTIONS = 19

from sqlalchemy import func, select, text  # noqa: E402

from quizapp import create_app  # noqa: E402
from quizapp.commands.database import prepare  # noqa: E402
from quizapp.extensions import db  # noqa: E402
from quizapp.models import Account, Answer, Attempt, Membership  # noqa: E402
from quizapp.services import classrooms  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def setup(app, learners: int) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """A class with the bank assigned and its learners; returns the assignment and cookies."""
    with app.app_context():
        if db.engine.dialect.name == "postgresql":  # start from an empty database
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        prepare(app)
        with db.writer() as session:
            teacher = Account(username="bench-teacher", display_name="T", password_hash="x",
                              role="teacher", session_token="t")
            people = [Account(username=f"bench-{n}", display_name=f"Learner {n}",
                              password_hash="x", role="learner", session_token=f"t{n}")
                      for n in range(learners)]
            session.add_all([teacher, *people])
            session.commit()
            classroom_id = classrooms.create_classroom(session, teacher.id, "Bench")
            session.add_all(Membership(classroom_id=classroom_id, account_id=p.id) for p in people)
            session.commit()
            classroom = classrooms.owned_classroom(session, teacher.id, classroom_id)
            assignment = classrooms.assign_bank(session, classroom, BANK, None, None, None)
            signer = app.session_interface.get_signing_serializer(app)
            cookies = [f"session={signer.dumps({'_user_id': f'{p.id}:t{n}', '_fresh': True})}"
                       for n, p in enumerate(people)]
        db.dispose()
    assert assignment is not None
    return assignment, cookies


def request(host: str, cookie: str, method: str, path: str,
            form: dict[str, object] | None = None) -> tuple[int, str | None, str]:
    status, location, body, _ = request_with_cookie(host, cookie, method, path, form)
    return status, location, body


def request_with_cookie(host: str, cookie: str, method: str, path: str,
                        form: dict[str, object] | None = None) -> tuple[int, str | None, str, str]:
    """Send a request; also return the session cookie the response sets (or the one sent)."""
    connection = http.client.HTTPConnection(host, timeout=60)
    body = urllib.parse.urlencode(form or {}, doseq=True) if form is not None else None
    connection.request(method, path, body=body, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    set_cookie = response.getheader("Set-Cookie")
    result = (response.status, response.getheader("Location"), response.read().decode(),
              set_cookie.split(";", 1)[0] if set_cookie else cookie)
    connection.close()
    return result


def answers_for(page: str, one_form: bool = False) -> dict[str, object]:
    """Answer every question of a quiz page as a browser form would (right or wrong), and press
    the page's button: "Save and go on", or "Submit my answers" on the last page.

    ``one_form``: the page shows every question (``?page`` of one page holding them all is what
    a client sending the whole attempt at once does) and the form submits them together.
    """
    button = "next_page" if 'name="next_page"' in page and not one_form else "submit"
    form: dict[str, object] = {button: "x"}
    form["csrf_token"] = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    if not one_form:
        form["page"] = re.search(r'name="page" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    for name, body in re.findall(r'<fieldset id="(q\d+)"(.*?)</fieldset>', page, re.S):
        selects = re.findall(r"<select ", body)
        if selects:
            form[name] = [str(n + 1) for n in range(len(selects))]
        elif 'type="text"' in body:
            form[name] = "15"
        else:
            form[name] = re.search(r'value="([^"]+)"', body).group(1)  # type: ignore[union-attr]
    return form


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--flow", choices=["burst", "paged", "one-form"], default="burst",
                        help="burst: the class has saved every page but the last, then all submit at "
                             "once, timed from the first submit to the last (the moment the goal is "
                             "for); paged: the whole flow, every page saved then submitted, timed; "
                             "one-form: every answer in one submission")
    parser.add_argument("--rounds", type=int, default=6, help="burst: how many times the class submits")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite"
        # No sign-ins or joins here, so no rate limits: several workers may run on memory://.
        env = {**os.environ, "QUIZAPP_INSTANCE": tmp, "DATABASE_URL": url,
               "SECRET_KEY": "bench-secret", "QUIZAPP_RATELIMIT_ENABLED": "false"}
        app = create_app({"SECRET_KEY": "bench-secret", "DATABASE_URL": url})
        app.instance_path = tmp
        assignment, cookies = setup(app, args.learners)
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

        acknowledged: list[str] = []
        failures: list[str] = []
        barrier = threading.Barrier(args.learners + 1)
        deadline = [0.0]

        windows: list[float] = []
        ready = threading.Barrier(args.learners + 1)
        done = threading.Barrier(args.learners + 1)

        def prepared(cookie: str, token: str) -> tuple[str, dict[str, object]] | None:
            """Start an attempt and save every page but the last: the last page's form, ready to send."""
            status, location, _ = request(host, cookie, "POST", f"/assignments/{assignment}/start",
                                          {"csrf_token": token, "start": "Start"})
            if status != 303 or not location:
                failures.append(f"start: {status}")
                return None
            path = address = urllib.parse.urlsplit(location).path
            for _ in range(10):
                _, _, page = request(host, cookie, "GET", address)
                form = answers_for(page)
                if "submit" in form:
                    return path, form
                status, target, _ = request(host, cookie, "POST", path, form)
                address = urllib.parse.urlsplit(target).path + "?" + urllib.parse.urlsplit(target).query
            return None

        def burst_learner(cookie: str) -> None:
            _, _, home, cookie = request_with_cookie(host, cookie, "GET", "/")
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', home).group(1)  # type: ignore[union-attr]
            for _ in range(args.rounds):
                ready_form = prepared(cookie, token)
                ready.wait()
                if ready_form is not None:
                    path, form = ready_form
                    status, target, body = request(host, cookie, "POST", path, form)
                    if status == 303 and target and target.endswith("/result"):
                        acknowledged.append(path.rsplit("/", 1)[1])
                    else:
                        failures.append(f"submit: {status} {body[:120]}")
                done.wait()

        def learner(cookie: str) -> None:
            _, _, home, cookie = request_with_cookie(host, cookie, "GET", "/")  # as a browser does
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', home).group(1)  # type: ignore[union-attr]
            barrier.wait()
            while time.perf_counter() < deadline[0]:
                status, location, _ = request(host, cookie, "POST", f"/assignments/{assignment}/start",
                                              {"csrf_token": token, "start": "Start"})
                if status != 303 or not location:
                    failures.append(f"start: {status}")
                    return
                path = urllib.parse.urlsplit(location).path
                address = path
                # Page by page, as a learner without JavaScript goes: each page is saved, the
                # last one submits the whole attempt.
                for _ in range(10):
                    _, _, page = request(host, cookie, "GET", address)
                    if args.flow == "one-form":  # every question's fields, from every page
                        page = "".join([page] + [request(host, cookie, "GET", f"{path}?page={n}")[2]
                                                 for n in range(2, 5)])
                    status, target, body = request(host, cookie, "POST", path,
                                                   answers_for(page, args.flow == "one-form"))
                    if status != 303 or not target or not target.split("?")[0].startswith(path):
                        failures.append(f"submit: {status} {body[:120]}")
                        break
                    if target.endswith("/result"):
                        acknowledged.append(path.rsplit("/", 1)[1])
                        break
                    address = urllib.parse.urlsplit(target).path + "?" + urllib.parse.urlsplit(target).query

        if args.flow == "burst":
            threads = [threading.Thread(target=burst_learner, args=(c,)) for c in cookies]
            for thread in threads:
                thread.start()
            for _ in range(args.rounds):
                ready.wait()
                start = time.perf_counter()
                done.wait()
                windows.append(time.perf_counter() - start)
            for thread in threads:
                thread.join()
            elapsed = sum(windows)
        else:
            threads = [threading.Thread(target=learner, args=(c,)) for c in cookies]
            for thread in threads:
                thread.start()
            deadline[0] = time.perf_counter() + args.seconds
            start = time.perf_counter()
            barrier.wait()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - start
        server.terminate()
        server.wait()
        log.close()
        server_log = (Path(tmp) / "server.log").read_text()

        with app.app_context():
            recorded = db.session.scalar(
                select(func.count()).select_from(Answer).join(Attempt, Attempt.id == Answer.attempt_id)
                .where(Attempt.token.in_(acknowledged))) if acknowledged else 0
            everything = db.session.scalar(select(func.count()).select_from(Answer))
            db.dispose()

    backend = url.split(":")[0]
    print(f"{backend} ({args.flow}): {args.learners} learners for {elapsed:.1f} s, gunicorn "
          f"{args.workers} sync workers, each learner: " + {
              "burst": f"saves every page of {BANK} ({QUESTIONS} questions) but the last, then the "
                       f"whole class submits at once, {args.rounds} times; timed: the submissions only "
                       f"({', '.join(f'{w:.2f}' for w in windows)} s)",
              "paged": f"start, open and save each page of {BANK} ({QUESTIONS} questions), submit on "
                       "the last page, again; timed: all of it",
              "one-form": f"start, open {BANK} ({QUESTIONS} questions), submit every answer in one "
                          "form, again"}[args.flow])
    print(f"acknowledged submissions: {len(acknowledged)}, answers acknowledged "
          f"{len(acknowledged) * QUESTIONS}, found in the database {recorded} (all answers: {everything})")
    print(f"answers recorded per second: {recorded / elapsed:.0f} "
          f"(goal: SQLite >= 500, PostgreSQL >= 300); failed requests: {len(failures)}; "
          f"'database is locked' in the server log: {server_log.count('database is locked')}")
    if failures:
        print("first failures:", failures[:3])


if __name__ == "__main__":
    main()
