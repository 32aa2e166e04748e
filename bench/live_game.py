"""A live game with 300 players without JavaScript, and the host screen, through gunicorn.

Each player's phone asks for its page every 2 s with the page's ETag (a 304 while nothing
changed) and answers every question within the timer; the host screen asks every second.
Goals (issue #24, on a 2-core machine): every answer acknowledged is in the database once
(0 lost, 0 duplicated); polls and answers p95 at most 150 ms; the host screen counts an
answer within 1 s (p95).

The client shares the machine with the server, so it is cheap: one thread, every phone a
coroutine on its own kept-alive HTTP/1.1 connection (asyncio streams), instead of 300 OS
threads fighting for the GIL. It prints its own CPU, the server's and everybody else's
(from /proc) beside the load average, so a run on a busy machine says so.
Run: .venv/bin/python bench/live_game.py [--players 300 --questions 3 --seconds 20 --workers 2 --threads 4]
     .venv/bin/python bench/live_game.py --find-limit 100,200,300,400   (a run per count, then
     the largest count whose polls and answers p95 stay at most 150 ms)
SQLite in a temporary folder by default; BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import math
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

    def __init__(self, port: int, cookie: str) -> None:
        self.port, self.cookie, self.tag, self.page = port, cookie, "", ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def send(self, method: str, path: str, form: dict[str, object] | None = None,
                   tag: str = "") -> tuple[int, str | None, str, float]:
        body = urllib.parse.urlencode(form or {}, doseq=True).encode() if form is not None else b""
        head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Cookie: {self.cookie}"]
        if tag:
            head.append(f"If-None-Match: {tag}")
        if form is not None:
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        request = ("\r\n".join(head) + "\r\n\r\n").encode() + body
        started = time.perf_counter()
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
                assert self.reader is not None
                self.writer.write(request)
                status, headers, data = await read_response(self.reader)
                break
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                # The server closed a kept-alive connection (its keep-alive ran out): again on a
                # new one. An answer sent twice is safe: the database keeps the first.
                self.close()
                if attempt:
                    raise
        took = time.perf_counter() - started
        if headers.get("connection", "").lower() == "close":
            self.close()
        cookie = headers.get("set-cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        text = data.decode()
        if status == 200 and method == "GET":
            self.tag, self.page = headers.get("etag", ""), text
        return status, headers.get("location"), text, took

    async def poll(self, path: str) -> tuple[int, float]:
        status, _, _, took = await self.send("GET", path, tag=self.tag)
        return status, took


async def read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    """An HTTP/1.1 response: its status, headers (lower-case names) and body."""
    line = await reader.readline()
    if not line:
        raise ConnectionError("closed")
    status = int(line.split()[1])
    headers: dict[str, str] = {}
    while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        headers.setdefault(name.strip().lower(), value.strip())
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while size := int((await reader.readline()).split(b";")[0], 16):
            chunks.append(await reader.readexactly(size))
            await reader.readline()
        await reader.readline()
        return status, headers, b"".join(chunks)
    length = int(headers.get("content-length", "0"))
    return status, headers, await reader.readexactly(length) if length else b""


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


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` lie, in ms (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] * 1000 if ordered else 0.0


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) used so far by these processes, from /proc."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU time every process on the machine has used (all cores), from /proc/stat."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def postgres_pids() -> list[int]:
    """Every PostgreSQL server process on the machine (its backends serve others' databases too)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def server_pids(master: int) -> list[int]:
    """gunicorn's master and its workers."""
    try:
        return [master, *map(int, Path(f"/proc/{master}/task/{master}/children").read_text().split())]
    except OSError:
        return [master]


@dataclass
class Result:
    """One run's figures."""

    players: int
    backend: str
    elapsed: float
    acknowledged: int
    stored: int
    lost: int
    duplicated: int
    failures: list[str]
    polls: list[float]
    not_modified: int
    answers: list[float]
    delays: list[float]
    client_cpu: float
    server_cpu: float
    postgres_cpu: float
    others_cpu: float
    load: tuple[float, float]

    @property
    def within_goal(self) -> bool:
        """Polls and answers p95 at most 150 ms, nothing lost or doubled."""
        return (percentile(self.polls, 0.95) <= GOAL_MS and percentile(self.answers, 0.95) <= GOAL_MS
                and not self.lost and not self.duplicated)


GOAL_MS = 150.0


async def play_game(args: argparse.Namespace, port: int, game: int, teacher_cookie: str,
                    cookies: list[str]) -> dict[str, Any]:
    """Every phone and the host screen through a whole game; the teacher presses the buttons."""
    play, host_path = f"/live/{game}", f"/live/{game}/host"
    over = asyncio.Event()
    polls: list[float] = []
    answers: list[float] = []
    not_modified = [0]
    acknowledged: list[tuple[int, int, float]] = []  # (player, position, when)
    failures: list[str] = []
    host_counts: dict[int, list[tuple[float, int]]] = {}  # position: (when, count shown)
    position = [0]

    async def pause(seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(over.wait(), seconds)

    async def player(index: int, cookie: str) -> None:
        phone = Phone(port, cookie)
        answered: set[str] = set()
        await pause(random.uniform(0, POLL_SECONDS))  # phones do not poll in step
        while not over.is_set():
            status, took = await phone.poll(play)
            polls.append(took)
            not_modified[0] += status == 304
            form = answer_form(phone.page) if status == 200 else None
            if form is not None and form["position"] not in answered:
                await pause(random.uniform(0, args.seconds / 2))  # thinking
                status, _, body, took = await phone.send("POST", f"{play}/answer", form)
                answers.append(took)
                if status == 303:
                    answered.add(str(form["position"]))
                    # Acknowledged: the phone then shows "Answer received."
                    _, _, page, _ = await phone.send("GET", play)
                    if "Answer received." in page or "live-verdict" in page:
                        acknowledged.append((index, int(str(form["position"])), time.time()))
                else:
                    failures.append(f"answer: {status} {body[:100]}")
                continue
            await pause(POLL_SECONDS)
        phone.close()

    async def host_screen() -> None:
        screen = Phone(port, teacher_cookie)
        while not over.is_set():
            status, _ = await screen.poll(host_path)
            found = re.search(r"(\d[\d,]*) of \d[\d,]* have answered", screen.page)
            if status == 200 and found:
                host_counts.setdefault(position[0], []).append(
                    (time.time(), int(found.group(1).replace(",", ""))))
            await pause(HOST_POLL_SECONDS)
        screen.close()

    async def press(button: str) -> None:
        teacher = Phone(port, teacher_cookie)
        await teacher.send("GET", host_path + "?still")
        version = re.search(r'name="version" type="hidden" value="(\d+)"', teacher.page)
        assert version is not None, teacher.page[:300]
        await teacher.send("POST", f"/live/{game}/control", {
            "csrf_token": CSRF.search(teacher.page).group(1),  # type: ignore[union-attr]
            "version": version.group(1), "back": "host", button: "x"})
        teacher.close()

    tasks = [asyncio.create_task(player(n, c)) for n, c in enumerate(cookies)]
    tasks.append(asyncio.create_task(host_screen()))
    await asyncio.sleep(POLL_SECONDS * 2)
    for number in range(1, args.questions + 1):
        await press("start" if number == 1 else "next")
        position[0] = number
        await asyncio.sleep(INTRO_SECONDS + args.seconds + 1)
        await press("reveal")
        await asyncio.sleep(POLL_SECONDS * 2)
    await press("end")
    over.set()
    await asyncio.gather(*tasks)
    return {"polls": polls, "answers": answers, "not_modified": not_modified[0],
            "acknowledged": acknowledged, "failures": failures, "host_counts": host_counts}


def host_delays(acknowledged: list[tuple[int, int, float]], host_counts: dict[int, list[tuple[float, int]]],
                questions: int) -> list[float]:
    """How long until the host screen's count included each answer: the first sample taken
    after it that counts at least as many answers as were acknowledged by then."""
    delays = []
    for pos in range(1, questions + 1):
        acked = sorted(when for _, p, when in acknowledged if p == pos)
        samples = host_counts.get(pos, [])
        times = [when for when, _ in samples]
        for k, when in enumerate(acked, start=1):
            i = bisect.bisect_left(times, when)
            while i < len(samples) and samples[i][1] < k:
                i += 1
            if i < len(samples):
                delays.append(samples[i][0] - when)
    return delays


def run(args: argparse.Namespace, players: int) -> Result:
    """One game of ``players`` through a gunicorn of its own, on an empty database."""
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp}/bench.sqlite"
        env = {**os.environ, "QUIZAPP_INSTANCE": tmp, "DATABASE_URL": url,
               "SECRET_KEY": "bench-secret", "QUIZAPP_RATELIMIT_ENABLED": "false"}
        app = create_app({"SECRET_KEY": "bench-secret", "DATABASE_URL": url})
        app.instance_path = tmp
        game, teacher_cookie, cookies = setup(app, players, args.seconds)
        port = free_port()
        log = open(Path(tmp) / "server.log", "w")  # noqa: SIM115
        worker = ["--worker-class", "gthread", "--threads", str(args.threads), "--keep-alive", "5"] \
            if args.threads > 1 else []
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(args.workers), *worker, "--backlog", "2048",
             "--bind", f"127.0.0.1:{port}", "quizapp:create_app()"],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)

        async def warm() -> None:
            phone = Phone(port, teacher_cookie)
            for _ in range(4 * args.workers):  # every worker booted and its app made, before timing
                phone.close()
                await phone.send("GET", f"/live/{game}/host")
            phone.close()

        asyncio.run(warm())
        pids = server_pids(server.pid)
        load_before = os.getloadavg()[0]
        client_start, server_start = time.process_time(), cpu_seconds(pids)
        on_postgres = url.startswith("postgresql")
        database_start = {pid: cpu_seconds([pid]) for pid in postgres_pids()} if on_postgres else {}
        machine_start = machine_busy_seconds()
        started = time.perf_counter()
        seen = asyncio.run(play_game(args, port, game, teacher_cookie, cookies))
        elapsed = time.perf_counter() - started
        client = time.process_time() - client_start
        served = cpu_seconds(pids) - server_start
        # Backends that started during the run (the workers' connections) count whole.
        database = sum(cpu_seconds([pid]) - database_start.get(pid, 0.0)
                       for pid in (postgres_pids() if on_postgres else []))
        others = machine_busy_seconds() - machine_start - client - served - database
        load_after = os.getloadavg()[0]
        server.terminate()
        server.wait(timeout=30)
        log.close()

        with app.app_context():
            stored = db.session.execute(select(LivePlayer.account_id, LiveAnswer.position)
                                        .join(LivePlayer, LivePlayer.id == LiveAnswer.player_id)
                                        .where(LiveAnswer.game_id == game)).all()
            first = db.session.scalar(select(func.min(Account.id)).where(Account.role == "learner"))
            assert db.session.get(LiveGame, game) is not None
            db.dispose()
    stored_keys = [(account - first, pos) for account, pos in stored]
    acknowledged = seen["acknowledged"]
    return Result(
        players, "PostgreSQL" if url.startswith("postgresql") else "SQLite", elapsed, len(acknowledged),
        len(stored_keys), len({(p, pos) for p, pos, _ in acknowledged} - set(stored_keys)),
        len(stored_keys) - len(set(stored_keys)), seen["failures"], seen["polls"], seen["not_modified"],
        seen["answers"], host_delays(acknowledged, seen["host_counts"], args.questions),
        client / elapsed, served / elapsed, database / elapsed, others / elapsed, (load_before, load_after))


