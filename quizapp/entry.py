"""The ``quizapp`` command's entry point."""

from __future__ import annotations

import sys


def main() -> None:
    """Run ``quizapp``; ``validate`` starts without importing Flask or the database layer."""
    # Teachers run validate again and again while writing; it should answer at once.
    if sys.argv[1:2] == ["validate"]:
        from quizapp.commands.validate import validate_command

        validate_command.main(args=sys.argv[2:], prog_name="quizapp validate")
        return
    if sys.argv[1:2] == ["import-article"]:
        from quizapp.commands.import_article import import_article_command

        import_article_command.main(args=sys.argv[2:], prog_name="quizapp import-article")
        return
    from quizapp import create_app
    from quizapp.commands.group import QuizappGroup

    QuizappGroup(create_app, help="quizapp: classroom quizzes on crypto literacy.")(prog_name="quizapp")
