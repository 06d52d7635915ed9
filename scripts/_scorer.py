"""The shared PDNC scorer (../shared/tools/score_attribution.py), loaded as a library by the
benchmark scripts: its loaders (quotes, character lists, casting files) and its name folding."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_scorer(path: Path) -> ModuleType:
    """The scorer module at ``path``."""
    spec = importlib.util.spec_from_file_location("score_attribution", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
