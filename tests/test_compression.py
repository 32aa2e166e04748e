"""Every page in the URL map is sent compressed to a browser that accepts gzip, for every role."""

from __future__ import annotations

import gzip

import brotli
from flask import Flask

from tests import test_access_control
from tests.conftest import People
from tests.test_access_control import MATRIX, MATRIX_ALSO, ROLES

world = test_access_control.world  # the access matrix's fixture: its accounts, class and attempts


def _get_paths(world: dict) -> list[str]:
    paths = [template.format(**world["values"]) for (_, method), (template, _) in MATRIX.items()
             if method == "GET"]
    return paths + [template.format(**world["values"]) for (_, method), template, _ in MATRIX_ALSO
                    if method == "GET"]


def test_every_html_page_is_gzipped_above_the_minimum_size(app: Flask, people: People,
                                                            world: dict) -> None:
    smallest = app.config["COMPRESS_MIN_SIZE"]
    plain, compressed = [], 0
    for role in ROLES:
        client = app.test_client()
        if world["ids"][role]:
            people.sign_in(client, *world["ids"][role])
        for path in _get_paths(world):
            response = client.get(path, headers={"Accept-Encoding": "gzip"})
            if response.mimetype != "text/html" or response.status_code != 200:
                continue
            assert "Accept-Encoding" in response.headers["Vary"], path
            if response.headers.get("Content-Encoding") == "gzip":
                page = gzip.decompress(response.data)
                assert page.startswith(b"<!doctype html>"), path
                assert len(response.data) < len(page), path
                compressed += 1
            elif len(response.data) >= smallest:
                plain.append(f"{path} as {role}: {len(response.data)} bytes sent plain")
    assert plain == []
    assert compressed > 40  # the pages above really were looked at


def test_a_browser_that_asks_for_nothing_gets_plain_pages(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/login", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert response.data.startswith(b"<!doctype html>")


def test_brotli_when_the_browser_prefers_it(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/login", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] == "br"
    assert brotli.decompress(response.data).startswith(b"<!doctype html>")


def test_the_stylesheet_is_gzipped_too(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/static/style.css", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"margin-inline" in gzip.decompress(response.data)
