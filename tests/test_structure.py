"""The layout holds: layers import downwards only, runtime never reaches for
training or evaluation code, no function grows past a screen, and the Arabic
character classes live in one module. Measured on the source, so a change
that breaks a rule fails here with the module and line named."""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("khabar", "tasks", "flows")
COMMAND_LINE = ("khabar.cli", "khabar.commands")  # the outermost layer: may import flows
OFFLINE = ("khabar.training", "khabar.evaluate")  # never imported by what runs in `khabar run`
MAX_FUNCTION_LINES = 80


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, ast.Module]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return found


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def imports(module: str) -> list[tuple[str, int]]:
    """Every module ``module`` imports (at the top or inside a function), with the line."""
    found = []
    for node in ast.walk(modules()[module]):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.module, node.lineno))
            found += [(f"{node.module}.{alias.name}", node.lineno) for alias in node.names if f"{node.module}.{alias.name}" in modules()]
    return found


def _violations(rule) -> list[str]:  # noqa: ANN001 - rule(module, imported) -> bool
    return [f"{m}:{line} imports {name}" for m in modules() for name, line in imports(m) if rule(m, name)]


def test_no_library_module_imports_the_command_line():
    assert _violations(lambda m, name: _within(name, COMMAND_LINE) and not _within(m, COMMAND_LINE)) == []


def test_nothing_under_khabar_imports_prefect():
    assert _violations(lambda m, name: _within(m, ("khabar",)) and _within(name, ("prefect", "prefect_dask"))) == []


def test_the_library_never_imports_the_layers_above_it():
    above = ("flows", "tasks")
    assert _violations(lambda m, name: _within(m, ("khabar",)) and not _within(m, COMMAND_LINE) and _within(name, above)) == []


def test_runtime_modules_never_import_training_or_evaluation():
    offline_users = OFFLINE + COMMAND_LINE
    assert _violations(lambda m, name: _within(name, OFFLINE) and not _within(m, offline_users)) == []


def test_no_import_cycle_among_modules():
    graph = {m: {name for name, _ in imports(m) if name in modules() and name != m} for m in modules()}
    cycles = [m for m in graph if _reaches(graph, m, m)]
    assert cycles == []


def _reaches(graph: dict[str, set[str]], start: str, target: str) -> bool:
    seen, todo = set(), list(graph[start])
    while todo:
        node = todo.pop()
        if node == target:
            return True
        if node not in seen:
            seen.add(node)
            todo += graph.get(node, ())
    return False


def test_no_function_is_longer_than_a_screen():
    long = [f"{m}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
            for m, tree in modules().items() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []


# A diacritic class spelled out in source: an escape of the tashkeel block's
# first mark (U+064B), of the dagger alef (U+0670) or of the extended block
# (U+08D3), or a literal range starting at U+064B.
DIACRITIC_CLASS = re.compile(r"\\u064[bB]|\\u0670|\\u08[dD]3|\u064b-")


def test_arabic_character_classes_are_defined_in_one_module():
    sources = {_module_name(p): p.read_text(encoding="utf-8") for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    spelled = sorted(m for m, text in sources.items() if m != "khabar.arabic" and DIACRITIC_CLASS.search(text))
    assert spelled == []
