"""Shared fixtures: every test gets its own segment cache and a clean working folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "the-lamplighters-wager.txt"
SAMPLE_CAST = ROOT / "voices.yaml"
HAVE_ENGINE = shutil.which("espeak-ng") is not None and shutil.which("ffmpeg") is not None


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYCAST_CACHE_DIR", str(tmp_path / "cache"))


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path
