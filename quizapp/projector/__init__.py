"""The class board on the classroom's projector: a secret link, no sign-in."""

from quizapp.projector.views import projector

__all__ = ["projector"]
