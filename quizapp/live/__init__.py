"""Live games in class: the host screen and the teacher's controls, and the players' phones."""

from quizapp.live.views import live

__all__ = ["live"]
