"""Signing in and out, passwords, teacher sign-up, and joining a class with its code."""

from quizapp.auth.views import auth

__all__ = ["auth"]
