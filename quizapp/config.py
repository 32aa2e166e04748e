"""Default settings; the instance folder's ``config.py`` and the environment override them."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from quizapp.domain.yaml_reader import MAX_FILE_BYTES

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRET_KEY_FILE = "secret_key"  # in the instance folder, written by ``quizapp init``


class DefaultConfig:
    """Settings used unless the instance folder or the environment says otherwise."""

    QUESTIONS_DIR = str(PROJECT_ROOT / "questions")
    SEEDS_DIR = str(PROJECT_ROOT / "seeds")
    LANGUAGES: ClassVar[list[str]] = ["en", "es", "ur"]
    BABEL_DEFAULT_LOCALE = "en"
    # A quiz can take longer than an hour; the token lives as long as the session.
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # A bank may be 1 MiB (the spec's limit); a web page saved from a browser is often
    # larger, so the article import page takes up to 5 MiB.
    MAX_CONTENT_LENGTH = MAX_FILE_BYTES  # a bank's limit, the spec's: pasted or uploaded alike
    SAVED_PAGE_MAX_BYTES = 5 * 1024 * 1024
    LARGE_UPLOAD_ENDPOINTS: ClassVar[list[str]] = ["teacher.new_article"]
    # Teachers sign up on their own only where the instance allows it.
    TEACHER_SIGNUP = False
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Redis is a help, not a single point of failure: while it cannot be reached, each
    # worker counts in its own memory (Flask-Limiter logs a warning), and Redis is used
    # again once it answers; a count that fails mid-request is logged, never a 500.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    # Failed sign-ins allowed per account from one address, and per address over all
    # accounts; joins per class code (a class behind one router joins freely); unknown
    # codes tried per address. See quizapp/web/rate_limits.py.
    LOGIN_LIMIT_PER_ACCOUNT = "10 per 15 minutes"
    LOGIN_LIMIT_PER_ADDRESS = "50 per 15 minutes"
    JOIN_LIMIT_PER_CLASS = "100 per 15 minutes"
    JOIN_LIMIT_PER_ADDRESS = "30 per 15 minutes"
    # Writes anyone may make without an account, per address: generous enough for a class of
    # 40 behind one router, far below the 100 a second a script sends.
    PRACTICE_LIMIT_PER_ADDRESS = "200 per 10 minutes"
    REPORT_LIMIT_PER_ADDRESS = "60 per hour"
    # A session unused this long is over (checked on the server): a school day and its
    # breaks, so a learner signs in once a day, and a phone left signed in is not for ever.
    SESSION_IDLE_MINUTES = 600
    # The share of questions a learner should still recall when FSRS brings them back for review.
    REVIEW_RETENTION = 0.9
    # The school's address, as learners type it and QR codes carry it ("https://quiz.school.pk",
    # with any path the app lives under): printed on login cards, the class's join link and the
    # projector. Unset, a teacher's own page uses the address their browser used.
    PUBLIC_ADDRESS = ""
    # Pages compressed for browsers that accept it (Flask-Compress): Brotli and zstd over
    # HTTPS, gzip otherwise. The stylesheet and script are sent from files (streamed): gzip is
    # added to the library's streaming list, as browsers over plain HTTP offer only gzip and deflate.
    COMPRESS_ALGORITHM: ClassVar[list[str]] = ["br", "zstd", "gzip", "deflate"]
    COMPRESS_ALGORITHM_STREAMING: ClassVar[list[str]] = ["br", "zstd", "gzip", "deflate"]
    # Set to the number of proxies in front of the app so addresses and https are seen.
    PROXY_COUNT = 0
