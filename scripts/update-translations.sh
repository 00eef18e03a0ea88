#!/usr/bin/env bash
# Refresh resources/i18n/*.ts from the QML sources, then compile them to .qm (commit both).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/pyside6-lupdate resources/qml/*.qml -no-obsolete -locations none \
  -source-language en -target-language zh_CN -ts resources/i18n/kiosk_zh_CN.ts
.venv/bin/pyside6-lrelease resources/i18n/kiosk_zh_CN.ts -qm resources/i18n/kiosk_zh_CN.qm
