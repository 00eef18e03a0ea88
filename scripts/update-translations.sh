#!/usr/bin/env bash
# Refresh resources/i18n/*.ts from the QML sources (commit them), then compile the .qm files (setup does too).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m kiosk.ui.translations_tool update
.venv/bin/python -m kiosk.ui.translations_tool build >/dev/null
.venv/bin/python -m kiosk.ui.translations_tool check
