#!/usr/bin/env bash
# Start the kiosk on its embedded defaults. With no display, serve the screen over VNC so it can be seen.
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ -n "${QT_QPA_PLATFORM:-}" ]; then
  exec .venv/bin/kiosk "${args[@]}"
fi
port=${BIANMIN_VNC_PORT:-5900}
cat <<MSG
没有检测到显示器：终端界面通过 VNC 提供，请用 VNC 客户端连接 127.0.0.1:${port}（远程时可用 ssh -L ${port}:127.0.0.1:${port}）。
No display found: the kiosk screen is served over VNC. Connect a VNC viewer to 127.0.0.1:${port}
(from another machine: ssh -L ${port}:127.0.0.1:${port} this-host). Stop with Ctrl+C.
MSG
export QT_QPA_PLATFORM="vnc:size=1280x800:port=${port}"
exec .venv/bin/kiosk --windowed "${args[@]}"
