"""Absolute links (join links, projector links, login cards) never take an untrusted Host header.

A request's Host header is whatever the client sent: ``Host: evil.example`` would make
``url_for(..., _external=True)`` print ``http://evil.example/join/K7PM3X`` on a teacher's
page. An absolute link is made only when the host is known to be ours: ``SERVER_NAME``
is set (Flask builds links with it), or ``TRUSTED_HOSTS`` is set (Flask refuses other
hosts with 400). With neither, links stay relative to the page.

What is printed or put in a QR code (a login card, a class's join link, the projector's) must
be whole, so ``public_url`` makes it: under ``PUBLIC_ADDRESS`` when a school sets it, else from
the address of the request itself. That is called only on a teacher's own pages and the
projector's wall, never from a learner's request: those pages go to nobody but the browser
that asked and nothing keeps them (``Cache-Control: no-store``), so a forged Host header could
only mislead the client that forged it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import current_app, has_request_context, request
from flask import url_for as flask_url_for
from flask.globals import request_ctx


def host_is_trusted() -> bool:
    """True when a canonical host is configured, so absolute links may be made."""
    config = current_app.config
    return bool(config.get("SERVER_NAME") or config.get("TRUSTED_HOSTS"))


def url_for(endpoint: str, **values: Any) -> str:
    """Flask's ``url_for``, except that ``_external=True`` is honoured only for a trusted host.

    Templates get this one as their ``url_for``, so every link in every page follows it.
    """
    if values.get("_external") and not host_is_trusted():
        values["_external"] = False
    if has_request_context() and request_ctx.url_adapter is None:
        # The host was refused (TRUSTED_HOSTS): the error page still links, relatively.
        arguments = {key: value for key, value in values.items() if not key.startswith("_")}
        return current_app.url_map.bind("localhost", script_name=request.script_root or "/"
                                        ).build(endpoint, arguments)
    return flask_url_for(endpoint, **values)


def public_url(endpoint: str, **values: Any) -> str:
    """The whole address of a page, to print or to put in a QR code: under the configured
    ``PUBLIC_ADDRESS`` (say ``https://quiz.school.pk``) when set, else from this request's host.
    Only for a teacher's own pages and the projector's (see the module's note)."""
    base = str(current_app.config.get("PUBLIC_ADDRESS") or "").strip().rstrip("/")
    values.pop("_external", None)
    if not base:
        return flask_url_for(endpoint, _external=True, **values)
    if "://" not in base:
        base = "https://" + base
    arguments = {key: value for key, value in values.items() if not key.startswith("_")}
    # Built from the root: the address a school sets already holds any prefix the app lives under.
    path = current_app.url_map.bind("localhost", script_name="/").build(
        endpoint, arguments, method=values.get("_method"))
    return base + path


def short_address(url: str) -> str:
    """An address as a learner types it: without its scheme, e.g. ``quiz.school.pk/login``."""
    return url.split("://", 1)[-1]


def share_links(message: str, subject: str) -> dict[str, str]:
    """Plain links that open WhatsApp or an e-mail with ``message`` written, ready to send."""
    text = quote(message, safe="")
    return {"whatsapp": f"https://wa.me/?text={text}",
            "email": f"mailto:?subject={quote(subject, safe='')}&body={text}"}
