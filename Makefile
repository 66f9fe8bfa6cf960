# The two commands a new user needs: `make setup` then `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: setup test bench lint

setup:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip
	$(BIN)/pip install -e '.[dev]'

test:
	$(BIN)/python -m pytest

bench:
	$(BIN)/python benchmarks/repair_quality.py

lint:
	$(BIN)/ruff check pipeline tests benchmarks scripts
