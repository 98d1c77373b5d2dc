"""The house rules a maintainer relies on, checked where import-linter
cannot look: templates, imports hidden inside functions, module size.

import-linter (``lint-imports``, run by CI) checks the layers between the
Python modules; these tests hold templates to the same order and keep every
cross-app import at the top of its module, where a reader sees it.
"""

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LAYERS = CONFIG["tool"]["importlinter"]["contracts"][0]["layers"]
APPS = [layer for layer in LAYERS if layer != "config"]
MAX_LINES = 500


def python_files(folders=LAYERS):
    for package in folders:
        for path in sorted((ROOT / package).rglob("*.py")):
            if not {"migrations", "node_modules"} & set(path.parts):
                yield path


# The line limit holds for every Python file of the project, tests and
# benchmarks included; the layer rules concern the apps only.
EVERY_FOLDER = [*LAYERS, "tests", "bench", "scripts"]


def rank(package: str) -> int:
    """0 for the top layer; a higher number is lower down."""
    return LAYERS.index(package)


def test_the_layers_are_those_the_readme_describes():
    assert LAYERS == ["config", "district", "news", "contact", "procedures", "home", "theme"]


@pytest.mark.parametrize(
    "path", list(python_files(EVERY_FOLDER)), ids=lambda p: str(p.relative_to(ROOT))
)
def test_no_module_is_longer_than_500_lines(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines"


def imported_packages(node) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module.split(".")[0]]
    return []


def function_local_imports(tree: ast.Module):
    """Imports inside functions and methods (not at a module's or class's top)."""
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                yield from ((node, package) for package in imported_packages(node))


def test_no_function_imports_another_app():
    """An import inside a function hides an arrow between apps from the
    reader and from import-linter's order of loading: every cross-app import
    is at the top of its module."""
    hidden = []
    for path in python_files():
        own = path.relative_to(ROOT).parts[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, package in function_local_imports(tree):
            if package in LAYERS and package != own:
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {package}")
    assert hidden == []


def test_the_function_import_check_finds_one(tmp_path):
    tree = ast.parse("def f():\n    from contact.models import Feedback\n")
    assert [package for _node, package in function_local_imports(tree)] == ["contact"]


LOAD_TAG = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
TAG_LIBRARIES = {
    "home_tags": "home",
    "news_tags": "news",
    "district_tags": "district",
    "survey_tags": "district",
    "theme_tags": "theme",
}


def template_files():
    for app in APPS:
        yield from sorted((ROOT / app / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", list(template_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_load_tags_of_their_own_layer_or_below(path):
    own = path.relative_to(ROOT).parts[0]
    libraries = [
        name
        for match in LOAD_TAG.finditer(path.read_text(encoding="utf-8"))
        for name in match.group(1).split()
    ]
    upward = [
        name
        for name in libraries
        if name in TAG_LIBRARIES and rank(TAG_LIBRARIES[name]) < rank(own)
    ]
    assert upward == []


def test_every_project_tag_library_is_ranked():
    found = {path.stem for app in APPS for path in (ROOT / app).glob("templatetags/*_tags.py")}
    assert found == set(TAG_LIBRARIES)
