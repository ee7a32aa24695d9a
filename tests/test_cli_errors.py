"""Every expected failure of every command ends in one line starting 'error: ' that says
what failed, for which chart and file, and the operating system's reason; the exit
status is non-zero (2 for a usage error) and no traceback is printed."""

import errno
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import run_cli_after

from nkarrivals import charts, cli, files, paths

REASON = {code: os.strerror(code) for code in (errno.EISDIR, errno.ENOTDIR, errno.EACCES, errno.ENOSPC)}


def run_main(capsys, *argv: str) -> tuple[int, str]:
    """Run the command in this process; return (exit status, stderr)."""
    try:
        code = cli.main(list(argv))
    except SystemExit as stop:  # argparse leaves this way
        code = stop.code
    return code, capsys.readouterr().err


def the_error_line(code: int, stderr: str, status: int = 1) -> str:
    assert code == status, stderr
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one error line, got:\n{stderr}"
    assert lines[0].startswith("error: ")
    return lines[0]


def shown(path: Path) -> str:
    return files.display_path(path)


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def fail_writes_to(prefix: str, code: int, partial: bool = False):
    """A Path.write_bytes that fails with `code` for files whose name starts with `prefix`,
    after writing half the bytes if `partial` (a disk filling up mid-write)."""
    real = pathlib.Path.write_bytes

    def write_bytes(self, data):
        if not self.name.startswith(prefix):
            return real(self, data)
        if partial:
            real(self, data[: len(data) // 2])
        raise OSError(code, os.strerror(code), str(self))

    return write_bytes


# Writing charts


def test_chart_path_that_is_a_folder_ends_export_in_one_line_and_keeps_earlier_files(tmp_path):
    out = tmp_path / "charts"
    (out / "broker-fees.svg").mkdir(parents=True)
    (out / "arrivals-by-sex.svg").write_bytes(b"older export")
    result = run_cli_after(
        "",
        "export",
        "--out",
        str(out),
        "--format",
        "svg",
        "--only",
        "arrivals-annual",
        "broker-fees",
        "arrivals-by-sex",
    )
    line = the_error_line(result.returncode, result.stderr)
    assert line == f"error: writing {shown(out / 'broker-fees.svg')} for chart broker-fees: {REASON[errno.EISDIR]}"
    assert "arrivals-annual: svg" in result.stdout
    assert (out / "arrivals-annual.svg").read_bytes().startswith(b"<?xml")
    assert (out / "arrivals-by-sex.svg").read_bytes() == b"older export"  # the export stopped before it
    assert (out / "broker-fees.svg").is_dir() and not any((out / "broker-fees.svg").iterdir())
    assert no_temporary_files(out)


def test_write_atomic_onto_a_folder_raises_write_error_and_removes_its_temporary_file(tmp_path):
    (tmp_path / "chart.svg").mkdir()
    with pytest.raises(files.WriteError) as caught:
        files.write_atomic(tmp_path / "chart.svg", b"<svg/>", subject="chart test")
    assert caught.value.errno == errno.EISDIR
    assert str(caught.value) == f"writing {shown(tmp_path / 'chart.svg')} for chart test: {REASON[errno.EISDIR]}"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]


def test_output_folder_under_a_regular_file_names_the_file_in_the_way(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    code, stderr = run_main(
        capsys, "export", "--out", str(blocker / "charts"), "--format", "svg", "--only", "broker-fees"
    )
    assert the_error_line(code, stderr) == (
        f"error: writing {shown(blocker / 'charts' / 'broker-fees.svg')} for chart broker-fees: "
        f"{REASON[errno.ENOTDIR]}: {shown(blocker)}"
    )
    assert blocker.read_text(encoding="utf-8") == "a file"


def test_permission_denied_while_writing_a_chart(tmp_path, capsys, monkeypatch):
    # Tests run as root, where a read-only folder does not stop a write: make the write refuse.
    monkeypatch.setattr(pathlib.Path, "write_bytes", fail_writes_to(".broker-fees.", errno.EACCES))
    code, stderr = run_main(capsys, "export", "--out", str(tmp_path), "--format", "svg", "--only", "broker-fees")
    assert the_error_line(code, stderr) == (
        f"error: writing {shown(tmp_path / 'broker-fees.svg')} for chart broker-fees: {REASON[errno.EACCES]}"
    )
    assert list(tmp_path.iterdir()) == []


def test_full_disk_keeps_the_previous_file_and_leaves_no_temporary_file(tmp_path, capsys, monkeypatch):
    (tmp_path / "broker-fees.svg").write_bytes(b"previous version")
    monkeypatch.setattr(pathlib.Path, "write_bytes", fail_writes_to(".broker-fees.", errno.ENOSPC, partial=True))
    code, stderr = run_main(capsys, "export", "--out", str(tmp_path), "--format", "svg", "--only", "broker-fees")
    assert the_error_line(code, stderr) == (
        f"error: writing {shown(tmp_path / 'broker-fees.svg')} for chart broker-fees: {REASON[errno.ENOSPC]}"
    )
    assert (tmp_path / "broker-fees.svg").read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["broker-fees.svg"]


# Usage errors: one line, exit status 2


@pytest.mark.parametrize(
    "argv, fragments",
    [
        (
            ["export", "--only", "pie-chart"],
            ["nkarrivals export: argument --only: unknown chart 'pie-chart'; charts: ", "arrivals-annual"],
        ),
        (
            ["export", "--only", "broker-fees-real"],
            ["argument --only: chart 'broker-fees-real' is no longer made; use 'broker-fees'"],
        ),
        (
            ["export", "--format", "gif"],
            ["nkarrivals export: argument --format: unknown format 'gif'; choose from png"],
        ),
        (["export", "--format", "png,jpg"], ["argument --format: unknown format 'jpg'"]),
        (["export", "--lang", "fr"], ["argument --lang: invalid choice: 'fr'"]),
        (["notebooks", "run", "--jobs", "0"], ["argument --jobs: '0' is not a whole number of at least 1"]),
        (
            ["notebooks", "run", "no-such-notebook"],
            ["no notebook run: no such notebook in notebooks/: no-such-notebook; notebooks: 01-arrivals-decline"],
        ),
        (["notebooks", "report", "no-such-notebook"], ["no such notebook in notebooks/: no-such-notebook"]),
        (["no-such-command"], ["nkarrivals: argument COMMAND: invalid choice: 'no-such-command'"]),
    ],
)
def test_usage_error_is_one_line_with_exit_status_2(capsys, tmp_path, argv, fragments):
    if argv[0] == "export":
        argv = [*argv, "--out", str(tmp_path / "out")]
    line = the_error_line(*run_main(capsys, *argv), status=2)
    for fragment in fragments:
        assert fragment in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("old", sorted(charts.RETIRED))
def test_a_retired_chart_name_is_one_line_naming_its_replacement(tmp_path, old):
    new = charts.RETIRED[old]
    assert new in charts.CHARTS and old not in charts.CHARTS
    result = run_cli_after("", "export", "--only", old, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: nkarrivals export: argument --only: chart '{old}' is no longer made; use '{new}' "
        "(see nkarrivals export --help)"
    ]
    assert not (tmp_path / "out").exists()
    with pytest.raises(charts.UnknownChartError, match=f"no longer made; use '{new}'"):
        charts.build_chart(old)


# Data folders

DATA_DIR_CASES = {
    "missing": ("data folder not found", lambda folder: None),
    "a-file": ("is a file, not a data folder", lambda folder: folder.write_text("not a folder", encoding="utf-8")),
    "without-csvs": ("holds none of the data files (sources.csv, ", lambda folder: folder.mkdir()),
}
COMMANDS = {
    "validate": (["validate"], ""),
    "datapackage": (["datapackage"], "datapackage.json not written: "),
    "export": (["export", "--format", "svg"], "nothing exported: "),
    "notebooks run": (["notebooks", "run"], "no notebook run: "),
}


@pytest.mark.parametrize("case", list(DATA_DIR_CASES))
@pytest.mark.parametrize("command", list(COMMANDS))
def test_unusable_data_dir_is_one_line_for_every_command(capsys, tmp_path, monkeypatch, command, case):
    message, make = DATA_DIR_CASES[case]
    folder = tmp_path / case
    make(folder)
    monkeypatch.setenv("NKARRIVALS_CHARTS_DIR", str(tmp_path / "charts"))
    argv, nothing_done = COMMANDS[command]
    line = the_error_line(*run_main(capsys, *argv, "--data-dir", str(folder)))
    assert line.startswith(f"error: {nothing_done}{shown(folder)}: {message}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ([case] if case != "missing" else [])


def test_folder_with_some_csvs_missing_lists_each_missing_file(capsys, data_copy):
    (data_copy / "rates.csv").unlink()
    code, stderr = run_main(capsys, "validate", "--data-dir", str(data_copy))
    assert code == 1 and "Traceback" not in stderr
    assert f"error: {shown(data_copy / 'rates.csv')}: file not found" in stderr.splitlines()


def test_several_data_problems_are_counted_then_listed_one_a_line(capsys, data_copy):
    (data_copy / "rates.csv").unlink()
    (data_copy / "events.csv").unlink()
    code, stderr = run_main(capsys, "export", "--data-dir", str(data_copy), "--out", str(data_copy / "out"))
    assert code == 1
    assert stderr.splitlines() == [
        "error: nothing exported: 2 problems in the data:",
        f"{shown(data_copy / 'events.csv')}: file not found",
        f"{shown(data_copy / 'rates.csv')}: file not found",
    ]


def test_unreadable_csv_is_a_data_problem_with_the_reason(capsys, data_copy, monkeypatch):
    real = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == "events.csv":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    line = the_error_line(*run_main(capsys, "validate", "--data-dir", str(data_copy)))
    assert line == f"error: {shown(data_copy / 'events.csv')}: cannot be read: {REASON[errno.EACCES]}"


def test_data_folder_that_cannot_be_looked_into_is_one_problem(capsys, data_copy, monkeypatch):
    real = pathlib.Path.exists

    def exists(self, *args, **kwargs):
        if self.parent == data_copy:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "exists", exists)
    line = the_error_line(*run_main(capsys, "validate", "--data-dir", str(data_copy)))
    assert line == f"error: {shown(data_copy)}: data folder cannot be read: {REASON[errno.EACCES]}"


# datapackage and notebooks report


def test_datapackage_into_a_folder_it_may_not_write(capsys, data_copy, monkeypatch):
    monkeypatch.setattr(pathlib.Path, "write_bytes", fail_writes_to(".datapackage.json.", errno.EACCES))
    before = (data_copy / "datapackage.json").read_bytes()
    line = the_error_line(*run_main(capsys, "datapackage", "--data-dir", str(data_copy)))
    assert line == (
        f"error: writing {shown(data_copy / 'datapackage.json')} for the data package: {REASON[errno.EACCES]}"
    )
    assert (data_copy / "datapackage.json").read_bytes() == before
    assert no_temporary_files(data_copy)


@pytest.fixture
def folder_others_can_enter():
    """A scratch folder an unprivileged user may read (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="nkarrivals-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_datapackage_into_a_read_only_folder_as_an_ordinary_user(folder_others_can_enter):
    # A real permission error: root ignores folder permissions, so run the command as 'nobody'.
    data_dir = folder_others_can_enter / "data"
    shutil.copytree(paths.DATA_DIR, data_dir)
    data_dir.chmod(0o555)
    as_nobody = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv to drop the privileges")
        as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    probe = subprocess.run([*as_nobody, sys.executable, "-c", "import nkarrivals"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("an unprivileged user cannot run this checkout's Python")
    command = [sys.executable, "-m", "nkarrivals", "datapackage", "--data-dir", str(data_dir)]
    result = subprocess.run([*as_nobody, *command], capture_output=True, text=True)
    assert the_error_line(result.returncode, result.stderr) == (
        f"error: writing {shown(data_dir / 'datapackage.json')} for the data package: {REASON[errno.EACCES]}"
    )
    assert sorted(p.name for p in data_dir.iterdir()) == sorted(p.name for p in paths.DATA_DIR.iterdir())


def test_report_into_a_path_under_a_regular_file(capsys, tmp_path):
    blocker = tmp_path / "reports"
    blocker.write_text("a file", encoding="utf-8")
    line = the_error_line(*run_main(capsys, "notebooks", "report", "--out", str(blocker), "05-decline-before-covid"))
    assert line == (
        f"error: writing {shown(blocker / '05-decline-before-covid.html')} for the report of "
        f"05-decline-before-covid.ipynb: {REASON[errno.ENOTDIR]}: {shown(blocker)}"
    )


def test_any_other_refusal_by_the_system_is_still_one_line(capsys, monkeypatch):
    from nkarrivals import data

    def refuse(data_dir=None):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "somewhere/arrivals.csv")

    monkeypatch.setattr(data, "validate", refuse)
    line = the_error_line(*run_main(capsys, "validate"))
    assert line == f"error: {REASON[errno.EACCES]}: {shown(Path('somewhere/arrivals.csv'))}"
