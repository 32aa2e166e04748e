"""Pages for learners: the list of quizzes, taking a quiz (whole or in learn mode), review,
results, and the source articles."""

# Each module adds its routes to the one blueprint.
from quizapp.learner import learn_views, review_views, views  # noqa: F401
from quizapp.learner.blueprint import learner

__all__ = ["learner"]
