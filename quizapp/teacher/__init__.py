"""Pages for teachers: classes, join codes, rosters, assignments, boards and reports."""

from quizapp.teacher.views import teacher

__all__ = ["teacher"]
