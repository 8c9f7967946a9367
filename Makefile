# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Libraries Qt needs even offscreen, missing on a bare Debian machine.
QT_DEBS := libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3

.PHONY: run test lint bench system-deps clean screenshot screenshots

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

# The README's screenshots: the sample and a real UNFCCC draft, on a small and a large laptop;
# a European Parliament committee's amendments (thirteen rival changes on one paragraph).
REALDOCS ?= ../shared/realdocs
REALDOC_01 := $(REALDOCS)/01_unfccc_art6.2_sbsta61_draft_decision_1st_iteration.docx
REALDOC_15 := $(REALDOCS)/15_ep_libe_gdpr_amendments_1829-2090_929511XM.docx
SHOT := QT_QPA_PLATFORM=offscreen WORKBENCH_USER="Amina Diallo" $(BIN)/python main.py --screenshot
screenshots: system-deps $(STAMP)
	$(SHOT) resources/screenshot.png --size 1440x900
	$(SHOT) resources/screenshot-1280x720.png --size 1280x720
	$(SHOT) resources/screenshot-unfccc-1440x900.png --size 1440x900 --paragraph 38 $(REALDOC_01)
	$(SHOT) resources/screenshot-unfccc-1280x720.png --size 1280x720 --paragraph 38 $(REALDOC_01)
	$(SHOT) resources/screenshot-ep-amendments-1366x768.png --size 1366x768 \
		--paragraph "Article 28 – paragraph 1" $(REALDOC_15)

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
