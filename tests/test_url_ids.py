"""Every id in every URL is bounded: 0, 2^31, 2^63, '²' and 5,000 digits are 404s, never 500s."""

from __future__ import annotations

import pytest
from flask import Flask

from quizapp.web.ids import LARGEST_ID, read_id
from tests.conftest import People

BAD_IDS = ["0", str(LARGEST_ID + 1), str(2**63), str(2**64), "9" * 5000, "\u00b2", "\u0663"]


@pytest.mark.parametrize(("text", "value"), [("1", 1), (str(LARGEST_ID), LARGEST_ID), ("0042", 42)])
def test_ids_are_read(text: str, value: int) -> None:
    assert read_id(text) == value


@pytest.mark.parametrize("text", [*BAD_IDS, "", "-1", "1.0", " 1"])
def test_out_of_range_ids_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_id(text)


def test_no_route_takes_an_unbounded_int(app: Flask) -> None:
    unbounded = [rule.rule for rule in app.url_map.iter_rules()
                 if any(type(c).__name__ in ("IntegerConverter", "NumberConverter", "FloatConverter")
                        for c in rule._converters.values())]
    assert unbounded == [], "use <id:...> for these"


def _paths_with(app: Flask, bad: str) -> list[tuple[str, str]]:
    """Each rule with an id, that id replaced by ``bad`` (the other parts plausible)."""
    paths = []
    for rule in app.url_map.iter_rules():
        ids = [name for name, converter in rule._converters.items()
               if type(converter).__name__ == "IdConverter"]
        for name in ids:
            path = rule.rule
            for other in rule.arguments:
                value = bad if other == name else ("1" if other in ids else "new")
                path = path.replace(f"<id:{other}>", value).replace(f"<{other}>", value)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                paths.append((method, path))
    return paths


@pytest.mark.parametrize("bad", BAD_IDS)
def test_every_id_in_the_url_map_is_bounded(app: Flask, people: People, bad: str) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    teacher = people.account("ms-rana", "teacher")
    learner = people.account("ali")
    paths = _paths_with(app, bad)
    assert len(paths) >= 12
    seen = []
    for account, username in ((teacher, "ms-rana"), (learner, "ali")):
        client = people.sign_in(app.test_client(), account, username)
        for method, path in paths:
            status = client.open(path, method=method).status_code
            if status not in (403, 404):
                seen.append(f"{method} {path} as {username}: {status}")
    assert seen == []


def test_a_cited_passage_with_a_huge_id_shows_the_article(app: Flask, sample_bank: str) -> None:
    response = app.test_client().get(f"/sources/coindesk?cite={2**63}")
    assert response.status_code == 200
