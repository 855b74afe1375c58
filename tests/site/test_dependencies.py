"""One version of each package, written once: pinned in pyproject.toml and package.json, the
whole Python tree locked in requirements.lock, the Pyodide test wheels taken from that lock."""

from __future__ import annotations

import json
import re
import tomllib

from browser_support import ROOT

NAME = re.compile(r"^([A-Za-z0-9_.\-]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split("==")
            pins[canonical(name)] = version.strip()
    return pins


def test_every_python_package_is_pinned_once_and_locked_at_that_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = locked()
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        name = canonical(NAME.match(requirement).group(1))  # type: ignore[union-attr]
        if "==" in requirement:
            assert lock.get(name) == requirement.split("==")[1], requirement
        else:  # a range (mkdocs>=1.6,<2): the lock says which release
            assert name in lock, requirement


def test_pyodide_test_wheels_come_from_the_lock() -> None:
    lines = (ROOT / "tests" / "pyodide" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert names and all(NAME.fullmatch(name) for name in names), "names only: versions come from the lock"
    assert {canonical(name) for name in names} <= set(locked())


def test_npm_packages_are_exact_versions() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for group in ("dependencies", "devDependencies"):
        for name, version in package[group].items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}@{version}"
