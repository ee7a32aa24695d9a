"""The pins in pyproject.toml, environment.yml and requirements.lock agree."""

import re
import tomllib

from nkarrivals import paths


def canonical(name: str) -> str:
    """A package name as the three files may spell it (jupyter-client, jupyter_client, Jinja2), made one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pyproject_pins() -> dict[str, str]:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        specs.extend(group)
    pins = {}
    for spec in specs:
        name, version = spec.split("==")
        pins[canonical(name)] = version
    return pins


def environment_pins() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "environment.yml").read_text().splitlines():
        # conda packages are pinned with "=", those under pip: with "==".
        match = re.fullmatch(r"\s+- ([A-Za-z0-9_.-]+)==?([0-9][^\s]*)", line)
        if match and match.group(1) != "python":
            pins[canonical(match.group(1))] = match.group(2)
    return pins


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonical(name)] = version
    return pins


def test_direct_dependencies_are_exact_pins():
    assert pyproject_pins(), "no dependencies found"


def test_environment_yml_matches_pyproject():
    assert environment_pins() == pyproject_pins()


def test_lock_file_pins_every_direct_dependency_at_the_same_version():
    lock = lock_pins()
    for name, version in pyproject_pins().items():
        assert lock.get(name) == version, f"{name}: pyproject {version}, lock {lock.get(name)}"


def test_lock_file_has_only_exact_pins():
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.+-]*", line), line


def test_notebooks_use_the_python3_kernel_and_keep_no_timing():
    import json

    for path in paths.NOTEBOOKS_DIR.glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        assert notebook["metadata"]["kernelspec"]["name"] == "python3", path.name
        for cell in notebook["cells"]:
            assert "execution" not in cell.get("metadata", {}), path.name
            if cell["cell_type"] == "code":
                assert cell["execution_count"] is not None, f"{path.name}: unrun cell"
                assert "image/svg+xml" not in json.dumps(cell["outputs"]), path.name
