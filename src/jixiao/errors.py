"""Errors that reach the user: one line naming the file and what was expected."""


class InputError(Exception):
    """A file that cannot be read as a target table."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}：{reason}")
        self.path = path
        self.reason = reason


class OutputError(Exception):
    """A file that cannot be written, with the reason in one line."""
