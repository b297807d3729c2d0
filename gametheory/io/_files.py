"""Reading and writing text given a path or an open file object."""

from __future__ import annotations

import os
from typing import IO, Any

from gametheory.exceptions import InvalidArgumentError, ParseError

__all__ = ["read_text", "write_text"]


def read_text(source: Any) -> str:
    """Return the text of a path or of an open (text or binary) file object."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            data: Any = handle.read()
    elif hasattr(source, "read"):
        data = source.read()
    else:
        raise InvalidArgumentError(f"expected a path or a file object, not {type(source).__name__}")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ParseError(f"the file is not UTF-8 text (byte {error.start})") from None
    if not isinstance(data, str):
        raise InvalidArgumentError(f"reading the file gave {type(data).__name__}, not text")
    return data.removeprefix("\ufeff")


def write_text(target: Any, text: str) -> None:
    """Write text to a path (UTF-8) or to an open text or binary file object."""
    if isinstance(target, str | os.PathLike):
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    if not hasattr(target, "write"):
        raise InvalidArgumentError(f"expected a path or a file object, not {type(target).__name__}")
    handle_: IO[Any] = target
    try:
        handle_.write(text)
    except TypeError:
        handle_.write(text.encode("utf-8"))
