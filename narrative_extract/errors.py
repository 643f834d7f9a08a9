"""Errors a user can act on: each names the file and what is wrong with it."""

from __future__ import annotations


class InputError(Exception):
    """The input is not a usable report. ``str(err)`` is the message shown to the user."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
