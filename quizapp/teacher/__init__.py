"""Pages for teachers: classes, join codes, rosters, assignments, boards, reports, own content."""

from quizapp.teacher import (  # noqa: F401  (add their pages to the blueprint)
    content_views,
    management_views,
    translation_views,
)
from quizapp.teacher.views import teacher

__all__ = ["teacher"]
