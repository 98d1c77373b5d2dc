"""Where the quality checks find the W3C Nu HTML checker: the ``vnu-jar``
npm package pinned in ``bench/node/package.json`` (``npm ci --prefix
bench/node --ignore-scripts``), run with the machine's Java."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
VNU_JAR = Path(
    os.environ.get("VNU_JAR", ROOT / "bench/node/node_modules/vnu-jar/build/dist/vnu.jar")
)


def require_vnu() -> list[str]:
    """The command that runs the checker; skips (fails on CI) without it."""
    java = shutil.which("java")
    missing = []
    if java is None:
        missing.append("java (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR} (npm ci --prefix bench/node --ignore-scripts)")
    if missing:
        message = "the Nu HTML checker needs " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it.")
        pytest.skip(message)
    return [java, "-Xss8m", "-jar", str(VNU_JAR)]


def vnu_messages(files: list[Path]) -> list[dict]:
    """Every message of the checker for these files, CSS included."""
    command = [*require_vnu(), "--format", "json", "--exit-zero-always", "--also-check-css"]
    result = subprocess.run(  # noqa: S603 - fixed command, our own files
        [*command, *map(str, files)], capture_output=True, text=True, timeout=300, check=True
    )
    return json.loads(result.stderr or result.stdout)["messages"]
