"""The one domain error type, and the positioned problems it carries.

Core code raises `GlossError`; only the CLI turns it into a message and an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a file, at a 1-based line and column (0 when unknown)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class GlossError(Exception):
    """A problem with the user's data or files, reported without a traceback."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[Problem] = problems or []

    def lines(self) -> list[str]:
        """What to print: each problem on its own line, or the message."""
        return [str(p) for p in self.problems] or [self.message]
