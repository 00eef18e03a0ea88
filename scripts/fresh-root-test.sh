#!/usr/bin/env bash
# The README's two commands in a clean Debian 12 root: `make run` until home is shown, then `make test`.
#
# Not part of CI (it takes as long as the suite, plus the installs). Run it, as root, before resolving an issue
# that changes setup or the services the tests start. The base root (debootstrap, git and make added) is made
# once and cached; every run copies it, clones the current commit into the copy and ends with one line.
#
#   scripts/fresh-root-test.sh              # commit HEAD
#   scripts/fresh-root-test.sh --base-only  # only make (or check) the cached base root
#   BIANMIN_FRESH_ROOT_CACHE=/srv/cache   # where the base root and the downloaded .debs are kept
#   BIANMIN_FRESH_ROOT_WORK=/srv/work     # where the run's root and logs go (kept after the run to look into)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

[ "$(id -u)" = 0 ] || { echo "fresh-root-test: run as root (debootstrap, chroot and mounts need it)" >&2; exit 2; }

SUITE=bookworm
CACHE=${BIANMIN_FRESH_ROOT_CACHE:-/var/cache/bianmin-fresh-root}
WORK=${BIANMIN_FRESH_ROOT_WORK:-/var/tmp/bianmin-fresh-root}
RUN_TIMEOUT_S=${BIANMIN_FRESH_ROOT_RUN_TIMEOUT_S:-1200}  # first `make run` installs everything
VNC_PORT=${BIANMIN_FRESH_ROOT_VNC_PORT:-5979}           # the root shares the host's network
commit=$(git rev-parse HEAD)
short=$(git rev-parse --short HEAD)
[ -z "$(git status --porcelain --untracked-files=no)" ] \
  || echo "fresh-root-test: uncommitted changes are not tested, only commit $short" >&2

