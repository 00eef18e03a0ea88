# The two commands that matter: `make run` and `make test` (see README.md).
.PHONY: setup run test check bench screenshots clean

setup:
	@scripts/setup.sh

run: setup
	@scripts/run-kiosk.sh

test: setup
	@scripts/test.sh

bench: setup
	.venv/bin/python -m benchmarks

screenshots: setup
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m kiosk.ui.screenshots docs/screenshots

clean:
	rm -rf .venv .venv-core .stamp
