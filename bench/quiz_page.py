"""The quiz page under gunicorn, against a bare 'ok' route of the same app, same server, same run.

Goals: the quiz page serves at least 0.8 of the bare route's requests per second,
with a p99 under 50 ms at 32 connections; the page weighs at most 30 KB.
Needs wrk (apt-get install wrk). Run: .venv/bin/python bench/quiz_page.py [--workers N]
[--language ur]: the browser asks for that language (Accept-Language) on every request, so
the page is the bank's translation with the interface in that language.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BANK = "reading-the-news"  # the largest bundled bank; its first page is measured
LANGUAGE_HEADERS: dict[str, str] = {}  # Accept-Language, when --language is given


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(env: dict[str, str]) -> None:
    """Create the schema and load the bundled banks, as `quizapp init` does."""
    subprocess.run([str(BIN / "quizapp"), "init"], env=env, check=True, capture_output=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def start_attempt(base: str) -> tuple[str, str]:
    """Start an attempt as a browser does, without opening it; return its address and cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    opener.addheaders = list(LANGUAGE_HEADERS.items())
    form = opener.open(f"{base}/banks/{BANK}").read().decode()
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode({"csrf_token": csrf, "start": "Start"}).encode()
    try:
        opener.open(f"{base}/banks/{BANK}", data=data)
    except urllib.error.HTTPError as redirect:  # the 303 to the new attempt
        location = redirect.headers["Location"]
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return urllib.parse.urljoin(base, location), cookie


def open_page(url: str, cookie: str) -> bytes:
    return urllib.request.urlopen(urllib.request.Request(
        url, headers={"Cookie": cookie, **LANGUAGE_HEADERS})).read()


def wrk(url: str, seconds: int, cookie: str = "") -> tuple[float, float]:
    """Requests per second and p99 latency in ms at 32 connections."""
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    for name, value in LANGUAGE_HEADERS.items():
        headers += ["-H", f"{name}: {value}"]
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", *headers, url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{out}")
    return rate, p99


def time_first_loads(base: str, count: int = 40) -> list[float]:
    """Time the first view of fresh attempts: rendered, not served from the page cache."""
    times = []
    for _ in range(count):
        url, cookie = start_attempt(base)
        start = time.perf_counter()
        open_page(url, cookie)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=5, help="per route per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--language", default=None, help="es, ur...: the language the browser asks for")
    args = parser.parse_args()
    if args.language:
        LANGUAGE_HEADERS["Accept-Language"] = args.language
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")

    with tempfile.TemporaryDirectory() as tmp:
        # No sign-ins or joins here, so no rate limits: several workers may run on memory://.
        env = {**os.environ, "QUIZAPP_INSTANCE": tmp, "QUIZAPP_RATELIMIT_ENABLED": "false",
               "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite")}
        prepare_database(env)
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "gunicorn"), "--workers", str(args.workers), "--bind", f"127.0.0.1:{port}",
             "--log-level", "warning", "quizapp:create_app()"], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/healthz", timeout=1).read()
                    break
                except OSError:
                    time.sleep(0.1)
            quiz_url, cookie = start_attempt(base)
            page = open_page(quiz_url, cookie)
            style = urllib.request.urlopen(f"{base}/static/style.css").read()
            # The page's one script, its own answer saver; the page works without it.
            script = urllib.request.urlopen(f"{base}/static/quiz.js").read()
            assert page.count(b"<script") == 1 and b'name="csrf_token"' in page
            shown = page.count(b'class="question')
            first_loads = time_first_loads(base)
            wrk(quiz_url, 2, cookie)  # warm up every worker
            # The routes alternate, round after round, so that a noisy moment on the machine
            # does not land on one of them only. The same client for both: a learner's
            # browser sends its cookie to every route.
            rounds = []
            for _ in range(args.rounds):
                ok = wrk(base + "/healthz", args.seconds, cookie)
                quiz = wrk(quiz_url, args.seconds, cookie)
                rounds.append((ok, quiz))
        finally:
            server.terminate()
            server.wait()

    print(f"gunicorn, {args.workers} sync workers, wrk 2 threads, 32 connections, "
          f"{args.rounds} rounds of {args.seconds} s per route, {os.cpu_count()} cores, "
          "the learner's session cookie on both")
    for number, ((ok_rate, ok_p99), (quiz_rate, quiz_p99)) in enumerate(rounds, start=1):
        print(f"round {number}: bare 'ok' {ok_rate:6.0f} req/s p99 {ok_p99:5.1f} ms | "
              f"quiz page {quiz_rate:6.0f} req/s p99 {quiz_p99:5.1f} ms | "
              f"ratio {quiz_rate / ok_rate:.2f}")
    ratios = [quiz[0] / ok[0] for ok, quiz in rounds]
    worst_p99 = max(quiz[1] for _, quiz in rounds)
    print(f"median ratio {statistics.median(ratios):.2f} (goal >= 0.8); quiz page p99 at most "
          f"{worst_p99:.1f} ms over the rounds (goal < 50 ms); page: {BANK}, first page of "
          f"{shown} questions, "
          f"language {args.language or 'of the bank'}")
    print(f"first load of a new attempt's page (nothing cached for it), one at a time: "
          f"median {statistics.median(first_loads):.1f} ms over {len(first_loads)} attempts")
    print(f"quiz page weight: {len(page):,} bytes HTML + {len(style):,} bytes CSS + {len(script):,} bytes "
          f"script = {len(page) + len(style) + len(script):,} bytes (goal <= 30 KB = 30,720 bytes)")


if __name__ == "__main__":
    main()
