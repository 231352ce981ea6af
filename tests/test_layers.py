"""The package's layers point down only (docs/architecture.md).

core (the text core plus the public models) <- html and the profile store <- api <-
shells (service, batch, explain, the CLIs). Read from the source with `ast`, so a new
module is checked the day it is added.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cleaner"

# Layer of a module: a module listed here, or inside a package listed here (the longest
# match wins); every other module is a shell.
LAYERS: dict[str, int] = {
    "cleaner.core": 0, "cleaner.options": 0, "cleaner.result": 0, "cleaner.errors": 0,
    "cleaner.html": 1, "cleaner.profiles.store": 1, "cleaner.profiles.lookup": 1, "cleaner.profiles.hashing": 1,
    "cleaner.api": 2, "cleaner.limits": 2, "cleaner.warm": 2,
}
# Package __init__ modules that are not a package's layer as a whole.
EXACT: dict[str, int] = {"cleaner": 2, "cleaner.profiles": 1}
SHELL = 3
NAMES = {0: "core", 1: "html/profile store", 2: "api", 3: "shell"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> int:
    if module in EXACT:
        return EXACT[module]
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return LAYERS[prefix]
    return SHELL


def _imported(node: ast.AST, module: str) -> list[str]:
    """The project modules an import statement loads (a `from pkg import sub` names the submodule)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "cleaner"]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:
        base = module.split(".")
        if not MODULES[module].name == "__init__.py":
            base = base[:-1]
        base = base[: len(base) - node.level + 1]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    if target.split(".")[0] != "cleaner":
        return []
    subs = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in MODULES]
    return subs or [target]


def imports(module: str, *, inside_functions: bool) -> list[tuple[str, int]]:
    """(imported module, line) for the module's top-level or function-level imports."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, (ast.Import, ast.ImportFrom)) and in_function == inside_functions:
                found.extend((target, child.lineno) for target in _imported(child, module))
            visit(child, nested)

    visit(tree, False)
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    mine = layer(module)
    upward = [
        f"{target} (line {line}, {NAMES[layer(target)]})"
        for inside in (False, True)
        for target, line in imports(module, inside_functions=inside)
        if layer(target) > mine
    ]
    assert not upward, f"{module} ({NAMES[mine]}) imports from a higher layer: {upward}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_function_level_imports_say_why(module):
    """An import inside a function is only a lazily loaded heavy dependency, and a comment
    on the line or the line above says so."""
    lines = MODULES[module].read_text(encoding="utf-8").splitlines()
    silent = [
        f"{target} (line {line})"
        for target, line in imports(module, inside_functions=True)
        if "#" not in lines[line - 1] and not lines[line - 2].strip().startswith("#")
    ]
    assert not silent, f"{module}: imports inside functions without a reason: {silent}"


def test_no_import_circles():
    """No module reaches itself through top-level imports, within a layer or across."""
    graph = {module: {target for target, _ in imports(module, inside_functions=False) if target in MODULES}
             for module in MODULES}
    done: set[str] = set()

    def circle_from(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return None
        for target in sorted(graph[module]):
            found = circle_from(target, path + [module])
            if found:
                return found
        done.add(module)
        return None

    circles = [found for module in sorted(MODULES) if (found := circle_from(module, []))]
    assert not circles, "import circle: " + " -> ".join(circles[0])
