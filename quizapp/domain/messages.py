"""Messages for people, kept as an English template and its values until the edge translates them.

The domain has no Flask and no catalog: it says ``msg("'%(key)s' is empty", key="title")``
and whoever shows the message (a page, the command line) renders it with its own
translation function. ``pybabel extract -k msg`` finds the templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Translate = Callable[[str], str]


def untranslated(template: str) -> str:
    """The English template itself."""
    return template


@dataclass(frozen=True)
class Message:
    """A message template (its English text is the catalog's message id) and its values."""

    template: str
    values: tuple[tuple[str, Any], ...] = ()

    def render(self, translate: Translate = untranslated) -> str:
        """The message in the language of ``translate``; nested messages are translated too."""
        text = translate(self.template)
        if not self.values:
            return text
        return text % {name: value.render(translate) if isinstance(value, Message) else value
                       for name, value in self.values}

    def __str__(self) -> str:
        return self.render()


def msg(template: str, /, **values: Any) -> Message:
    """A message to translate later: ``template`` uses ``%(name)s`` placeholders for ``values``."""
    return Message(template, tuple(values.items()))
