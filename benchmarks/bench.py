"""Time exports, notebook reruns and the test suite against floors measured in the same run.

Run with `make bench` (after the venv exists). Prints median, minimum and maximum over
--runs runs, the ratio to each floor, peak memory, and PASS or FAIL against each target.
Absolute seconds vary between machines; the ratios are what the targets are about.

Everything runs in a scratch copy of the repository that shares its venv, so `make charts`
rewrites the copy's notebooks and charts, never the repository's: `git status` stays clean.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # read, never written
BIN = Path(sys.executable).parent
NKARRIVALS = [str(BIN / "nkarrivals")]
SCRATCH = Path(tempfile.mkdtemp(prefix="nkarrivals-bench-"))
COPY = SCRATCH / "repository"  # where every command runs
# The venv's own path entry points at ROOT/src; this one comes first, so the copy's package runs,
# and with it the copy's paths (notebooks, charts/), in this process's children and their kernels.
ENV = dict(os.environ, PYTHONPATH=str(COPY / "src"))


def copy_repository() -> None:
    """The repository's files (tracked, or new and not ignored) with their times, and a link to its venv."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source, target = ROOT / name, COPY / name
        if source.is_file():  # not a file deleted since it was staged
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)  # times kept, so make finds the venv up to date
    (COPY / ".venv").symlink_to(BIN.parent)
    code = "from nkarrivals import paths; print(paths.ROOT)"
    root = subprocess.run(
        [sys.executable, "-c", code], cwd=COPY, env=ENV, check=True, capture_output=True, text=True
    ).stdout.strip()
    if Path(root).resolve() != COPY.resolve():
        raise SystemExit(f"the copy imports the package from {root}, not from the copy; nothing measured")


def timed(command: list[str], env: dict | None = None, cwd: Path = COPY) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def repeat(command: list[str], runs: int, **kwargs) -> list[float]:
    return [timed(command, **kwargs) for _ in range(runs)]


