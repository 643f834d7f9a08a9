# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := corpus/anju_org_2024_final.txt

.PHONY: demo test bench eval eval-national lint fixtures clean wheel-check fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=68' wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/narrative-extract check $(DEMO) --only mismatch,warning || test $$? -eq 1

test: $(STAMP)
	$(BIN)/python -m pytest

# a wheel built from the repository installs in a fresh venv and runs `check` (.ci/wheel_check)
wheel-check: $(STAMP)
	bash .ci/wheel_check

# property tests of the number parser and the ingest with many more examples (the `fuzz` profile)
fuzz: $(STAMP)
	$(BIN)/python -m pytest tests/test_properties.py -p no:randomly --hypothesis-profile=fuzz

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py

eval: $(STAMP)
	$(BIN)/python bench/eval_check.py

# check over ../shared/national_pdfs, ../shared/real_pdfs and corpus/; fails on an unjudged mismatch
eval-national: $(STAMP)
	$(BIN)/python bench/eval_national.py

lint: $(STAMP)
	$(BIN)/ruff check narrative_extract tests bench
	$(BIN)/python -m mypy narrative_extract

fixtures: $(STAMP)
	$(BIN)/python tests/fixtures/make_pdf_fixtures.py

clean:
	rm -rf $(VENV) .pytest_cache
