"""Signing in and out, passwords, teacher sign-up, and joining a class with its code."""

from quizapp.auth import language_views  # noqa: F401  (adds the language menu's view)
from quizapp.auth.views import auth

__all__ = ["auth"]
