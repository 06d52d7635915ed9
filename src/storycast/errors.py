"""One exception hierarchy for everything storycast reports to a user.

Stages raise these; only ``cli.py`` turns them into ``error: <file>:<line>: <what>``,
a hint and an exit code. Anything else escaping a stage is a bug.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class StorycastError(Exception):
    """A problem the user can act on: what is wrong, where, and what to do."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.hint = hint

    def location(self) -> str:
        """``file:line`` (or just ``file``) for the error line, empty when unknown."""
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        return f"{text}; {self.hint}" if self.hint else text


class InputError(StorycastError):
    """The story file cannot be read as a story."""

    exit_code = 2


class CastingError(StorycastError):
    """The casting file (voices.yaml) is invalid."""

    exit_code = 2


class EngineError(StorycastError):
    """The speech engine is missing or failed on a segment (``job``: the piece it failed on, if any)."""

    exit_code = 3
    job: Any = None


class AudioError(StorycastError):
    """Stitching, encoding or tagging the audio failed (ffmpeg missing, disk full...)."""

    exit_code = 4


class OutputError(StorycastError):
    """The output folder cannot be written."""

    exit_code = 5
