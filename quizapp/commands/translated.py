"""The command line's words: in the language of LANG when a catalog exists, else English."""

from __future__ import annotations

from quizapp.web.message_catalogs import command_line_catalog


def gettext(message: str) -> str:
    """``message`` in the command line's language (LANG's catalog), or in English."""
    return command_line_catalog().gettext(message)
