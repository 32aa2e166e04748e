"""Read typed fields out of YAML nodes, collecting every problem instead of stopping at the first."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from quizapp.domain.competencies import COMPETENCY_IDS, competency_id, is_competency_tag, is_known
from quizapp.domain.identifiers import LANGUAGE_TAG, did_you_mean, id_problem
from quizapp.domain.messages import Message, msg
from quizapp.domain.problems import Problem
from quizapp.domain.yaml_reader import Mapping, Node, Scalar, Sequence

MAX_TAG_LENGTH = 40
_NULL_WORDS = {"", "~", "null", "Null", "NULL"}


def describe(node: Node) -> Message:
    """Name a node's kind the way a teacher would."""
    if isinstance(node, Mapping):
        return msg("a mapping")
    if isinstance(node, Sequence):
        return msg("a list")
    return msg("text")


def is_null(node: Node) -> bool:
    """True for an empty value: ``key:`` with nothing after it, or ``~``/``null``."""
    return isinstance(node, Scalar) and node.plain and node.text in _NULL_WORDS


class FieldReader:
    """Reads the fields of one mapping and records problems under one path and subject."""

    def __init__(self, path: str, subject: str, problems: list[Problem]) -> None:
        self.path = path
        self.subject = subject
        self.problems = problems
        self.check_citation: Callable[[str, str], tuple[str, str] | None] | None = None

    def problem(self, line: int, message: Message) -> None:
        """Record a problem at ``line``."""
        self.problems.append(Problem(self.path, line, self.subject, message))

    def check_keys(self, mapping: Mapping, allowed: Iterable[str], where: Message,
                   misplaced: dict[str, Message] | None = None) -> None:
        """Report duplicate keys, keys named elsewhere in the format, and unknown keys."""
        allowed = list(allowed)
        for key, first_line in mapping.duplicate_keys:
            self.problem(key.line, msg("the key %(key)r appears twice (first on line %(line)d): "
                                       "keep only one", key=key.text, line=first_line))
        for key, _ in mapping.entries:
            if key.text in allowed:
                continue
            if misplaced and key.text in misplaced:
                self.problem(key.line, misplaced[key.text])
            else:
                hint = did_you_mean(key.text, allowed)
                self.problem(key.line, msg("unknown key %(key)r%(hint)s in %(where)s: the keys "
                                           "allowed are %(allowed)s", key=key.text, hint=hint,
                                           where=where, allowed=", ".join(allowed)))

    def find(self, mapping: Mapping, key: str, *, required: bool,
             missing: Message | None = None) -> tuple[Scalar, Node] | None:
        """The (key, value) pair of ``key``; a missing required key is reported at the mapping."""
        found = mapping.get(key)
        if found is None and required:
            self.problem(mapping.line, missing or msg("the key %(key)r is missing: add it", key=key))
        return found

    def text(self, mapping: Mapping, key: str, *, required: bool,
             max_length: int | None = None) -> str | None:
        """Read a text field; report a missing, empty, too long or non-text value."""
        found = self.find(mapping, key, required=required)
        if found is None:
            return None
        key_node, value = found
        if not isinstance(value, Scalar):
            self.problem(key_node.line, msg("%(key)r must be text, not %(found)s", key=key,
                                            found=describe(value)))
            return None
        if is_null(value) or not value.text.strip():
            self.problem(key_node.line, msg("%(key)r is empty: write its text or remove the key",
                                            key=key))
            return None
        if max_length is not None and len(value.text) > max_length:
            self.problem(key_node.line, msg("%(key)r is %(length)d characters long: shorten it "
                                            "to at most %(limit)d", key=key,
                                            length=len(value.text), limit=max_length))
            return None
        return value.text

    def identifier(self, mapping: Mapping, key: str, what: Message) -> str | None:
        """Read a required id field and check its form."""
        value = self.text(mapping, key, required=True)
        if value is None:
            return None
        message = id_problem(value, what)
        if message:
            self.problem(self.line_of(mapping, key), message)
            return None
        return value

    def language(self, mapping: Mapping) -> str:
        """Read an optional BCP 47 ``language`` tag; default ``en``."""
        value = self.text(mapping, "language", required=False)
        if value is None:
            return "en"
        if not LANGUAGE_TAG.fullmatch(value):
            self.problem(self.line_of(mapping, "language"),
                         msg("'language' %(value)r is not a BCP 47 language tag: write one "
                             "such as en, es, ur or pt-BR", value=value))
            return "en"
        return value

    def tags(self, mapping: Mapping) -> tuple[str, ...]:
        """Read an optional list of short tags; a ``competency:`` tag must name a competency of the map."""
        entries = self.text_list(mapping, "tags", required=False)
        good: list[str] = []
        for entry in entries or ():
            if len(entry.text) > MAX_TAG_LENGTH:
                self.problem(entry.line, msg("the tag %(tag)r is %(length)d characters long: "
                                             "keep tags to at most %(limit)d", tag=entry.text,
                                             length=len(entry.text), limit=MAX_TAG_LENGTH))
            elif is_competency_tag(entry.text) and not is_known(competency_id(entry.text)):
                # A mistyped competency would silently drop the question from the competency map.
                self.problem(entry.line, msg(
                    "the tag %(tag)r names no competency of the map%(hint)s: write "
                    "'competency:' and one of %(known)s", tag=entry.text,
                    hint=did_you_mean(competency_id(entry.text), list(COMPETENCY_IDS)),
                    known=", ".join(COMPETENCY_IDS)))
            else:
                good.append(entry.text)
        return tuple(good)

    def text_list(self, mapping: Mapping, key: str, *, required: bool) -> list[Scalar] | None:
        """Read a list whose entries are non-empty text; report entries that are not."""
        found = self.find(mapping, key, required=required)
        if found is None:
            return None
        key_node, value = found
        if not isinstance(value, Sequence):
            self.problem(key_node.line, msg("%(key)r must be a list (entries starting with '- '), "
                                            "not %(found)s", key=key, found=describe(value)))
            return None
        entries: list[Scalar] = []
        for item in value.items:
            if not isinstance(item, Scalar):
                self.problem(item.line, msg("each entry of %(key)r must be text, not %(found)s",
                                            key=key, found=describe(item)))
            elif is_null(item) or not item.text.strip():
                self.problem(item.line, msg("an entry of %(key)r is empty: write it or remove it",
                                            key=key))
            else:
                entries.append(item)
        return entries

    def question_list(self, mapping: Mapping, missing: Message) -> tuple[Scalar, Sequence] | None:
        """The ``questions`` key and its list, a bank's or a translation's; None if it is not one."""
        found = self.find(mapping, "questions", required=True, missing=missing)
        if found is None:
            return None
        key_node, value = found
        if not isinstance(value, Sequence):
            self.problem(key_node.line, msg("'questions' must be a list of questions (each "
                                            "starting with '- id: ...'), not %(found)s",
                                            found=describe(value)))
            return None
        return key_node, value

    def line_of(self, mapping: Mapping, key: str) -> int:
        """The line of ``key`` in ``mapping``, or the mapping's own line when it is absent."""
        found = mapping.get(key)
        return found[0].line if found else mapping.line
