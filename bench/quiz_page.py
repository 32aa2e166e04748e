"""The quiz page under gunicorn, against a bare 'ok' route of the same app, same server, same run.

Goals: the quiz page serves at least 0.8 of the bare route's requests per second,
with a p99 under 50 ms at 32 connections; the page weighs at most 30 KB. Over the wire
(gzip, what a phone's browser on plain HTTP asks for): a first visit (the quiz page with its
stylesheet and script) at most 12 KB, a later quiz page at most 4 KB (the stylesheet and
script are kept for a year: no request for them), a 20-question result page at most 15 KB.
Needs wrk (apt-get install wrk). Run: .venv/bin/python bench/quiz_page.py [--workers N]
[--language ur]: the browser asks for that language (Accept-Language) on every request, so
the page is the bank's translation with the interface in that language. --wire-only prints
the bytes over the wire alone, without wrk.
"""

from __future__ import annotations

import argparse
import gzip
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
# The result measured over the wire: reading-the-news (19 questions) and the IMF bank's first
# question, with their translations, as one 20-question bank.
TWENTY = "bench-twenty"
GZIP = {"Accept-Encoding": "gzip"}
LANGUAGE_HEADERS: dict[str, str] = {}  # Accept-Language, when --language is given


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(env: dict[str, str]) -> None:
    """Create the schema and load the bundled banks, as `quizapp init` does."""
    subprocess.run([str(BIN / "quizapp"), "init"], env=env, check=True, capture_output=True)


def write_banks(folder: Path) -> None:
    """The bundled banks, and the 20-question bank whose result page is weighed."""
    import yaml

    shutil.copytree(PROJECT / "questions", folder)
    for suffix in ["", ".es", ".ur"]:
        bank = yaml.safe_load((folder / f"{BANK}{suffix}.yaml").read_text("utf-8"))
        extra = yaml.safe_load((folder / f"imf{suffix}.yaml").read_text("utf-8"))
        bank["questions"].append(extra["questions"][0])
        bank["bank" if "bank" in bank else "translation_of"] = TWENTY
        (folder / f"{TWENTY}{suffix}.yaml").write_text(
            yaml.safe_dump(bank, allow_unicode=True, sort_keys=False), "utf-8")


def over_the_wire(url: str, cookie: str = "") -> tuple[int, bytes]:
    """Bytes a gzip-accepting browser receives for ``url`` (status line, headers and body), and
    the body as the browser reads it (unzipped)."""
    headers = {**GZIP, **LANGUAGE_HEADERS, **({"Cookie": cookie} if cookie else {})}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
        body = response.read()
        head = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + sum(
            len(f"{name}: {value}\r\n") for name, value in response.getheaders()) + 2
        if response.headers.get("Content-Encoding") != "gzip" and len(body) >= 500:
            raise SystemExit(f"{url} was sent without gzip ({len(body)} bytes)")
    sent = head + len(body)
    return sent, gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body


def submitted_blank(base: str, bank: str) -> str:
    """A fresh attempt on ``bank`` submitted with every answer blank; returns its result's address."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)
    opener.addheaders = list(LANGUAGE_HEADERS.items())
    form = opener.open(f"{base}/banks/{bank}").read().decode()
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    try:
        opener.open(f"{base}/banks/{bank}",
                    data=urllib.parse.urlencode({"csrf_token": csrf, "start": "Start"}).encode())
    except urllib.error.HTTPError as redirect:
        quiz = urllib.parse.urljoin(base, redirect.headers["Location"])
    data = {"csrf_token": csrf, "page": "1", "submit_with_blanks": "x"}
    try:
        opener.open(quiz, data=urllib.parse.urlencode(data).encode())
    except urllib.error.HTTPError as redirect:
        return urllib.parse.urljoin(base, redirect.headers["Location"])
    raise SystemExit(f"{quiz}: the blank submission was not recorded")


def wire_weights(base: str) -> dict[str, int]:
    """Bytes over the wire: a first visit, a later quiz page, a 20-question result page."""
    quiz_url, cookie = start_attempt(base)
    page_bytes, page = over_the_wire(quiz_url, cookie)
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\?v=[0-9a-f]{12})"', page)
    # Its stylesheets (every page's and learners') and its script, each named by its content.
    assert len(assets) == 3 and sum(b".css" in asset for asset in assets) == 2, assets
    first = page_bytes + sum(over_the_wire(base + asset.decode())[0] for asset in assets)
    later_url, later_cookie = start_attempt(base)  # another quiz: its page alone, assets kept
    later = over_the_wire(later_url, later_cookie)[0]
    result = over_the_wire(submitted_blank(base, TWENTY))[0]
    return {"first visit (quiz page + stylesheet + script)": first, "a later quiz page": later,
            "20-question result page (every answer missed)": result}


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
    # Practice starts in learn mode (one question at a time); the page measured is the whole
    # quiz's, as a learner who switches to it sees it: switching opens no page.
    switch = urllib.parse.urlencode({"csrf_token": csrf, "submit": "x"}).encode()
    try:
        opener.open(urllib.parse.urljoin(base, location) + "/whole", data=switch)
    except urllib.error.HTTPError as redirect:  # the 303 back to the attempt
        assert redirect.code == 303, redirect.code
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return urllib.parse.urljoin(base, location), cookie


def open_page(url: str, cookie: str) -> bytes:
    return urllib.request.urlopen(urllib.request.Request(
        url, headers={"Cookie": cookie, **LANGUAGE_HEADERS})).read()


def wrk(url: str, seconds: int, cookie: str = "") -> tuple[float, float]:
    """Requests per second and p99 latency in ms at 32 connections, gzip accepted."""
    # As a browser asks: the quiz page's rate is measured with compression on.
    headers = ["-H", "Accept-Encoding: gzip"] + (["-H", f"Cookie: {cookie}"] if cookie else [])
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
    parser.add_argument("--wire-only", action="store_true", help="only the bytes over the wire, no wrk")
    args = parser.parse_args()
    if args.language:
        LANGUAGE_HEADERS["Accept-Language"] = args.language
    if shutil.which("wrk") is None and not args.wire_only:
        raise SystemExit("wrk is missing: apt-get install wrk")

    with tempfile.TemporaryDirectory() as tmp:
        # No sign-ins or joins here, so no rate limits: several workers may run on memory://.
        write_banks(Path(tmp) / "questions")
        env = {**os.environ, "QUIZAPP_INSTANCE": tmp, "QUIZAPP_RATELIMIT_ENABLED": "false",
               "QUIZAPP_QUESTIONS_DIR": f"{tmp}/questions",
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
            wire = wire_weights(base)
            if args.wire_only:
                print_wire(wire, args.language)
                return
            quiz_url, cookie = start_attempt(base)
            page = open_page(quiz_url, cookie)
            style = b"".join(urllib.request.urlopen(base + href.decode()).read() for href in
                             re.findall(rb'<link rel="stylesheet" href="([^"]+)"', page))
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
    print_wire(wire, args.language)


WIRE_GOALS = {"first visit": 12, "a later quiz page": 4, "20-question result page": 15}  # KB


def print_wire(wire: dict[str, int], language: str | None) -> None:
    """The bytes over the wire, each against its goal."""
    print(f"over the wire with gzip (status line, headers and body), language {language or 'of the bank'}:")
    for name, size in wire.items():
        goal = next(kb for start, kb in WIRE_GOALS.items() if name.startswith(start))
        print(f"  {name}: {size:,} bytes (goal <= {goal} KB = {goal * 1024:,} bytes)")


if __name__ == "__main__":
    main()
