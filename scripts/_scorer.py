"""The shared PDNC scorer (../shared/tools/score_attribution.py), loaded as a library by the
benchmark scripts: its loaders (quotes, character lists, casting files) and its name folding;
and the one name-part rule the benchmarks on excerpts count cold mode by."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType


def load_scorer(path: Path) -> ModuleType:
    """The scorer module at ``path``."""
    spec = importlib.util.spec_from_file_location("score_attribution", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_corpus(data: Path, scorer: Path, novels: list[str] | None, wrapper: str) -> tuple[ModuleType, list[Path]]:
    """The scorer and the PDNC novel folders under ``data`` (only ``novels``, if given); a clear
    exit when either is missing (``wrapper``: the script that passes both)."""
    if not data.is_dir() or not scorer.is_file():
        raise SystemExit(f"error: no PDNC folder at {data} or no scorer at {scorer}; "
                         f"pass --data and --scorer ({wrapper} sets both)")
    folders = sorted(p for p in data.iterdir() if (p / "novel_text.txt").is_file() and (not novels or p.name in novels))
    return load_scorer(scorer), folders


# Words a name part must not be for cold mode to count it (a title, an article, an epithet).
NOT_NAME_PARTS = frozenset("mr mrs miss ms dr sir lady the a an old young little".split())


def right_by_name_part(said: str, names: Iterable[str]) -> bool:
    """Whether a folded speaker name is part of one of the gold character's folded names: a
    story or piece may never give a character's full name ("scrooge" for Ebenezer Scrooge,
    "the nephew" for Scrooge's Nephew), so cold mode counts that as right."""
    parts = set(said.split()) - NOT_NAME_PARTS
    return bool(parts) and any(parts <= set(name.split()) for name in names)
