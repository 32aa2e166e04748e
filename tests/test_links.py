"""Join links, projector links and login cards never take the Host header a client sent."""

from __future__ import annotations

from flask import Flask

from tests.conftest import People
from tests.helpers import soup


def _class_page_links(app: Flask, people: People, host: str, **config: object) -> list[str]:
    teacher = people.account("ms-rana", "teacher")
    classroom = people.classroom(teacher, code="K7PM3X")
    client = people.sign_in(app.test_client(), teacher, "ms-rana")
    client.post(f"/teach/classes/{classroom}/projector/new")
    app.config.update(config)
    # The cookie goes with the forged Host, as a browser talking to this server sends it.
    headers = {"Host": host, "Cookie": f"session={client.get_cookie('session').value}"}
    other = app.test_client(use_cookies=False)
    page = soup(other.get(f"/teach/classes/{classroom}", headers=headers))
    cards = soup(other.post(f"/teach/classes/{classroom}/roster", data={"names": "Amina"},
                            headers=headers))
    return ([a["href"] for a in page.select("a[href*='/join/'], a[href*='/board/']")]
            + [p.get_text() for p in cards.select(".login-card .meta")])


def test_with_nothing_configured_links_are_relative(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    links = _class_page_links(app, people, "evil.example")
    assert len(links) == 3
    assert [link for link in links if "evil.example" in link or not link.startswith("/")] == []
    assert "/join/K7PM3X" in links and "/login" in links


def test_a_configured_server_name_makes_the_links(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    links = _class_page_links(app, people, "evil.example", SERVER_NAME="quiz.school.example")
    assert "http://quiz.school.example/join/K7PM3X" in links
    assert "http://quiz.school.example/login" in links
    assert not any("evil.example" in link.replace("quiz.school.example", "") for link in links)


def test_trusted_hosts_refuse_other_hosts(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    links = _class_page_links(app, people, "quiz.school.example",
                              TRUSTED_HOSTS=["quiz.school.example"])
    refused = app.test_client().get("/", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert "evil.example" not in refused.get_data(as_text=True)
    assert "http://quiz.school.example/join/K7PM3X" in links
