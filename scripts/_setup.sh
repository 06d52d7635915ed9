# Shared by scripts/demo and scripts/test: install what is missing, idempotently.
# Sourced, not run. Sets up system packages (apt) and the .venv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

die() { echo "error: $*" >&2; exit 1; }

need_apt=()
command -v espeak-ng >/dev/null 2>&1 || need_apt+=(espeak-ng)
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || need_apt+=(ffmpeg)
# pyttsx3 loads the shared library, not the program. The listing is read whole before it is
# searched: piped into grep -q, ldconfig can die of SIGPIPE once grep has its match, and under
# pipefail that made the library look missing about one run in thirty.
shared_libraries="$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)"
grep -q 'libespeak-ng\.so' <<<"$shared_libraries" || need_apt+=(libespeak-ng1)
# the serif font generated covers are drawn with (Pillow's own font is the fallback)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need_apt+=(fonts-dejavu-core)

if [ ${#need_apt[@]} -gt 0 ]; then
  mapfile -t need_apt < <(printf '%s\n' "${need_apt[@]}" | sort -u)
  if ! command -v apt-get >/dev/null 2>&1; then
    die "missing ${need_apt[*]}; install them with your system's package manager and run this again"
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "missing ${need_apt[*]}; run: apt-get install ${need_apt[*]} (as root)"
    SUDO="sudo"
  fi
  echo "installing system packages: ${need_apt[*]}" >&2
  log="$(mktemp)"
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"; } >"$log" 2>&1; then
    tail -5 "$log" >&2
    die "could not install ${need_apt[*]}; run: sudo apt-get install ${need_apt[*]}"
  fi
  rm -f "$log"
fi

# Test-only: gPodder's command-line client, to subscribe to a served feed as a real app
# would. Optional: when it cannot be installed its tests are skipped with the reason shown.
if [ "${STORYCAST_TEST_TOOLS:-}" = 1 ] && ! command -v gpo >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"
  echo "installing gpodder (for the podcast-client tests)" >&2
  if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
         $SUDO apt-get install -y -qq --no-install-recommends gpodder; } >/dev/null 2>&1; then
    echo "warning: could not install gpodder; the gpo tests will be skipped" >&2
  fi
fi

PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null 2>&1 || die "python3 not found; install Python 3.11 or newer"
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "Python 3.11 or newer is needed (found $("$PY" --version 2>&1)); set PYTHON=/path/to/python3.11"

if [ ! -x "$VENV/bin/python" ]; then
  echo "creating $VENV" >&2
  "$PY" -m venv "$VENV" 2>/dev/null || die "could not create a virtualenv; run: apt-get install python3-venv"
fi

# Reinstall only when pyproject.toml changed since the last install.
install_venv() {  # $1: extras spec such as "" or "[test]"
  local stamp="$VENV/.installed$1"
  if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
    echo "installing storycast$1 into .venv" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT$1" >&2 \
      || die "pip could not install the package; see the messages above"
    touch "$stamp"
  fi
  # Byte-compile the sources, as a regular pip install does: an editable install leaves that to
  # the first import, and where PYTHONDONTWRITEBYTECODE is set every process would compile them
  # again (about 0.08 s of each `storycast parse` start-up). Only changed files are recompiled.
  "$VENV/bin/python" -m compileall -q "$ROOT/src" >/dev/null || die "could not byte-compile src/"
}
