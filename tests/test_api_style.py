"""Meta-tests of the written API style, over every public module and function.

* every module declares ``__all__`` and every name in it exists;
* options with defaults are keyword-only;
* every public function, class and method has a numpydoc docstring with an example;
* ``gametheory/__init__.py`` re-exports names explicitly and only from inside the package.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

import gametheory

# Optional-dependency modules are still checked, but only when their dependency is installed.
OPTIONAL = {"gametheory.plot": "matplotlib"}


def all_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(gametheory.__path__, prefix="gametheory."):
        for prefix, dependency in OPTIONAL.items():
            if info.name.startswith(prefix):
                pytest.importorskip(dependency)
        if info.name == "gametheory.__main__":
            continue
        yield importlib.import_module(info.name)


MODULES = sorted(m.__name__ for m in all_modules())


def public_callables() -> Iterator[tuple[str, Any]]:
    seen: set[int] = set()
    for name in MODULES:
        module = importlib.import_module(name)
        if name.rsplit(".", 1)[-1].startswith("_"):
            continue
        for attr in module.__all__:
            obj = getattr(module, attr)
            if id(obj) in seen or not callable(obj) or getattr(obj, "__module__", "") != name:
                continue
            seen.add(id(obj))
            yield f"{name}.{attr}", obj
            if inspect.isclass(obj) and not issubclass(obj, BaseException):
                for method_name, method in vars(obj).items():
                    if method_name.startswith("_"):
                        continue
                    function = method.__func__ if isinstance(method, classmethod | staticmethod) else method
                    if inspect.isfunction(function):
                        yield f"{name}.{attr}.{method_name}", function


CALLABLES = sorted(public_callables(), key=lambda item: item[0])


@pytest.mark.parametrize("name", MODULES)
def test_module_declares_all(name: str) -> None:
    module = importlib.import_module(name)
    assert isinstance(getattr(module, "__all__", None), list | tuple), f"{name} has no __all__"
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.__all__ names missing {attr}"


@pytest.mark.parametrize(("name", "obj"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_options_with_defaults_are_keyword_only(name: str, obj: Any) -> None:
    if inspect.isclass(obj) and getattr(obj, "__dataclass_fields__", None):
        return  # Result records are built by the library, field by field.
    try:
        signature = inspect.signature(obj)
    except (TypeError, ValueError):
        return
    positional = [
        p.name
        for p in signature.parameters.values()
        if p.kind is p.POSITIONAL_OR_KEYWORD and p.default is not p.empty and p.name not in {"self", "cls"}
    ]
    assert not positional, f"{name}: options with defaults must be keyword-only: {positional}"


@pytest.mark.parametrize(("name", "obj"), CALLABLES, ids=[n for n, _ in CALLABLES])
def test_docstring_has_an_example(name: str, obj: Any) -> None:
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    if inspect.isclass(obj) and getattr(obj, "__dataclass_fields__", None):
        return  # Records document their attributes; examples live on the functions returning them.
    if isinstance(obj, type) and issubclass(obj, BaseException):
        return
    assert "Examples\n--------" in doc, f"{name} has no Examples section"
    assert ">>>" in doc, f"{name} has no runnable example"


def test_top_level_reexports_are_explicit() -> None:
    for attr in gametheory.__all__:
        obj = getattr(gametheory, attr)
        if not (inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj)):
            continue  # Type aliases and constants.
        module = getattr(obj, "__module__", None) or getattr(obj, "__name__", "")
        assert attr == "__version__" or str(module).startswith("gametheory"), attr


def test_no_star_imports() -> None:
    for name in MODULES:
        source = inspect.getsource(importlib.import_module(name))
        assert "import *" not in source, name
