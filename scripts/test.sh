#!/usr/bin/env bash
# Every check: lint, format, types, import contracts, the full test suite, then the core suite without Qt.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
export PYTHONDONTWRITEBYTECODE=1

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy
echo "== import contracts"
.venv/bin/lint-imports --no-cache
echo "== tests (everything, with Qt offscreen)"
.venv/bin/python -m pytest "$@"
echo "== core tests again where PySide6 cannot be imported"
if .venv-core/bin/python -c "import PySide6" 2>/dev/null; then
  echo "PySide6 must not be importable in .venv-core" >&2
  exit 1
fi
.venv-core/bin/python -m pytest -c tests/pytest-core.ini --rootdir . -p no:cacheprovider \
  tests/admin tests/domain tests/devices tests/kiosk tests/db tests/services tests/sync tests/printing tests/county
