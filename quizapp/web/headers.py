"""Headers every response carries: what the browser may load and run, and what it may keep."""

from __future__ import annotations

from flask import request
from werkzeug.wrappers import Response

from quizapp.web.static_files import FOREVER, is_current_version

# The pages use no script, and style only from style.css: nothing inline.
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'none'; object-src 'none'; "
                           "style-src 'self'; img-src 'self'; form-action 'self'; "
                           "frame-ancestors 'none'; base-uri 'none'")
# The few pages with a script of our own (quiz.js saves a quiz's answers as they change;
# live.js shortens a live game's waits) allow scripts from our origin, still none inline.
OWN_SCRIPT_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'none'", "script-src 'self'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
HSTS = "max-age=31536000"
# Only the stylesheet and the script may be kept by a browser or a proxy: for a year when the
# URL names their content's version (static_files), else revalidated (Flask's no-cache and ETag).
# Every other page may name a learner, a score, a class or a password, or carries a
# form's CSRF token.
CACHEABLE_ENDPOINTS = frozenset({"static"})
# The live game's polled pages are kept by the viewer's own browser only, and asked for again
# on every view (its ETag, answered 304 until the game moves): a phone polling every two
# seconds then costs a tag, not a page. Never by a proxy (private).
REVALIDATED_ENDPOINTS = frozenset({"live.play", "live.host"})


def add_security_headers(response: Response) -> Response:
    """After every request; a header a view set itself (the projector's) is kept."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    headers.setdefault("X-Frame-Options", "DENY")  # frame-ancestors, for older browsers
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint in REVALIDATED_ENDPOINTS and response.status_code in (200, 304):
        headers["Cache-Control"] = "private, no-cache"
    elif request.endpoint not in CACHEABLE_ENDPOINTS:
        headers["Cache-Control"] = "no-store"
    elif response.status_code in (200, 304) and is_current_version():
        headers["Cache-Control"] = FOREVER
    return response
