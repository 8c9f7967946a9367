# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Libraries Qt needs even offscreen, missing on a bare Debian machine.
QT_DEBS := libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3

.PHONY: run test lint bench system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

system-deps:
	@bash .ci/system-deps

run: $(STAMP)
	@bash .ci/system-deps gui
	@if [ "$$(uname)" = "Linux" ] && [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ -z "$$QT_QPA_PLATFORM" ]; then \
		echo "No display here. Run 'xvfb-run make run' (Debian package xvfb), or"; \
		echo "'make screenshot' to render the window to out/screenshot.png."; \
		exit 2; \
	fi
	$(BIN)/python main.py $(FILE)

screenshot: system-deps $(STAMP)
	mkdir -p out
	QT_QPA_PLATFORM=offscreen $(BIN)/python main.py --screenshot out/screenshot.png

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy

test: system-deps $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

bench: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) *.egg-info out .pytest_cache .mypy_cache .ruff_cache
