"""The shape of the package, checked on its source: import cycles, private boundaries, module size.

The layering itself (games -> solvers -> parametric -> analyses -> io, plot,
...) is an import-linter contract in ``pyproject.toml``, run by CI as
``lint-imports``; these tests cover what a layers contract cannot see.
Imports inside functions count everywhere: a cycle hidden in a function is
still a cycle.
"""

from __future__ import annotations

import ast
import pathlib
from collections.abc import Iterator

import pytest

import gametheory

PACKAGE = pathlib.Path(gametheory.__file__).parent
MAX_LINES = 400
#: The one private package that every layer may use.
SHARED_PRIVATE = "gametheory._internal"


def module_files() -> Iterator[tuple[str, pathlib.Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        yield name, path


MODULES = dict(module_files())


def imports_of(name: str, path: pathlib.Path) -> Iterator[tuple[str, tuple[str, ...], int]]:
    """Every ``gametheory`` import in a module, at any depth: (module, names imported, line)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "gametheory":
                    yield alias.name, (), node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "gametheory":
                continue
            names = tuple(alias.name for alias in node.names)
            # ``from gametheory.x import y`` may import the submodule y.
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            rest = tuple(n for n in names if f"{target}.{n}" not in MODULES)
            if rest or not submodules:
                yield target, rest, node.lineno
            for module in submodules:
                yield module, (), node.lineno


def owner(module: str) -> str:
    """The package a module belongs to for privacy: ``gametheory.<first level>``."""
    return ".".join(module.split(".")[:2])


def test_no_module_is_longer_than_the_limit() -> None:
    long = {name: n for name, path in MODULES.items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_no_module_reaches_into_another_packages_private_parts() -> None:
    offences = []
    for name, path in MODULES.items():
        for target, names, line in imports_of(name, path):
            if owner(target) == owner(name) or target.startswith(SHARED_PRIVATE):
                continue
            private_module = any(part.startswith("_") for part in target.split(".")[1:])
            private_names = [n for n in names if n.startswith("_") and not (n.startswith("__") and n.endswith("__"))]
            if private_module or private_names:
                offences.append(f"{name}:{line} imports {target} {private_names or ''}".rstrip())
    assert not offences, "\n".join(offences)


def test_shared_internals_depend_on_nothing_above_them() -> None:
    allowed = ("gametheory.exceptions", SHARED_PRIVATE)
    offences = [
        f"{name}:{line} imports {target}"
        for name, path in MODULES.items()
        if name.startswith(SHARED_PRIVATE)
        for target, _, line in imports_of(name, path)
        if not target.startswith(allowed)
    ]
    assert not offences, "\n".join(offences)


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _, _ in imports_of(name, path):
            # An import of a package runs its __init__; an import of a missing name is not a module edge.
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_between_modules() -> None:
    # ``from package import submodule`` counts as an import of the submodule alone (as in grimp).
    cycles = strongly_connected(import_graph())
    assert not cycles, f"import cycles: {cycles}"


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert strongly_connected(graph) == expected


def test_the_import_scanner_sees_imports_inside_functions(tmp_path: pathlib.Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from gametheory.games._numbers import Kind\n")
    assert list(imports_of("gametheory.plot.m", source)) == [("gametheory.games._numbers", ("Kind",), 2)]
