"""Read a text file line by line, turning undecodable bytes into InputErrors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.report import RunReport

__all__ = ["read_lines"]


def read_lines(
    path: Path, *, report: RunReport | None = None
) -> Iterator[tuple[int, str | None]]:
    """Yield ``(line number, text)`` for each line of a UTF-8 file.

    A line that is not valid UTF-8 raises an InputError naming the line. With a
    report, the error is counted there (one paper read and skipped) and the line
    comes as ``None``: the reader drops the record that holds it without
    counting it again.

    Raises:
        InputError: for a missing file or bytes that are not UTF-8.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror}") from exc
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            error = InputError(path, number, f"not valid UTF-8 (byte {exc.start + 1} of the line)")
            if report is None:
                raise error from exc
            report.read += 1
            report.skip(error)
            yield number, None
            continue
        yield number, text.lstrip("\ufeff") if number == 1 else text

