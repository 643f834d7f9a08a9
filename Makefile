# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := corpus/anju_org_2024_final.txt

.PHONY: demo test bench bench-corpus eval eval-national lint fixtures clean browser screenshot wheel-check fuzz

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 'setuptools>=68' wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/narrative-extract check $(DEMO) --only mismatch,warning || test $$? -eq 1
	@mkdir -p out
	@$(BIN)/narrative-extract review $(DEMO) -o out/review.html -q || test $$? -eq 1
	@echo "review page: $(CURDIR)/out/review.html"

test: $(STAMP) browser
	$(BIN)/python -m pytest

# headless Chromium, its driver and a Chinese font (Debian packages) for the review page's browser tests;
# quick when present
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && fc-list :lang=zh | grep -q . || \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium chromium-driver fonts-wqy-microhei >/dev/null; \
	  else echo "not root: install chromium chromium-driver fonts-wqy-microhei, or the browser tests skip"; fi
	@command -v chromedriver >/dev/null && chromedriver --version || true

# a wheel built from the repository installs in a fresh venv and runs `check` (.ci/wheel_check)
wheel-check: $(STAMP)
	bash .ci/wheel_check

# property tests of the number parser and the ingest with many more examples (the `fuzz` profile)
fuzz: $(STAMP)
	$(BIN)/python -m pytest tests/test_properties.py -p no:randomly --hypothesis-profile=fuzz

bench: $(STAMP)
	$(BIN)/python bench/run_bench.py
	$(BIN)/python bench/throughput.py

# corpus build of ../shared/national_pdfs: -j 2, a two-worker LocalCluster, one vs two workers
bench-corpus: $(STAMP)
	$(BIN)/python bench/corpus_bench.py

eval: $(STAMP)
	$(BIN)/python bench/eval_check.py

# check over ../shared/national_pdfs, ../shared/real_pdfs and corpus/; fails on an unjudged mismatch
eval-national: $(STAMP)
	$(BIN)/python bench/eval_national.py

lint: $(STAMP)
	$(BIN)/ruff check narrative_extract tests bench
	$(BIN)/python -m mypy narrative_extract

# docs/review.png, the README's picture of a review page (two committed PDF fixtures)
SHOT_INPUTS := tests/fixtures/pdf/shifted_digits.pdf tests/fixtures/pdf/code_columns.pdf
CHROMIUM_FLAGS := --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars
screenshot: $(STAMP) browser
	@mkdir -p out
	$(BIN)/narrative-extract review $(SHOT_INPUTS) -o out/review-shot.html -q || test $$? -eq 1
	rm -rf out/chromium-profile
	chromium $(CHROMIUM_FLAGS) --user-data-dir=out/chromium-profile --window-size=1100,1400 \
	  --screenshot=$(CURDIR)/docs/review.png file://$(CURDIR)/out/review-shot.html 2>/dev/null

fixtures: $(STAMP)
	$(BIN)/python tests/fixtures/make_pdf_fixtures.py
	$(BIN)/python tests/fixtures/make_format_fixtures.py tests/fixtures/formats

clean:
	rm -rf $(VENV) .pytest_cache
