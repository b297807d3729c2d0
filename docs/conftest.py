"""Doctests of the documentation pages: ``pytest --doctest-glob="*.md" docs``."""

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_build/*", "auto_examples/*", "reference/generated/*"]
