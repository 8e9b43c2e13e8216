"""Project checks: the README's commands, CI, lint and the Dockerfile."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

TOOLS = Path(sys.executable).parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^    (python3 -m venv .*)$", text, flags=re.MULTILINE)


def test_readme_gives_an_install_and_run_and_an_install_and_test_command():
    run, test = _readme_commands()

    assert run.endswith(".venv/bin/streamlit run app.py")
    assert test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()

    assert _readme_commands()[1] in ci_lines


def test_ruff_finds_nothing():
    result = subprocess.run(
        [str(TOOLS / "ruff"), "check", "."], capture_output=True, text=True, cwd=ROOT
    )

    assert result.returncode == 0, result.stdout


def test_ruff_format_changes_nothing():
    result = subprocess.run(
        [str(TOOLS / "ruff"), "format", "--check", "."],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )

    assert result.returncode == 0, result.stdout


def test_hadolint_finds_nothing_in_the_dockerfile():
    result = subprocess.run(
        [str(TOOLS / "hadolint"), "Dockerfile"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )

    assert (result.returncode, result.stdout) == (0, "")


def test_compose_passes_secrets_as_files_and_migrates_before_serving():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    stride_env = services["stride"]["environment"]

    assert services["db"]["image"].startswith("mysql:8")
    assert services["db"]["volumes"] == ["mysql-data:/var/lib/mysql"]
    assert "mysql-data" in compose["volumes"]
    assert services["migrate"]["command"] == ["python", "-m", "db", "upgrade"]
    assert services["stride"]["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"}
    }
    assert sorted(services["stride"]["secrets"]) == sorted(compose["secrets"])
    # Secrets arrive as files; no variable carries a password or a key.
    assert not any(
        name.endswith(("PASSWORD", "PRIVATE_KEY", "PUBLIC_KEY", "COOKIE_KEY"))
        for name in stride_env
    )
    assert "@" in stride_env["STRIDE_DATABASE_URL"]
    assert ":" not in stride_env["STRIDE_DATABASE_URL"].split("//")[1].split("@")[0]