# The mirror the host's apt sources name (deb822 first, then the one-line format).
mirror=$(awk '/^URIs:/ && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
mirror=${mirror:-http://deb.debian.org/debian}
security=${mirror%/debian}/debian-security

root=$WORK/root
logs=$WORK/logs
mounted=()

cleanup() {
  # Whatever still runs inside the root (a kiosk, a test's cupsd or PostgreSQL) is stopped before unmounting.
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$root" ] && kill -9 "$pid" 2>/dev/null || true
  done
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -l "${mounted[$i]}" 2>/dev/null || true
  done
}
trap cleanup EXIT

bind() {  # bind SOURCE TARGET [ro]
  mkdir -p "$2"
  mount --bind "$1" "$2"
  mounted+=("$2")
  [ "${3:-}" != ro ] || mount -o remount,bind,ro "$2"
}

make_base() {
  local base=$CACHE/$SUITE-base
  [ -x "$base/usr/bin/git" ] && return 0
  if ! command -v debootstrap >/dev/null; then
    echo "installing debootstrap on the host"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  echo "making the base root ($SUITE from $mirror, git and make added) in $base"
  rm -rf "$base.tmp"
  mkdir -p "$CACHE"
  debootstrap --include=git,make,ca-certificates "$SUITE" "$base.tmp" "$mirror" >"$CACHE/debootstrap.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap.log" >&2; exit 2; }
  # The sources a Debian 12 installation has: the release, its updates and security.
  cat >"$base.tmp/etc/apt/sources.list" <<SOURCES
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb $security $SUITE-security main
SOURCES
  rm -rf "$base.tmp/var/cache/apt/archives/"*.deb
  mv "$base.tmp" "$base"
}

prepare_root() {
  echo "copying the base root to $root"
  rm -rf "$root" "$logs"
  mkdir -p "$WORK" "$logs"
  cp -a "$CACHE/$SUITE-base" "$root"
  # What pip needs on this machine: its configuration, its local package folders and the CA bundle (which
  # also goes where update-ca-certificates keeps it if a package regenerates the bundle).
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  [ -f /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
  [ -d /etc/xdg/pip ] && mkdir -p "$root/etc/xdg" && cp -a /etc/xdg/pip "$root/etc/xdg/"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /etc/ssl/certs/ca-certificates.crt "$root/usr/local/share/ca-certificates/host-bundle.crt"
  mount -t proc proc "$root/proc" && mounted+=("$root/proc")
  mount -t sysfs sys "$root/sys" && mounted+=("$root/sys")
  bind /dev "$root/dev"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts" && mounted+=("$root/dev/pts")
  mount -t tmpfs -o mode=1777 shm "$root/dev/shm" && mounted+=("$root/dev/shm")
  mkdir -p "$CACHE/apt-archives/partial"
  bind "$CACHE/apt-archives" "$root/var/cache/apt/archives"  # downloads kept between runs, nothing else
  local folder
  for folder in /opt/wheels /opt/pypi /opt/pypi-more; do
    [ -d "$folder" ] && bind "$folder" "$root$folder" ro
  done
  git clone -q --no-hardlinks "$repo" "$root/root/bianmin-kiosk"
  git -C "$root/root/bianmin-kiosk" checkout -q "$commit"
}

in_root() {  # in_root COMMAND...: as a new root login would run it (no inherited environment, no locale)
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    TERM=dumb BIANMIN_VNC_PORT="$VNC_PORT" /bin/bash -c "cd /root/bianmin-kiosk && $*"
}

vnc_answers() {  # the VNC server greets with its protocol version
  python3 - "$VNC_PORT" <<'PY'
import socket, sys
with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5) as s:
    sys.exit(0 if s.recv(12).startswith(b"RFB ") else 1)
PY
}

run_until_home() {
  local log=$root/root/.local/share/bianmin-kiosk/logs/kiosk.log started=$SECONDS
  setsid bash -c "$(declare -f in_root); root='$root' VNC_PORT='$VNC_PORT' in_root make run" \
    >"$logs/make-run.log" 2>&1 &
  local run_pid=$!
  while ((SECONDS - started < RUN_TIMEOUT_S)); do
    if grep -q "home screen shown" "$log" 2>/dev/null && vnc_answers 2>/dev/null; then
      run_s=$((SECONDS - started))
      kill -TERM -- "-$run_pid" 2>/dev/null || true
      wait "$run_pid" 2>/dev/null || true
      return 0
    fi
    kill -0 "$run_pid" 2>/dev/null || break
    sleep 2
  done
  kill -KILL -- "-$run_pid" 2>/dev/null || true
  echo "make run did not show home (see $logs/make-run.log):" >&2
  tail -30 "$logs/make-run.log" >&2
  return 1
}

make_base
[ "${1:-}" != --base-only ] || { echo "base root ready in $CACHE/$SUITE-base"; exit 0; }
prepare_root
run_s=0
if ! run_until_home; then
  echo "FRESH ROOT $SUITE @ $short: FAILED: make run did not show home within ${RUN_TIMEOUT_S} s"
  exit 1
fi
echo "make run showed home over VNC after ${run_s} s; now make test (log: $logs/make-test.log)"
started=$SECONDS
set +e
in_root make test >"$logs/make-test.log" 2>&1
status=$?
set -e
test_s=$((SECONDS - started))
summaries=$(grep -E '^=+ .*(passed|failed|error).* in [0-9.]+s' "$logs/make-test.log" | sed -E 's/^=+ //; s/ =+$//' \
  | paste -sd ';' -)
if [ "$status" = 0 ]; then
  echo "FRESH ROOT $SUITE @ $short: PASSED: make run home in ${run_s} s; make test in ${test_s} s ($summaries)"
else
  tail -40 "$logs/make-test.log" >&2
  echo "FRESH ROOT $SUITE @ $short: FAILED: make test exit $status after ${test_s} s ($summaries); log $logs/make-test.log"
  exit 1
fi