def report(args: argparse.Namespace, result: Result) -> None:
    """The run's figures, as bench/README.md's table takes them."""
    r = result
    server = (f"{args.workers} workers x {args.threads} threads (gthread)" if args.threads > 1
              else f"{args.workers} sync workers")
    print(f"{r.backend}: {r.players} players without JavaScript, {args.questions} questions of "
          f"{args.seconds} s, gunicorn {server}, {r.elapsed:.0f} s")
    print(f"  answers acknowledged {r.acknowledged}, stored {r.stored}, lost {r.lost}, "
          f"duplicated {r.duplicated}, failures {len(r.failures)}")
    print(f"  polls {len(r.polls)} ({r.not_modified} answered 304): median "
          f"{percentile(r.polls, 0.5):.0f} ms, "
          f"p95 {percentile(r.polls, 0.95):.0f} ms; answers {len(r.answers)}: median "
          f"{percentile(r.answers, 0.5):.0f} ms, p95 {percentile(r.answers, 0.95):.0f} ms")
    print(f"  host screen: an answer in its count after p95 {percentile(r.delays, 0.95) / 1000:.2f} s "
          f"({len(r.delays)} measured)")
    database = f"PostgreSQL (all its databases) {r.postgres_cpu:.2f}, " if r.backend == "PostgreSQL" else ""
    print(f"  CPU (cores busy on average): this client {r.client_cpu:.2f}, server {r.server_cpu:.2f}, "
          f"{database}other processes {r.others_cpu:.2f} of 2; load average {r.load[0]:.1f} before, "
          f"{r.load[1]:.1f} after")
    print(f"  within the goal (p95 <= {GOAL_MS:.0f} ms, 0 lost): {'yes' if r.within_goal else 'no'}")
    for failure in r.failures[:5]:
        print("  failure:", failure)
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--players", type=int, default=300)
    parser.add_argument("--questions", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=20, help="per question")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="per worker; 1: sync workers")
    parser.add_argument("--find-limit", default="", metavar="N,N,...",
                        help="a run per player count, then the largest within the goal")
    args = parser.parse_args()
    counts = [int(n) for n in args.find_limit.split(",") if n.strip()] or [args.players]
    results = []
    for players in counts:
        results.append(run(args, players))
        report(args, results[-1])
    if args.find_limit:
        held = [r.players for r in results if r.within_goal]
        each = ", ".join(f"{r.players}: p95 polls {percentile(r.polls, 0.95):.0f} ms, answers "
                         f"{percentile(r.answers, 0.95):.0f} ms" for r in results)
        print(f"largest player count within the goal: {max(held) if held else 'none'} ({each})")


if __name__ == "__main__":
    main()
