"""Checking: measure rendered MP3s against a delivery profile before anyone uploads them.

Every audio figure comes from ffmpeg's own filters (ebur128 for loudness and true peak,
astats for RMS, peak and noise floor, silencedetect for room tone at the ends); stream
facts, tags and chapter marks come from the tagging module. Nothing here computes
loudness itself.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from storycast.errors import AudioError, InputError
from storycast.stitching import Encoding, Pauses, frame_bitrates
from storycast.tagging import read_chapter

REQUIRED_TAGS = ("TIT2", "TALB", "TRCK", "TCON", "APIC")  # TPE1 too when the author is known


@dataclass(frozen=True)
class Profile:
    """What a delivery platform asks of each file, and how storycast renders to meet it."""

    name: str
    bitrate_kbps: int
    loudness_lufs: tuple[float, float] | None  # integrated loudness range
    true_peak_max: float | None  # dBTP
    rms_range: tuple[float, float] | None  # dB (whole file)
    peak_max: float | None  # dB sample peak
    noise_floor_max: float | None  # dB
    head_s: tuple[float, float] | None  # room tone before the first words
    tail_s: tuple[float, float] | None  # room tone after the last words
    encoding: Encoding = field(default_factory=Encoding)
    pauses: dict[str, int] = field(default_factory=dict)


PROFILES = {
    "podcast": Profile("podcast", 64, (-20.0, -18.0), -1.5, None, None, None, None, None),
    "acx": Profile("acx", 192, None, None, (-23.0, -18.0), -3.0, -60.0, (0.5, 1.0), (1.0, 5.0),
                   Encoding(bitrate_kbps=192, level_dbfs=-19.5, limit_dbfs=-3.5), {"head": 750, "tail": 2500}),
}


@dataclass(frozen=True)
class FileCheck:
    """One file's measurements and what fails the profile (empty: it passes)."""

    name: str
    measures: dict[str, float | str]
    problems: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.problems


def profile_named(name: str) -> Profile:
    if name not in PROFILES:
        raise InputError(f"unknown profile '{name}'", hint=f"use one of: {', '.join(PROFILES)}")
    return PROFILES[name]


def render_settings(profile: Profile) -> tuple[Encoding, Pauses]:
    """The encoding and pauses a render uses to meet ``profile``."""
    return profile.encoding, Pauses(**{**Pauses().__dict__, **profile.pauses})


def check_folder(folder: Path, profile: Profile) -> list[FileCheck]:
    """Measure every MP3 in a render folder against ``profile``."""
    if not folder.is_dir():
        raise InputError("not a folder", path=folder, hint="give the folder a render wrote")
    files = sorted(p for p in folder.glob("*.mp3") if not p.name.startswith("."))
    if not files:
        raise InputError("no MP3 files in this folder", path=folder, hint="render a story into it first")
    if shutil.which("ffmpeg") is None:
        raise AudioError("ffmpeg is not installed", hint="run ./scripts/demo, or: sudo apt-get install ffmpeg")
    return [check_file(path, profile) for path in files]


def check_file(path: Path, profile: Profile) -> FileCheck:
    m: dict[str, float | str] = {**_audio_measures(path)}
    info = read_chapter(path)
    rates = frame_bitrates(path)
    m["bitrate"] = f"{'CBR' if len(rates) == 1 else 'VBR'} {'/'.join(str(r) for r in sorted(rates))}k"
    m["sample rate"] = float(info["sample_rate"])  # type: ignore[arg-type]
    m["channels"] = float(info["channels"])  # type: ignore[arg-type]
    duration = float(info["duration"])  # type: ignore[arg-type]
    problems: list[str] = []

    def within(key: str, bounds: tuple[float, float] | None, unit: str) -> None:
        value = m.get(key)
        if bounds and isinstance(value, float) and not bounds[0] <= value <= bounds[1]:
            problems.append(f"{key} {value:.1f} {unit} not in {bounds[0]:g} to {bounds[1]:g}")

    def at_most(key: str, limit: float | None, unit: str) -> None:
        value = m.get(key)
        if limit is not None and isinstance(value, float) and value > limit:
            problems.append(f"{key} {value:.1f} {unit} above {limit:g}")

    within("loudness", profile.loudness_lufs, "LUFS")
    at_most("true peak", profile.true_peak_max, "dBTP")
    within("rms", profile.rms_range, "dB")
    at_most("peak", profile.peak_max, "dB")
    at_most("noise floor", profile.noise_floor_max, "dB")
    within("head", profile.head_s, "s")
    within("tail", profile.tail_s, "s")
    if rates != {profile.bitrate_kbps}:
        problems.append(f"bitrate {m['bitrate']}, want CBR {profile.bitrate_kbps}k")
    if m["sample rate"] != 44100:
        problems.append(f"sample rate {m['sample rate']:.0f} Hz, want 44100")
    if m["channels"] != 1:
        problems.append("not mono")
    missing = [tag for tag in REQUIRED_TAGS if tag not in info]
    if missing:
        problems.append(f"missing tags {', '.join(missing)}")
    marks: list[tuple[str, int, int, str]] = info.get("CHAP") or []  # type: ignore[assignment]
    if not marks:
        problems.append("no chapter marks")
    elif any(end > duration * 1000 + 50 or start > end for _, start, end, _ in marks):
        problems.append("a chapter mark is outside the audio")
    m["marks"] = float(len(marks))
    return FileCheck(path.name, m, tuple(problems))


def _audio_measures(path: Path) -> dict[str, float]:
    run = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a",
         "-af", "ebur128=peak=true,astats=measure_perchannel=none,silencedetect=n=-60dB:d=0.2", "-f", "null", "-"],
        capture_output=True, text=True, check=False)
    err = run.stderr
    if run.returncode != 0:
        raise AudioError(f"ffmpeg could not read the file: {err.strip().splitlines()[-1:]}", path=path,
                         hint="re-render it")

    def last(pattern: str) -> float:
        found = re.findall(pattern, err)
        return float(found[-1]) if found else math.nan

    summary = err[err.rfind("Summary:"):]
    out = {
        "loudness": float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)),  # type: ignore[union-attr]
        "true peak": _db(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1)),  # type: ignore[union-attr]
        "rms": last(r"RMS level dB: (-?[\d.]+|-inf)"),
        "peak": last(r"Peak level dB: (-?[\d.]+|-inf)"),
        "noise floor": _db((re.findall(r"Noise floor dB: (-?[\d.]+|-inf)", err) or ["-inf"])[-1]),
    }
    starts = [float(x) for x in re.findall(r"silence_start: (-?[\d.]+)", err)]
    ends = [float(x) for x in re.findall(r"silence_end: ([\d.]+)", err)]
    duration = last(r"Duration: (\d+):") * 3600 + last(r"Duration: \d+:(\d+):") * 60 + last(
        r"Duration: \d+:\d+:([\d.]+)")
    out["head"] = ends[0] if starts and starts[0] <= 0.01 and ends else 0.0
    at_end = starts and (len(starts) > len(ends) or abs(ends[-1] - duration) < 0.1)
    out["tail"] = duration - starts[-1] if at_end else 0.0
    return out


def _db(text: str) -> float:
    return -math.inf if text == "-inf" else float(text)
