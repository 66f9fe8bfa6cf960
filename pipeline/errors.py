"""The project's exceptions. Each carries a one-line message a user can act on."""

from __future__ import annotations


class MtcleanError(Exception):
    """Base class: anything the CLI turns into a one-line message and an exit code."""

    exit_code = 1

    def __init__(self, message: str, path: str | None = None) -> None:
        self.message = message
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)

    def naming(self, path: str) -> MtcleanError:
        """The same error about another name for the same file (a batch names inputs relative to its folder)."""
        return type(self)(self.message, path)


class UsageError(MtcleanError):
    """Wrong usage: bad option, missing file, a directory where a file was expected."""

    exit_code = 2


class InputError(MtcleanError):
    """A file that exists but cannot be processed: empty, binary, undecodable, too large."""

    exit_code = 1


class ModelError(MtcleanError):
    """A model that cannot be loaded from local disk."""

    exit_code = 1
