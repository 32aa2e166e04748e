"""Absolute links (join links, projector links, login cards) never take an untrusted Host header.

A request's Host header is whatever the client sent: ``Host: evil.example`` would make
``url_for(..., _external=True)`` print ``http://evil.example/join/K7PM3X`` on a teacher's
page. An absolute link is made only when the host is known to be ours: ``SERVER_NAME``
is set (Flask builds links with it), or ``TRUSTED_HOSTS`` is set (Flask refuses other
hosts with 400). With neither, links stay relative to the page.
"""

from __future__ import annotations

from typing import Any

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
