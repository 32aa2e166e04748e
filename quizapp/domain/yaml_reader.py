"""Read YAML into a small tree of nodes that remember their line, refusing what a bank must not use.

Teachers' files are untrusted input. We never construct Python objects from them:
we walk the parser's event stream ourselves, so tags, anchors and aliases are
refused as they are met (no billion-laughs expansion, no object construction), the
nesting depth is bounded without recursion, and every scalar keeps its text
exactly as written (``no`` stays "no", ``1.10`` stays "1.10").
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from quizapp.domain.messages import Message, msg

try:  # the C parser is several times faster; PyYAML ships it when libyaml is present
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32

# Explicit tags that only restate what plain YAML means; anything else could build objects.
_HARMLESS_TAGS = {
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class YamlProblem(Exception):
    """The file cannot be read as a bank at all; carries the 1-based line and a teacher's message."""

    def __init__(self, line: int, message: Message) -> None:
        super().__init__(str(message))
        self.line = line
        self.message = message


@dataclass
class Scalar:
    """A scalar as written: ``text`` is its value, ``plain`` says it had no quotes."""

    text: str
    line: int
    plain: bool


@dataclass
class Sequence:
    """A YAML list."""

    items: list[Node]
    line: int
    flow: bool = False  # written as [a, b] rather than one "- a" per line


@dataclass
class Mapping:
    """A YAML mapping; keys keep their order and their own line."""

    entries: list[tuple[Scalar, Node]]
    line: int
    duplicate_keys: list[tuple[Scalar, int]] = field(default_factory=list)
    index: dict[str, tuple[Scalar, Node]] = field(default_factory=dict, repr=False)

    def get(self, key: str) -> tuple[Scalar, Node] | None:
        """Return the (key, value) pair whose key text is ``key``, the first if written twice."""
        return self.index.get(key)

    def add(self, key: Scalar, value: Node) -> None:
        """Add an entry; a key written again is remembered as a duplicate, not stored."""
        first = self.index.get(key.text)
        if first is not None:
            self.duplicate_keys.append((key, first[0].line))
            return
        self.entries.append((key, value))
        self.index[key.text] = (key, value)


Node = Scalar | Sequence | Mapping


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (a BOM is allowed) or raise YamlProblem at the line of the first bad byte."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(
            1,
            msg("the file is larger than %(limit)s bytes (1 MiB): split it into smaller files",
                limit=f"{MAX_FILE_BYTES:,}"),
        )
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:  # its position counts from after the byte order mark
        line = data[: bom + error.start].count(b"\n") + 1
        raise YamlProblem(
            line,
            msg("the file is not UTF-8 text: save it again with the UTF-8 encoding"),
        ) from None


def _events(text: str) -> Iterator[yaml.Event]:
    """The parser's events, pulled straight from the loader (yaml.parse adds a call per event)."""
    loader = _Loader(text)
    try:
        next_event = loader.get_event
        while True:
            event = next_event()
            if event is None or type(event) is yaml.StreamEndEvent:
                return
            yield event
    finally:
        loader.dispose()


def read_yaml(text: str) -> Node:
    """Parse one YAML document into nodes, raising YamlProblem for anything a bank may not hold."""
    stack: list[Sequence | Mapping] = []
    pending_keys: list[Scalar | None] = []
    root: Node | None = None
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if type(parent) is Sequence:
            parent.items.append(node)
            return
        key = pending_keys[-1]
        if key is None:
            if type(node) is not Scalar:
                raise YamlProblem(node.line, msg("a key must be plain text, not a list or mapping"))
            pending_keys[-1] = node
            return
        parent.add(key, node)  # type: ignore[union-attr]
        pending_keys[-1] = None

    try:
        # Dispatch on the exact event class: this loop runs once per scalar of every bank.
        for event in _events(text):
            kind = type(event)
            if kind is yaml.ScalarEvent or kind is yaml.SequenceStartEvent \
                    or kind is yaml.MappingStartEvent:
                line = event.start_mark.line + 1
                if event.anchor is not None:
                    raise YamlProblem(
                        line,
                        msg("anchors (&%(name)s) are not allowed: write the content out in full",
                            name=event.anchor),
                    )
                if event.tag is not None and event.tag not in _HARMLESS_TAGS:
                    raise YamlProblem(
                        line,
                        msg("the tag %(tag)s is not allowed: a bank holds only text, numbers, "
                            "lists and mappings, so remove the tag", tag=event.tag),
                    )
                if kind is yaml.ScalarEvent:
                    plain = not event.style and event.implicit[0]  # C parser: "", pure: None
                    attach(Scalar(event.value, line, plain))
                    continue
                if len(stack) >= MAX_DEPTH:
                    raise YamlProblem(line, msg("lists and mappings are nested more than "
                                                "%(limit)d deep: a bank never needs that",
                                                limit=MAX_DEPTH))
                container: Sequence | Mapping = (
                    Sequence([], line, bool(event.flow_style))
                    if kind is yaml.SequenceStartEvent else Mapping([], line)
                )
                attach(container)
                stack.append(container)
                pending_keys.append(None)
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                stack.pop()
                pending_keys.pop()
            elif kind is yaml.AliasEvent:
                raise YamlProblem(
                    event.start_mark.line + 1,
                    msg("aliases (*%(name)s) are not allowed: write the content out in full",
                        name=event.anchor),
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        event.start_mark.line + 1,
                        msg("the file holds more than one YAML document: put one bank per file "
                            "and remove the extra '---'"),
                    )
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        problem = error.problem or "the YAML cannot be read"
        raise YamlProblem(
            line,
            msg("this is not valid YAML (%(problem)s): check the indentation, colons and quotes",
                problem=problem),
        ) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = text[: error.position].count("\n") + 1 if isinstance(error.position, int) else 1
        raise YamlProblem(line, msg("the line holds a character YAML does not allow (%(code)s): "
                                    "delete it, or type the text again",
                                    code=f"U+{error.character:04X}" if isinstance(error.character, int)
                                    else repr(error.character))) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, msg("this is not valid YAML (%(problem)s): check the file's text",
                                 problem=str(error))) from None

    if root is None or (isinstance(root, Scalar) and root.text == "" and root.plain):
        raise YamlProblem(1, msg("the file is empty: write the bank's keys (bank, title, questions)"))
    return root
