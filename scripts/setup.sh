#!/usr/bin/env bash
# One-time setup on Debian 12 (as root): Debian packages, the virtual environments, the Python dependencies.
# Re-running is fast: each step is skipped while its inputs are unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  python3 python3-venv python3-dev
  # Qt (PySide6 wheels) on a bare system; libpulse0 for VirtualKeyboard/Multimedia/TextToSpeech
  libglib2.0-0 libgl1 libegl1 libx11-6 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libbrotli1
  libpulse0 libxrandr2
  # X11 runs (a real screen, or Xvfb)
  xvfb xauth libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  # QR decoding (pyzbar backend), receipt checks (pdftoppm, pdftotext, pdffonts)
  libzbar0 poppler-utils
  # printing: CUPS with the cups-pdf test printer (tests start a private cupsd), rare-character fallback font
  cups cups-client printer-driver-cups-pdf fonts-hanazono
  # the county server's production database, started by the tests
  postgresql
  # elder mode's spoken prompts: QtTextToSpeech's speechd engine, espeak-ng's voices (Mandarin among them)
  libspeechd2 speech-dispatcher speech-dispatcher-audio-plugins speech-dispatcher-espeak-ng
)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Missing Debian packages (run as root, or install them): ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# speech-dispatcher's audio: PulseAudio, else ALSA; without a sound card (CI, developers) ALSA's null device.
# Debian's default is PulseAudio alone, and a daemon that cannot open its output hangs every client for good.
speechd_audio='AudioOutputMethod "pulse,alsa"'
[ -e /dev/snd ] || speechd_audio+=$'\nAudioALSADevice "null"'
speechd_conf=/etc/speech-dispatcher/clients/kiosk-audio.conf  # read through speechd.conf's Include
if [ "$(cat "$speechd_conf" 2>/dev/null)" != "$speechd_audio" ]; then
  [ "$(id -u)" = 0 ] || { echo "Run as root once to write $speechd_conf" >&2; exit 1; }
  printf '%s\n' "$speechd_audio" >"$speechd_conf"
fi

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
"$PYTHON" -c 'import sys; assert sys.version_info >= (3, 11), sys.version' \
  || { echo "Python 3.11 or newer is needed (found $("$PYTHON" --version))" >&2; exit 1; }

# Only what changes an install counts: the lock, this script, and pyproject's [project] table.
inputs_hash=$( { cat requirements.lock scripts/setup.sh; sed -n '/^\[project\]/,/^\[tool/p' pyproject.toml; } \
  | sha256sum | cut -c1-16)
mkdir -p .stamp
exec 9>.stamp/setup.lock
flock 9  # two `make` commands at once wait for each other instead of rebuilding the same venv

make_venv() {  # make_venv DIR LOCKFILE
  local dir=$1 lock=$2 stamp=".stamp/$(basename "$1")-$inputs_hash"
  [ -f "$stamp" ] && [ -x "$dir/bin/python" ] && return 0
  echo "Preparing $dir ..."
  rm -rf "$dir"
  "$PYTHON" -m venv "$dir"
  "$dir/bin/python" -m pip install -q --disable-pip-version-check -r "$lock" 2> >(grep -v "is ignored: it is neither" >&2)
  "$dir/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . \
    2> >(grep -v "is ignored: it is neither" >&2)
  rm -f ".stamp/$(basename "$dir")"-*
  touch "$stamp"
}

# The full environment, and a core one where PySide6 (and pytest-qt) cannot be imported.
make_venv .venv requirements.lock
grep -viE '^(pyside6|shiboken6|pytest-qt)' requirements.lock > .stamp/requirements-core.lock
make_venv .venv-core .stamp/requirements-core.lock

# The UI translations: compiled from the committed .ts sources on every setup (a few milliseconds).
.venv/bin/python -m kiosk.ui.translations_tool build >/dev/null

# Bytecode for the kiosk's own code, as an installed package would have: without it every start compiles
# the modules it imports again (about 50 ms of the time to the home screen). Only changed files are redone.
.venv/bin/python -m compileall -q kiosk db sync printing county benchmarks >/dev/null
