"""Pages for teachers: classes, join codes, rosters, assignments, boards, reports, own content."""

from quizapp.teacher import content_views  # noqa: F401  (adds the content pages to the blueprint)
from quizapp.teacher.views import teacher

__all__ = ["teacher"]
