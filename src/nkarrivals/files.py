"""The one way this package writes a file: whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(target: Path, content: bytes | str) -> None:
    """Write to a temporary name beside `target`, then rename it into place.

    A reader never sees half a file, and a failure leaves the old file as it was
    and no temporary file behind. Text is written as UTF-8 with the newlines given.
    """
    target = Path(target)
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()
