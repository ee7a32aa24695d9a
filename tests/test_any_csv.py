"""Any CSV at all gives one of two answers: it loads, or DataValidationError lists problems
that each name the file and, for a problem in a row, its line. Any other exception is a bug.

Hypothesis starts from the real data/ and breaks one CSV per example: cells deleted,
duplicated, swapped or replaced (huge, negative, impossible dates, quotes, delimiters,
line breaks), rows and columns added or dropped, then maybe the bytes: truncated, emptied,
random, another encoding, a byte-order mark, CRLF. Profiles: tests/conftest.py.
"""

import contextlib
import csv
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import given, note
from hypothesis import strategies as st

from nkarrivals import cli, data, paths
from nkarrivals.data.schema import TABLES

ORIGINAL = {name: (paths.DATA_DIR / table.filename).read_text(encoding="utf-8") for name, table in TABLES.items()}

# Values that have broken parsers before: numbers too large for int64, a float or Python's
# int-from-text limit, impossible or out-of-range dates, week dates, signs, spaces, other
# digits, and the characters that end a cell, a row or a quoted field.
NASTY_CELLS = [
    "1" * 5000,
    "9" * 400 + ".5",
    str(10**30),
    str(-(10**30)),
    str(2**63),
    str(2**63 - 1),
    "1e400",
    "1e5",
    "-1",
    "-0",
    "0",
    "0.0",
    "00",
    "-0.5",
    "NaN",
    "inf",
    "-inf",
    "2025-02-30",
    "2025-02-29",
    "2024-02-29",
    "2025-13-01",
    "2025-00-10",
    "0000",
    "0000-01-01",
    "0001-01-01",
    "1000-01-01",
    "1677-09-21",
    "2262-04-12",
    "9999-12-31",
    "10000-01-01",
    "2025-W01-1",
    "2025-001",
    "20250101",
    "2025",
    "2025-02",
    "1990",
    "2003",
    "3000",
    "",
    " ",
    " 1",
    "1 ",
    "true",
    "TRUE",
    "false ",
    "USD",
    "usd",
    "KRW",
    "converted",
    "source",
    '"',
    '""',
    'a"b',
    '"a,b"',
    "a,b",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\ufeff",
    "٣",
    "²",
    "\uff11\uff12",  # full-width digits
    "=1+1",
    "ARRIVALS",
    "MOU_2026",
    "https://",
    "x" * 200,
]
cell_values = st.one_of(
    st.sampled_from(NASTY_CELLS),
    st.integers().map(str),
    st.floats().map(repr),
    st.dates().map(str),
    st.text(max_size=12),
)


def tweaks_of(original: str):
    """Values near a cell's own: scaled up by powers of ten, negated, zero, a few units off."""
    numeric = [st.integers(1, 19).map(lambda k: original + "0" * k), st.just("-" + original), st.just("0")]
    if original.isdigit():
        numeric.append(st.integers(-3, 3).map(lambda d: str(int(original) + d)))
    return st.one_of(*numeric)


ENCODINGS = ["latin-1", "cp949", "utf-16", "utf-32", "cp1252"]


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@st.composite
def broken_csv(draw) -> tuple[str, bytes]:
    """(table name, bytes of one mutated CSV of that table)."""
    name = draw(st.sampled_from(list(TABLES)))
    rows = rows_of(ORIGINAL[name])
    for _ in range(draw(st.integers(1, 3))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, max(len(rows[row]) - 1, 0)))
        kind = draw(
            st.sampled_from(
                [
                    "set",
                    "set",
                    "set",
                    "set",
                    "set",
                    "delete",
                    "duplicate",
                    "swap",
                    "delete row",
                    "duplicate row",
                    "swap rows",
                    "add column",
                    "drop column",
                ]
            )
        )
        note(f"{name}: {kind} at row {row}, column {column}")
        cells = rows[row]
        if kind == "set" and cells:
            cells[column] = draw(st.one_of(cell_values, tweaks_of(cells[column])))
        elif kind == "delete" and cells:
            del cells[column]
        elif kind == "duplicate" and cells:
            cells.insert(column, cells[column])
        elif kind == "swap":
            other = rows[draw(st.integers(0, len(rows) - 1))]
            if cells and other:
                at = draw(st.integers(0, len(other) - 1))
                cells[column], other[at] = other[at], cells[column]
        elif kind == "delete row":
            del rows[row]
        elif kind == "duplicate row":
            rows.insert(row, list(cells))
        elif kind == "swap rows":
            other = draw(st.integers(0, len(rows) - 1))
            rows[row], rows[other] = rows[other], rows[row]
        elif kind == "add column":
            for each in rows:
                each.insert(column, draw(cell_values) if each is not rows[0] else draw(st.text(max_size=8)))
        elif kind == "drop column":
            for each in rows:
                if len(each) > column:
                    del each[column]
        if not rows:
            break
    text = csv_text(rows)
    # Sometimes written by hand: text inserted without the quoting a CSV writer adds.
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(st.sampled_from(NASTY_CELLS), st.text(max_size=8))) + text[at:]
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    final = draw(
        st.sampled_from(
            [
                "as is",
                "as is",
                "as is",
                "bom",
                "truncate",
                "random bytes inside",
                "random bytes",
                "empty",
                "other encoding",
            ]
        )
    )
    note(f"then: {final}")
    if final == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif final == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif final == "random bytes inside":
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(min_size=1, max_size=8)) + raw[at:]
    elif final == "random bytes":
        raw = draw(st.binary(max_size=200))
    elif final == "empty":
        raw = b""
    elif final == "other encoding":
        raw = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return name, raw


def assert_located(problem: data.Problem, data_dir: Path) -> None:
    """The problem names a CSV of the folder, and its line when it concerns a row."""
    assert problem.file.endswith(tuple(t.filename for t in TABLES.values())), problem
    assert Path(problem.file).resolve().parent == data_dir.resolve(), problem
    assert str(problem).startswith(problem.file), problem
    if problem.column is not None:
        assert problem.line is not None, problem
    if problem.line is not None:
        lines = (Path(problem.file).read_bytes() or b" ").splitlines()
        assert 1 <= problem.line <= len(lines), problem
    assert len(str(problem).splitlines()) == 1, problem


def answer_of(load) -> list[data.Problem] | None:
    """None when `load()` loads; its problems when it raises DataValidationError. Anything else propagates."""
    try:
        load()
    except data.DataValidationError as error:
        assert error.problems, "DataValidationError without a problem"
        return error.problems
    return None


@given(broken_csv())
def test_any_csv_loads_or_gives_located_problems(mutation):
    name, raw = mutation
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch) / "data"
        shutil.copytree(paths.DATA_DIR, data_dir)
        (data_dir / TABLES[name].filename).write_bytes(raw)

        _, problems = data.validate(data_dir)
        for problem in problems:
            assert_located(problem, data_dir)

        # The loaders give the same answer as validate for the tables they read.
        dataset_problems = answer_of(lambda: data.load_dataset(data_dir))
        assert sorted(map(str, dataset_problems or [])) == sorted(map(str, problems))
        for problem in answer_of(lambda: data.load_tables(name, data_dir=data_dir)) or []:
            assert_located(problem, data_dir)
            assert problem in problems

        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["validate", "--data-dir", str(data_dir)])
        assert code == (1 if problems else 0)
        assert "Traceback" not in err.getvalue()
        if problems:
            assert err.getvalue().startswith("error: ")
        else:
            assert out.getvalue().startswith("OK: ")
