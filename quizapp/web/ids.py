"""Ids in URLs: whole numbers a database column can hold, so no address can overflow a query."""

from __future__ import annotations

from werkzeug.routing import BaseConverter, ValidationError

# Integer primary keys are 32-bit on PostgreSQL; no row has a larger id.
LARGEST_ID = 2**31 - 1


def read_id(text: str) -> int:
    """The id a URL segment or query value names; ValueError unless it is 1..LARGEST_ID."""
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(LARGEST_ID)):
        raise ValueError(text)
    value = int(text)
    if not 0 < value <= LARGEST_ID:
        raise ValueError(text)
    return value


class IdConverter(BaseConverter):
    """``<id:name>``: a row id; anything else (0, 2^63, '²', 5,000 digits) is a 404."""

    regex = r"\d{1,20}"

    def to_python(self, value: str) -> int:
        try:
            return read_id(value)
        except ValueError:
            raise ValidationError() from None

    def to_url(self, value: object) -> str:
        return str(int(value))  # type: ignore[call-overload]
