"""Links never take a Host header the server does not trust, except where a teacher's own page
prints the whole address (the join link and its QR code, the login cards): there the school's
PUBLIC_ADDRESS, else the host the teacher's own browser used (the page goes only to it and is
never kept)."""

from __future__ import annotations

from flask import Flask

from quizapp.web.links import public_url, share_links, short_address
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


def test_with_nothing_configured_only_the_teachers_printouts_take_their_own_host(
        app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    links = _class_page_links(app, people, "quiz.school.example")
    assert len(links) == 3
    # The projector's link on the class page stays relative, as every other link does.
    assert [link for link in links if "/board/" in link] == [
        link for link in links if link.startswith("/board/")] != []
    # The join link and the card's address are whole, from the teacher's own request.
    assert "http://quiz.school.example/join/K7PM3X" in links
    assert "http://quiz.school.example/login" in links


def test_a_public_address_wins_over_the_host_sent(app: Flask, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = False
    links = _class_page_links(app, people, "evil.example", PUBLIC_ADDRESS="quiz.school.pk/")
    assert "https://quiz.school.pk/join/K7PM3X" in links
    assert "https://quiz.school.pk/login" in links
    assert not any("evil.example" in link for link in links)


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


def test_short_addresses_and_share_links() -> None:
    assert short_address("https://quiz.school.pk/login") == "quiz.school.pk/login"
    assert short_address("http://10.0.0.5:8000/login") == "10.0.0.5:8000/login"
    shared = share_links("Join 8B: https://quiz.school.pk/join/K7PM3X & more", "Join 8B?")
    assert shared["whatsapp"] == ("https://wa.me/?text=Join%208B%3A%20https%3A%2F%2Fquiz.school.pk"
                                  "%2Fjoin%2FK7PM3X%20%26%20more")
    assert shared["email"].startswith("mailto:?subject=Join%208B%3F&body=Join%208B%3A%20https")


def test_a_public_address_keeps_its_prefix(app: Flask) -> None:
    app.config["PUBLIC_ADDRESS"] = "https://school.example/quiz"
    with app.test_request_context("/", headers={"Host": "evil.example"}):
        assert public_url("auth.join", code="K7PM3X", _method="GET") == (
            "https://school.example/quiz/join/K7PM3X")
        assert public_url("auth.login") == "https://school.example/quiz/login"
