"""README.md's row for src/nkarrivals/ names every stage and every module, so it cannot fall behind the tree.

The row is read stage by stage: a stage's part runs from `stage/` to the next stage. A module
of a stage is named there in backticks (`load`); a module of a package inside a stage is named
in the parentheses after the package (`schema/` (`fields`, ...)). cli.py and the other modules
beside the stages are named with their file name (`cli.py`).
"""

import re
from pathlib import Path

import pytest

from nkarrivals import paths

# Being reorganised one chart at a time: only the package itself is checked for now.
UNCHECKED_STAGES: tuple[str, ...] = ()


def package_row() -> str:
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `src/nkarrivals/` |")]
    assert len(rows) == 1, "README.md needs one table row for `src/nkarrivals/`"
    return rows[0]


def stages() -> list[str]:
    return sorted(path.parent.name for path in paths.PACKAGE_DIR.glob("*/__init__.py"))


def modules() -> list[Path]:
    """Every module file, relative to the package, except __init__ and __main__."""
    found = paths.PACKAGE_DIR.rglob("*.py")
    return sorted(
        path.relative_to(paths.PACKAGE_DIR)
        for path in found
        if path.stem not in ("__init__", "__main__") and "__pycache__" not in path.parts
    )


def named(text: str) -> set[str]:
    return set(re.findall(r"`([^`]+)`", text))


def stage_parts(row: str) -> dict[str, str]:
    """Each stage's part of the row, from `stage/` to the next stage."""
    markers = "|".join(re.escape(f"`{stage}/`") for stage in stages())
    pieces = re.split(f"({markers})", row)
    parts: dict[str, str] = {}
    for marker, text in zip(pieces[1::2], pieces[2::2], strict=True):
        parts[marker.strip("`/")] = parts.get(marker.strip("`/"), "") + text
    return parts


def inner_packages(part: str) -> dict[str, set[str]]:
    """The names in the parentheses after each `package/` of a stage's part."""
    return {match.group(1): named(match.group(2)) for match in re.finditer(r"`(\w+)/` \(([^()]*)\)", part)}


def without_inner_packages(part: str) -> str:
    return re.sub(r"`\w+/` \([^()]*\)", "", part)


@pytest.mark.parametrize("stage", stages())
def test_the_readme_names_every_stage(stage):
    assert f"`{stage}/`" in package_row(), f"README.md: the `src/nkarrivals/` row does not name `{stage}/`"


@pytest.mark.parametrize("module", [str(m) for m in modules() if m.parts[0] not in UNCHECKED_STAGES])
def test_the_readme_names_every_module(module):
    parts = Path(module).parts
    row = package_row()
    where = f"README.md, the `src/nkarrivals/` row: name src/nkarrivals/{module}"
    if len(parts) == 1:
        assert f"`{module}`" in without_inner_packages(row), f"{where} as `{module}`"
        return
    stage_part = stage_parts(row).get(parts[0])
    assert stage_part is not None, f"{where} after `{parts[0]}/`"
    stem = Path(parts[-1]).stem
    if len(parts) == 2:
        assert stem in named(without_inner_packages(stage_part)), f"{where} as `{stem}` after `{parts[0]}/`"
    elif len(parts) == 3:
        inner = inner_packages(stage_part)
        assert parts[1] in inner, f"{where}: `{parts[1]}/` (`...`) after `{parts[0]}/`"
        assert stem in inner[parts[1]], f"{where} as `{stem}` in `{parts[1]}/` (...)"
    else:
        pytest.fail(f"src/nkarrivals/{module} is nested deeper than this test reads")
