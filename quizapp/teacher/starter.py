"""The starter bank teachers download: a valid bank whose comments explain the format."""

from __future__ import annotations

from importlib import resources

STARTER_BANK = resources.files("quizapp.teacher").joinpath("starter-bank.yaml").read_text("utf-8")
