# Two commands for a newcomer: `make run` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
# pytest-xdist workers: three times the 2 cores we have, since a Pilot test spends much of its time
# waiting for the app to be idle (on 2 cores, 6 workers: ~125-135 s, 4: ~140 s, 8: ~180 s, each
# worker's start costs CPU too); `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= 6
# The suite starts ~100 Python processes (workers, benchmarks, subprocess tests): each reads the
# compiled modules the first one wrote, even where PYTHONDONTWRITEBYTECODE is set (some CI images).

.PHONY: run test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/mentor-tui --demo

test: $(STAMP_TEST)
	@command -v tmux >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq tmux >/dev/null) || echo "tmux missing: the end-to-end test will fail"
	$(BIN)/ruff check mentor_tui tests benchmarks
	$(BIN)/mypy
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist worksteal

# `make bench`: every figure of DESIGN.md's performance budget on the large database (made once
# into benchmarks/out/, git-ignored), as a table and as benchmarks/out/results.json.
# `make bench BENCH_ARGS="--size smoke"` is the quick run `make test` does; `--only NAME ...`, `--help`.
BENCH_ARGS ?=
bench: $(STAMP_TEST)
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis
