"""The one way this package writes a file: whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path


def display_path(path: Path) -> str:
    """`path` relative to the current folder where it lies inside it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class WriteError(OSError):
    """A file could not be written: which file, for what, and the operating system's reason.

    ``str()`` gives one line: ``writing charts/broker-fees.svg for chart broker-fees: Is a directory``.
    """

    def __init__(self, target: Path, reason: OSError, subject: str | None = None, temporary: Path | None = None):
        super().__init__(reason.errno, reason.strerror or str(reason), str(target))
        self.target = Path(target)
        self.reason = reason
        self.subject = subject
        # The path the system names, when it is neither the target nor our temporary file
        # (a parent that is a file, say): the reader needs it to see what to fix.
        named = {str(name) for name in (reason.filename, reason.filename2) if name is not None}
        self.other_paths = sorted(named - {str(self.target), str(temporary)})

    def __str__(self) -> str:
        what = f"writing {display_path(self.target)}" + (f" for {self.subject}" if self.subject else "")
        reason = self.reason.strerror or str(self.reason)
        if self.other_paths:
            reason += ": " + ", ".join(display_path(Path(p)) for p in self.other_paths)
        return f"{what}: {reason}"


def write_atomic(target: Path, content: bytes | str, subject: str | None = None) -> None:
    """Write to a temporary name beside `target`, then rename it into place.

    A reader never sees half a file, and a failure leaves the old file as it was
    and no temporary file behind. Text is written as UTF-8 with the newlines given.
    Any failure raises :class:`WriteError` naming `target`, `subject` (what the file
    is, e.g. "chart broker-fees") and the operating system's reason.
    """
    target = Path(target)
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError) as error:  # a file where a folder should be
            in_the_way = next(
                (p for p in (target.parent, *target.parent.parents) if p.exists() and not p.is_dir()), error.filename
            )
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(in_the_way)) from error
        try:
            temporary.write_bytes(data)
            os.replace(temporary, target)
        finally:
            if temporary.is_file() or temporary.is_symlink():
                temporary.unlink()
    except OSError as error:
        raise WriteError(target, error, subject, temporary) from error
