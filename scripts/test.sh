#!/usr/bin/env bash
# Every check: lint, format, types, import contracts, then every test once (core tests where PySide6 cannot be imported).
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
# Each test runs once: the core folders only where PySide6 cannot be imported (which proves the core runs
# without Qt, end to end and under faults too), the UI in the full environment.
QT_DIRS=(tests/ui)
CORE_DIRS=(tests/admin tests/domain tests/devices tests/kiosk tests/db tests/services tests/sync tests/printing tests/county
  tests/e2e tests/faults)
if [ $# -gt 0 ]; then  # chosen tests: the full environment only
  .venv/bin/python -m pytest "$@"
  exit 0
fi
unlisted=$(comm -23 <(find tests -name 'test_*.py' -printf '%h\n' | cut -d/ -f1-2 | sort -u) \
  <(printf '%s\n' "${QT_DIRS[@]}" "${CORE_DIRS[@]}" | sort -u))
if [ -n "$unlisted" ]; then
  echo "test folders that scripts/test.sh runs in neither environment: $unlisted" >&2
  exit 1
fi
echo "== UI tests (Qt offscreen)"
.venv/bin/python -m pytest "${QT_DIRS[@]}"
echo "== core tests, where PySide6 cannot be imported"
if .venv-core/bin/python -c "import PySide6" 2>/dev/null; then
  echo "PySide6 must not be importable in .venv-core" >&2
  exit 1
fi
.venv-core/bin/python -m pytest -c tests/pytest-core.ini --rootdir . -p no:cacheprovider "${CORE_DIRS[@]}"
