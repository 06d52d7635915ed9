"""Render benchmark (issue 6): storycast against the espeak-ng + ffmpeg floor, on one long text.

Run through scripts/bench_render, which sets up the environment. Prints one table; every
figure comes from this one run on this machine. Not a test: tests never time anything.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORYCAST = ROOT / ".venv" / "bin" / "storycast"


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, in kB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        ppid = int(re.search(r"PPid:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        found = re.search(r"VmRSS:\s+(\d+)", status)
        rss[int(entry.name)] = int(found.group(1)) if found else 0
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (kB, whole process tree) of a command."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kb(proc.pid))
        time.sleep(0.05)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(cmd[:3])} failed: {proc.stderr.read().decode()[-500:] if proc.stderr else ''}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = ROOT.parent / "shared" / "pdnc" / "DaisyMiller" / "novel_text.txt"
    parser.add_argument("text", nargs="?", type=Path, default=default, help="a long plain-text story")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not args.text.is_file():
        sys.exit(f"error: {args.text}: no such file; pass a long .txt story")
    work = Path(tempfile.mkdtemp(prefix="storycast-bench-"))
    try:
        run(args.text, work, args.jobs)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(text: Path, work: Path, jobs: int) -> None:
    words = len(text.read_text(encoding="utf-8", errors="replace").split())
    # 1. the floor: one espeak-ng run over the whole text, one ffmpeg encode at the same settings
    wav, mp3 = work / "floor.wav", work / "floor.mp3"
    t_speak, _ = timed(["espeak-ng", "-v", "en-us", "-s", "170", "-w", str(wav), "-f", str(text)])
    t_encode, _ = timed(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", str(wav), "-ac", "1",
                         "-ar", "44100", "-b:a", "64k", str(mp3)])
    floor = t_speak + t_encode

    env = {**os.environ, "STORYCAST_CACHE_DIR": str(work / "cache")}
    cast_file, out = work / "voices.yaml", work / "out"
    subprocess.run([str(STORYCAST), "cast", str(text), "--cast", str(cast_file)], env=env, check=True,
                   capture_output=True)
    render = [str(STORYCAST), "render", str(text), "--cast", str(cast_file), "-o", str(out), "-q", "-j", str(jobs)]
    # 2. cold render, empty cache
    cold, peak_kb = timed(render, env)
    # 3. one secondary character (the fourth-busiest) gets another voice
    lines = cast_file.read_text(encoding="utf-8").splitlines()
    entries = [n for n, line in enumerate(lines) if re.match(r"^  \S.*:\s+# \d+ lines?$", line)]
    counts = sorted(entries, key=lambda n: -int(re.search(r"# (\d+) line", lines[n]).group(1)))  # type: ignore[union-attr]
    pick = counts[min(3, len(counts) - 1)]
    who = lines[pick].split(":")[0].strip()
    voice_line = next(n for n in range(pick + 1, len(lines)) if lines[n].strip().startswith("voice:"))
    lines[voice_line] = "    voice: gmw/en-029+m7  # changed by bench_render"
    cast_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one_voice, _ = timed(render, env)
    # 4. nothing changed
    again, _ = timed(render, env)

    print(f"text: {text} ({words:,} words), {jobs} jobs, {os.cpu_count()} cores")
    print("| measure | seconds | ratio | target |")
    print("|---|---|---|---|")
    print(f"| floor: espeak-ng -w ({t_speak:.1f} s) + ffmpeg 64k mono ({t_encode:.1f} s) | {floor:.1f} | 1.00 | |")
    print(f"| storycast cold render (empty cache) | {cold:.1f} | {cold / floor:.2f}x floor | <= 1.5x |")
    print(f"| re-render after a new voice for {who} | {one_voice:.1f} | {100 * one_voice / cold:.1f}% of cold "
          f"| <= 15% |")
    print(f"| re-render, nothing changed | {again:.1f} | {100 * again / cold:.1f}% of cold | < 5% |")
    print(f"| peak resident memory, cold render (process tree) | {peak_kb / 1024:.0f} MB | | < 400 MB |")


if __name__ == "__main__":
    main()