def paired(floor: list[str], measured: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Alternate a floor and the command set against it, so both meet the same machine
    state (page cache, other load, clock speed) and the ratio stays fair when it drifts."""
    floor_times, measured_times = [], []
    for _ in range(runs):
        floor_times.append(timed(floor))
        measured_times.append(timed(measured))
    return floor_times, measured_times


def summary(times: list[float]) -> str:
    return f"median {statistics.median(times):6.2f} s  min {min(times):6.2f}  max {max(times):6.2f}"


def _tree_pss_kib(root_pid: int) -> int:
    """Proportional set size of a process and all its descendants, in KiB (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            match = re.search(r"^Pss:\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M)
        except OSError:
            continue
        total += int(match.group(1)) if match else 0
    return total


def peak_memory_mib(command: list[str]) -> float:
    """Peak summed PSS of the command's process tree, sampled every 10 ms."""
    process = subprocess.Popen(command, cwd=COPY, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_pss_kib(process.pid))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    if process.returncode:
        raise SystemExit(f"{command} failed")
    return peak / 1024


def floor_b_command(count: int) -> list[str]:
    """Execute `count` notebooks that only import pandas and matplotlib, one after another,
    with the same kernel set-up `make charts` uses."""
    code = f"""
import asyncio, nbformat
from nkarrivals.output import notebooks
from pathlib import Path
folder = Path({str(SCRATCH)!r}) / "floor-b"
folder.mkdir(exist_ok=True)
paths = []
for index in range({count}):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import pandas, matplotlib.pyplot")]
    nb.metadata["kernelspec"] = {{"name": "python3", "display_name": "Python 3", "language": "python"}}
    path = folder / f"floor-{{index}}.ipynb"
    nbformat.write(nb, path)
    paths.append(path)
async def main():
    limit = asyncio.Semaphore(1)
    for path in paths:
        path_, error = await notebooks.run_one(path, limit)
        assert error is None, error
asyncio.run(main())
"""
    return [sys.executable, "-c", code]


# ---------------------------------------------------------------------------
# A synthetic dataset `scale` times larger: the real tables repeated, each copy
# shifted by the span of the real years, so every validation rule still holds.


def _shift_date(text: str, years: int) -> str:
    """'2015-05' moved by `years`; blanks and 'ongoing' stay as they are."""
    return str(int(text[:4]) + years) + text[4:] if text[:4].isdigit() else text


def synthetic_data(scale: int) -> Path:
    source = COPY / "data"
    target = SCRATCH / f"data-x{scale}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)

    def rows(name):
        with open(source / name, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            return reader.fieldnames, list(reader)

    header, arrivals = rows("arrivals.csv")
    span = max(int(r["last_year"]) for r in arrivals) - min(int(r["last_year"]) for r in arrivals) + 1
    tables: dict[str, tuple[list[str], list[dict[str, str]]]] = {}
    for copy in range(scale):
        shift = copy * span
        for r in arrivals:
            r = dict(r, last_year=str(int(r["last_year"]) + shift))
            if copy and not r["first_year"]:  # only the very first period may be open-ended
                r.update(first_year=r["last_year"], period=r["last_year"])
            elif r["first_year"]:
                r["first_year"] = str(int(r["first_year"]) + shift)
                r["period"] = (
                    r["last_year"] if r["first_year"] == r["last_year"] else f"{r['first_year']}–{r['last_year']}"
                )
            tables.setdefault("arrivals.csv", (header, []))[1].append(r)
        for name, shifts in (
            ("arrivals_quarterly.csv", {"year"}),
            ("rates.csv", {"year"}),
            ("broker_fees.csv", {"period_start", "period_end", "reported_on"}),
            ("arrivals_halfyear.csv", {"year"}),
            ("events.csv", {"start", "end", "reported_on"}),
            ("early_years.csv", {"year"}),
        ):
            fields, original = rows(name)
            for r in original:
                if name == "early_years.csv" and copy and int(r["year"]) <= min(int(a["last_year"]) for a in arrivals):
                    continue  # its open-ended bucket exists only in the first copy
                shifted = dict(r)
                for column in shifts:
                    shifted[column] = _shift_date(r[column], shift)
                if name == "events.csv" and copy:
                    shifted["label"] = f"{r['label'][:32]} #{copy}"
                tables.setdefault(name, (fields, []))[1].append(shifted)
    for name, (fields, table) in tables.items():
        with open(target / name, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(table)
    return target


GROWTH_SCRIPT = """
import json, sys, time
from nkarrivals import data
from nkarrivals.output import export
folder, out, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
timings = {"validate": [], "chart": []}
for _ in range(runs):
    start = time.perf_counter()
    counts, problems = data.validate(folder)
    timings["validate"].append(time.perf_counter() - start)
    assert not problems, problems[:3]
    dataset = data.load_dataset(folder)
    start = time.perf_counter()
    result = export.export_charts(dataset=dataset, out_dir=out, formats=["png"], echo=None)
    timings["chart"].append(time.perf_counter() - start)
    assert not result.failed, result.failed
print(json.dumps({k: min(v) for k, v in timings.items()}))
"""


def growth(runs: int) -> list[tuple[int, float, float]]:
    """Validation and charting time in one process, so start-up does not hide the work."""
    env = dict(ENV, NKARRIVALS_TODAY="9999-12-31")
    results = []
    for scale in (1, 10, 100):
        folder = synthetic_data(scale)
        output = subprocess.run(
            [
                sys.executable,
                "-c",
                GROWTH_SCRIPT,
                str(folder),
                str(SCRATCH / f"charts-x{scale}"),
                str(max(1, runs // 2)),
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        measured = json.loads(output)
        results.append((scale, measured["validate"], measured["chart"]))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-test", action="store_true", help="leave out the `make test` timing")
    args = parser.parse_args()
    runs = args.runs
    copy_repository()
    notebook_count = len(list((COPY / "notebooks").glob("*.ipynb")))
    rows = []

    def report(name, times, floor_name, floor, target, unit_target=None):
        ratio = statistics.median(times) / floor
        if unit_target is not None:
            verdict = "PASS" if statistics.median(times) <= unit_target else "FAIL"
            goal = f"<= {unit_target:g} s"
        else:
            verdict = "PASS" if ratio <= target else "FAIL"
            goal = f"<= {target:g} x {floor_name}"
        print(f"{name:<34} {summary(times)}  {ratio:5.2f} x {floor_name}  target {goal:<14} {verdict}")
        rows.append(
            {
                "name": name,
                "median_s": round(statistics.median(times), 3),
                "ratio": round(ratio, 2),
                "floor": floor_name,
                "verdict": verdict,
            }
        )

    print(f"nk-arrivals benchmark: {runs} runs each, {os.cpu_count()} cores, {SCRATCH}")
    # pip compiled pandas and matplotlib when it installed them; Python caches our
    # package's bytecode on first import only where PYTHONDONTWRITEBYTECODE is unset.
    # Compile it here so every machine measures the same state.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(COPY / "src")], check=True)
    # Each floor is timed in turn with what is set against it.
    floor_a, export_times = paired(
        [sys.executable, "-c", "import pandas, matplotlib.pyplot"],
        [*NKARRIVALS, "export", "--out", str(SCRATCH / "charts")],
        runs,
    )
    floor_pandas, imports = paired(
        [sys.executable, "-c", "import pandas"],
        [sys.executable, "-c", "import nkarrivals, nkarrivals.output.export"],
        runs,
    )
    floor_pandas_latest, latest_times = paired([sys.executable, "-c", "import pandas"], [*NKARRIVALS, "latest"], runs)
    floor_b, charts = paired(floor_b_command(notebook_count), ["make", "--no-print-directory", "charts"], runs)
    a, b, p = (statistics.median(t) for t in (floor_a, floor_b, floor_pandas))
    print(f"{'floor A: import pandas, pyplot':<34} {summary(floor_a)}")
    print(f"{'floor B: ' + str(notebook_count) + ' import-only notebooks':<34} {summary(floor_b)}")
    print(f"{'floor: import pandas':<34} {summary(floor_pandas)}")
    print()

    report("nkarrivals export (all, 5 formats)", export_times, "A", a, 2.5)
    report("import nkarrivals (+ export module)", imports, "pandas", p, 1.2)
    report("nkarrivals latest", latest_times, "pandas", statistics.median(floor_pandas_latest), 1.2)
    report("make charts (venv ready)", charts, "B", b, 1.0)
    # The website from the committed charts, notebooks and data (nothing drawn or rerun).
    site_times = repeat(["make", "--no-print-directory", "site"], runs)
    report("make site (venv ready)", site_times, "B", b, None, unit_target=30)
    if not args.skip_test:
        tests = repeat(["make", "--no-print-directory", "test"], runs)
        report("make test (venv ready)", tests, "B", b, None, unit_target=15)

    memory = peak_memory_mib([*NKARRIVALS, "export", "--out", str(SCRATCH / "charts-memory")])
    verdict = "PASS" if memory <= 200 else "FAIL"
    print(f"{'peak memory, nkarrivals export':<34} {memory:6.1f} MiB (PSS, process tree)  target <= 200 MiB  {verdict}")
    rows.append({"name": "peak memory MiB", "value": round(memory, 1), "verdict": verdict})

    print("\ncost growth: synthetic data, the real tables repeated and shifted in time (in-process, best of runs)")
    print(f"{'scale':>6} {'validate s':>11} {'charts (png) s':>15}")
    results = growth(runs)
    for scale, validate, chart in results:
        print(f"{scale:>5}x {validate:11.3f} {chart:15.2f}")
    v_ratio = results[2][1] / results[1][1]
    c_ratio = results[2][2] / results[1][2]
    shape = "roughly linear" if max(v_ratio, c_ratio) < 20 else "worse than linear"
    print(
        f"time at x100 / time at x10: validate {v_ratio:.1f}, charts {c_ratio:.1f} "
        f"(linear = 10, quadratic = 100): {shape}"
    )
    (SCRATCH / "results.json").write_text(json.dumps(rows, indent=2))
    shutil.rmtree(SCRATCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
