# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := corpus/anju_org_2024_final.txt

.PHONY: demo test bench eval eval-national lint fixtures clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/narrative-extract check $(DEMO) --only mismatch,warning || test $$? -eq 1

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py
	$(BIN)/python bench/throughput.py

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
