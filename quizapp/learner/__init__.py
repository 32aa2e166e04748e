"""Pages for learners: the list of quizzes, taking a quiz, results, and the source articles."""

from quizapp.learner.views import learner

__all__ = ["learner"]
