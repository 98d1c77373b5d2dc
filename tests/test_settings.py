import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_with_production_settings(**extra_env) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **extra_env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_production_settings()
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_development_key():
    result = run_with_production_settings(SECRET_KEY="dev-only-insecure-key-do-not-use")
    assert result.returncode != 0


def test_production_starts_with_a_real_key():
    result = run_with_production_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_base_settings_defaults():
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES] == ["vi", "en"]


# --- Every environment variable the settings read is documented ---------------

SETTINGS_DIR = ROOT / "config" / "settings"
SETTINGS_DOC = ROOT / "docs" / "settings.md"
ENV_HELPERS = {"env", "env_bool", "env_list"}


def is_os_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def variable_read_by(node: ast.AST) -> ast.AST | None:
    """The name argument if ``node`` reads the environment: ``env(...)``,
    ``env_bool``, ``env_list``, ``os.environ.get``/``[...]``, ``os.getenv``,
    and ``dj_database_url.config`` (``DATABASE_URL`` unless ``env=`` says)."""
    if isinstance(node, ast.Subscript) and is_os_environ(node.value):
        return node.slice
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id in ENV_HELPERS:
        return node.args[0]
    if isinstance(func, ast.Attribute):
        if func.attr == "get" and is_os_environ(func.value):
            return node.args[0]
        if func.attr == "getenv" and isinstance(func.value, ast.Name) and func.value.id == "os":
            return node.args[0]
        if func.attr == "config" and getattr(func.value, "id", "") == "dj_database_url":
            given = {kw.arg: kw.value for kw in node.keywords}
            return given.get("env", ast.Constant("DATABASE_URL"))
    return None


def variables_read_by_settings() -> dict[str, set[str]]:
    """Variable -> the settings modules that read it. A read by a computed
    name cannot be checked, so it is refused too (except inside the helpers
    ``env``, ``env_bool`` and ``env_list`` themselves)."""
    found: dict[str, set[str]] = {}
    for path in sorted(SETTINGS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        helpers = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
        inside_helpers = {
            id(inner)
            for helper in helpers
            if helper.name in ENV_HELPERS
            for inner in ast.walk(helper)
        }
        for node in ast.walk(tree):
            name = variable_read_by(node)
            if name is None or id(node) in inside_helpers:
                continue
            assert isinstance(name, ast.Constant) and isinstance(name.value, str), (
                f"{path.name}:{node.lineno} reads the environment by a computed name"
            )
            found.setdefault(name.value, set()).add(path.name)
    return found


def variables_in_the_table() -> list[str]:
    """The first column of the first table of docs/settings.md, one variable a row."""
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    table = text.split("\n| variable |", 1)[1].split("\n\n", 1)[0]
    names = []
    for row in table.splitlines()[2:]:
        match = re.fullmatch(r"\s*`([A-Z][A-Z0-9_]*)`\s*", row.split("|")[1])
        assert match, f"not one variable in the first column: {row}"
        names.append(match.group(1))
    return names


def test_the_parser_finds_what_the_settings_read():
    read = variables_read_by_settings()
    assert read["DATABASE_URL"] == {"base.py"}  # through dj_database_url.config
    assert read["EMAIL_USE_TLS"] == {"base.py"}  # env_bool
    assert read["ALLOWED_HOSTS"] == {"base.py"}  # env_list
    assert read["SECURE_SSL_REDIRECT"] == {"production.py"}
    assert read["SECRET_KEY"] == {"base.py", "dev.py"}


def test_every_variable_the_settings_read_is_in_the_table():
    missing = sorted(set(variables_read_by_settings()) - set(variables_in_the_table()))
    assert missing == [], f"add these to docs/settings.md: {missing}"


def test_the_table_lists_only_variables_the_settings_read():
    listed = variables_in_the_table()
    assert len(listed) == len(set(listed)), "a variable is listed twice"
    stale = sorted(set(listed) - set(variables_read_by_settings()))
    assert stale == [], f"no longer read, remove from docs/settings.md: {stale}"


def test_readme_and_deployment_guide_link_the_table():
    assert "(docs/settings.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(settings.md)" in (ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
