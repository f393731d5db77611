"""One TOML reader for every data file of the model, with one-line errors.

>>> try:
...     read_toml("no/such/file.toml")
... except DataFileError as error:
...     print(error)
no/such/file.toml: file: not found
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any


class DataFileError(ValueError):
    """A data file that cannot be used; ``str(error)`` is one line: ``file: key: reason``."""

    def __init__(self, source: str, key: str, reason: str) -> None:
        self.source, self.key, self.reason = source, key, reason
        super().__init__(f"{source}: {key}: {reason}")


def read_toml(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The parsed TOML file at ``path``.

    :raises DataFileError: with key ``file`` when the file is missing, a folder, not valid TOML or unreadable.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise DataFileError(str(path), "file", "not found") from None
    except IsADirectoryError:
        raise DataFileError(str(path), "file", "is a folder, not a TOML file") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(str(path), "file", f"not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), "file", f"cannot be read ({exc.__class__.__name__})") from None
