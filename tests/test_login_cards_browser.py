"""In a real Chromium, in English: printed login cards and the class's join link work on their
own: each card says where to sign in (short and large), for which class, with a QR code that a
phone reads as the sign-in address; the class page gives the whole join link, its QR code and
links to share it."""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import People
from tests.test_class_management_browser import sign_in

pytestmark = pytest.mark.browser


def decoded(picture_bytes: bytes) -> list[str]:
    """The texts of the QR codes in a screenshot, read by ZXing as a phone's camera would."""
    import zxingcpp
    from PIL import Image

    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(picture_bytes)))]


def test_printed_login_cards_carry_the_address_class_and_a_qr_code_that_reads(
        app, browser, live_server: str, people: People) -> None:
    app.config["WTF_CSRF_ENABLED"] = True
    people.classroom(people.account("ms-rana", "teacher", "Ms Rana"), "Class 8B", "K7PM3X")
    teacher = sign_in(browser, live_server, "ms-rana")
    teacher.get_by_role("link", name="Class 8B").click()

    join = teacher.locator("#join-heading ~ p a.address")
    assert join.inner_text() == f"{live_server}/join/K7PM3X"
    assert decoded(teacher.locator(".join-qr svg.qr").screenshot()) == [f"{live_server}/join/K7PM3X"]
    whatsapp = urlsplit(teacher.get_by_role("link", name="on WhatsApp").get_attribute("href") or "")
    assert (whatsapp.scheme, whatsapp.netloc) == ("https", "wa.me")
    assert f"{live_server}/join/K7PM3X" in parse_qs(whatsapp.query)["text"][0]
    email = teacher.get_by_role("link", name="by e-mail").get_attribute("href") or ""
    assert email.startswith("mailto:?subject=")
    assert f"{live_server}/join/K7PM3X" in parse_qs(urlsplit(email).query)["body"][0]

    teacher.get_by_label("Names, one per line").fill("Zara Ahmed\nJosé Pérez\nعائشہ")
    teacher.get_by_role("button", name="Make login cards").click()
    # Printed: the page as the printer gets it, on A4 at 96 dots per inch.
    teacher.set_viewport_size({"width": 794, "height": 1123})
    teacher.emulate_media(media="print")
    assert teacher.pdf(format="A4").startswith(b"%PDF")
    assert not teacher.locator("header.site, .no-print").first.is_visible()
    cards = teacher.locator(".login-card")
    assert cards.count() == 3
    host = live_server.split("://", 1)[1]
    for index in range(3):
        card = cards.nth(index)
        assert card.locator(".card-class").inner_text() == "Class 8B"
        assert card.locator(".card-address").inner_text() == f"{host}/login"
        username, password = (code.inner_text() for code in card.locator("dd code").all())
        assert username and len(password) >= 8
        box = card.bounding_box()
        qr = card.locator("svg.qr").bounding_box()
        assert box and qr and box["x"] <= qr["x"] and qr["x"] + qr["width"] <= box["x"] + box["width"]
    first = cards.first
    address_size = float(first.locator(".card-address").evaluate("e => getComputedStyle(e).fontSize")[:-2])
    username_size = float(first.locator("dd code").first.evaluate("e => getComputedStyle(e).fontSize")[:-2])
    assert address_size > username_size  # the address is the large line
    assert decoded(first.screenshot()) == [f"{live_server}/login"]
