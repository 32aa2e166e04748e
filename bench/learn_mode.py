"""Learn mode under gunicorn: a class of learners answering one question at a time.

Goal: a learn-mode answer (its post, then the feedback page the post redirects to) has a p95
of at most 50 ms with 50 learners answering, on SQLite and on PostgreSQL; no answer is lost
(every attempt is recorded after its last question, with one answer per question, each the
first one sent). Each learner is a thread with its own browser session: it opens its question,
answers it, reads the feedback and goes on; with --double it sends each answer twice, as a
double tap does, and the second must change nothing.

What the load models: a class in one room, everyone starting the same quiz at the same moment.
Before each answer a learner reads the question and its choices for --think seconds (a random
0.5x to 1.5x of it, so the class drifts apart as a real one does); 3 s by default, faster than a
14-year-old reads a question. --think 0 is a saturation test instead: every learner answers
again the moment its feedback page arrives, so requests queue and the figures say how many
answers a second the server can take, not how a class fares. The client runs on the same
machine and takes part of its CPU.

Run: .venv/bin/python bench/learn_mode.py [--learners 50] [--think 3] [--workers 2] [--threads 4]
PostgreSQL: BENCH_DATABASE_URL=postgresql+psycopg://user@host/db (an empty database).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BANK = "reading-the-news"  # the largest bundled bank

_CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
_INPUT = re.compile(r'<input([^>]*)name="q(\d+)"([^>]*)>')
_SELECT = re.compile(r'<select[^>]*name="q(\d+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Learner:
    """One browser: its cookies, its attempt, the first answer it sent to each question."""

    base: str
    opener: urllib.request.OpenerDirector = field(init=False)
    attempt: str = ""
    sent: dict[int, list[str]] = field(default_factory=dict)
    timings: list[float] = field(default_factory=list)
    think: float = 0.0  # seconds spent reading each question before answering it

    def __post_init__(self) -> None:
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    def get(self, path: str) -> tuple[int, str, str]:
        """Status, Location and body of a GET, redirects not followed."""
        return self._open(path, None)

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str, str]:
        return self._open(path, urllib.parse.urlencode(fields).encode())

    def _open(self, path: str, data: bytes | None) -> tuple[int, str, str]:
        try:
            with self.opener.open(urllib.parse.urljoin(self.base, path), data=data, timeout=30) as response:
                return response.status, "", response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", ""), answer.read().decode()

    def start(self) -> None:
        _, _, form = self.get(f"/banks/{BANK}")
        status, location, _ = self.post(f"/banks/{BANK}", [("csrf_token", _CSRF.search(form).group(1)),  # type: ignore[union-attr]
                                                           ("start", "Start")])
        assert status == 303, status
        self.attempt = urllib.parse.urlsplit(location).path

    def answer_all(self, double: bool) -> None:
        """Answer each question as it comes, timing each post and its feedback page."""
        status, location, _ = self.get(self.attempt)
        while status == 303 and "/questions/" in location and not location.endswith("/feedback"):
            _, _, page = self.get(location)
            position, values = pick_answer(page)
            if self.think:  # reading the question and its choices
                time.sleep(random.uniform(0.5, 1.5) * self.think)
            fields = [("csrf_token", _CSRF.search(page).group(1)), ("check", "x")]  # type: ignore[union-attr]
            fields += [(f"q{position}", value) for value in values]
            started = time.perf_counter()
            status, feedback, _ = self.post(f"{location}/answer", fields)
            assert status == 303 and feedback.endswith("/feedback"), (status, feedback)
            shown, _, body = self.get(feedback)
            self.timings.append((time.perf_counter() - started) * 1000)
            assert shown == 200 and 'class="verdict"' in body, shown
            self.sent[position] = values
            if double:  # a double tap: the same question again, another answer; it must not count
                self.post(f"{location}/answer", [*fields[:2], (f"q{position}", values[0] + "9")])
            status, location, _ = self.get(self.attempt)


def pick_answer(page: str) -> tuple[int, list[str]]:
    """An answer to the one question on a learn-mode page: the first choice, 1, or 1..n."""
    selects = _SELECT.findall(page)
    if selects:
        return int(selects[0]), [str(n) for n in range(1, len(selects) + 1)]
    before, position, after = _INPUT.search(page).groups()  # type: ignore[union-attr]
    attributes = before + after
    value = re.search(r'value="([^"]*)"', attributes)
    if 'type="text"' in attributes or value is None:
        return int(position), ["1"]
    return int(position), [value.group(1)]


def server_cpu_seconds(pid: int) -> float:
    """CPU time used so far by the server and its workers (Linux's /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone since listed
        child = int(stat.parent.name)
        parents[child] = int(fields[1])
        times[child] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    tree = {pid}
    for _ in range(3):  # master, workers (and nothing deeper)
        tree |= {child for child, parent in parents.items() if parent in tree}
    return sum(times.get(member, 0.0) for member in tree)


def lost_answers(database_url: str, learners: list[Learner]) -> list[str]:
    """Every attempt recorded, with one answer per question sent: what is missing, if anything."""
    engine = create_engine(database_url)
    problems = []
    with engine.connect() as connection:
        for learner in learners:
            token = learner.attempt.rsplit("/", 1)[1]
            submitted, answers = connection.execute(text(
                "SELECT a.submitted_at, (SELECT count(*) FROM answer WHERE attempt_id = a.id) "
                "FROM attempt a WHERE a.token = :token"), {"token": token}).one()
            if submitted is None or answers != len(learner.sent):
                problems.append(f"{token}: submitted {submitted}, {answers} of {len(learner.sent)} answers")
    engine.dispose()
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--think", type=float, default=3.0,
                        help="seconds a learner reads a question before answering (0: saturation test)")
    parser.add_argument("--double", action="store_true", help="send every answer twice")
    args = parser.parse_args()
    load_before = " ".join(f"{value:.2f}" for value in os.getloadavg())  # others share the machine

    with tempfile.TemporaryDirectory() as tmp:
        database_url = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite")
        # Anonymous practice from one address: no rate limits, so memory:// serves every worker.
        env = {**os.environ, "QUIZAPP_INSTANCE": tmp, "QUIZAPP_RATELIMIT_ENABLED": "false",
               "DATABASE_URL": database_url}
        subprocess.run([str(BIN / "quizapp"), "init"], env=env, check=True, capture_output=True)
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(args.workers), "--threads", str(args.threads),
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "quizapp:create_app()"], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            learners = [Learner(base, think=args.think) for _ in range(args.learners)]
            for learner in learners:
                learner.start()
            barrier = threading.Barrier(len(learners))
            failures: list[str] = []

            def run(learner: Learner) -> None:
                barrier.wait()  # the whole class starts at once
                try:
                    learner.answer_all(args.double)
                except Exception as problem:  # reported with the others below
                    failures.append(repr(problem))

            threads = [threading.Thread(target=run, args=(learner,)) for learner in learners]
            began, cpu_before = time.perf_counter(), server_cpu_seconds(server.pid)
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            took = time.perf_counter() - began
            server_cpu = server_cpu_seconds(server.pid) - cpu_before
        finally:
            server.terminate()
            server.wait()
        lost = lost_answers(database_url, learners)

    timings = sorted(t for learner in learners for t in learner.timings)
    if not timings:
        raise SystemExit(f"no answer was timed: {failures[:3]}")
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    backend = database_url.split(":", 1)[0]
    twice = ", every answer sent twice" if args.double else ""
    pace = (f"thinking {args.think:g} s (0.5x-1.5x) before each answer" if args.think
            else "no pause (saturation)")
    print(f"gunicorn, {args.workers} workers x {args.threads} threads, {args.learners} learners, {pace}, "
          f"{os.cpu_count()} cores, {backend}, bank {BANK}{twice}; load average before: {load_before}")
    print(f"{len(timings)} answers in {took:.1f} s: {len(timings) / took:.1f} answers a second "
          f"(each: attempt, question, post, feedback); server CPU {1000 * server_cpu / len(timings):.1f} ms "
          f"an answer")
    print(f"post + feedback page: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms "
          f"(goal <= 50 ms), max {timings[-1]:.1f} ms")
    print(f"failures: {len(failures)}; answers lost: {len(lost)}")
    for problem in (failures + lost)[:5]:
        print("  " + problem)
    if failures or lost:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
