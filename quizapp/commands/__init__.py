"""The ``quizapp`` command line: validate and import-article (no Flask), and the server's commands."""
