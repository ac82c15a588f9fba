# The two commands a new user needs: `make run` (demo) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: run test bench eval lint clean

# `make run` needs the package alone; tests, benchmarks and lint also need the dev extras
# (pytest, ruff, crfsuite, pyspark).
$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(RUN_STAMP)
	$(BIN)/newsweave demo --out out

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/lsh.py
	$(BIN)/python bench/reuse.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/e5.py
	$(BIN)/python bench/stages.py
	$(BIN)/python bench/spark.py
	$(BIN)/python bench/watch.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/incremental.py

eval: $(STAMP)
	$(BIN)/python bench/eval_compare.py
	$(BIN)/python bench/eval_translation.py
	$(BIN)/python bench/eval_stories.py
	$(BIN)/python bench/eval_extraction.py
	$(BIN)/python bench/eval_speakers.py
	$(BIN)/python bench/eval_speakers.py --labels bench/data/speaker_labels_fresh.jsonl
	$(BIN)/python bench/eval_speakers.py --labels bench/data/speaker_labels_fresh2.jsonl --part all
	$(BIN)/python bench/eval_speakers.py --labels bench/data/speaker_labels_fresh3.jsonl --part all
	$(BIN)/python bench/eval_speakers.py --labels bench/data/speaker_labels_fresh4.jsonl --part all
	$(BIN)/python bench/eval_speakers.py --labels bench/data/speaker_labels_fresh5.jsonl --part all
	for f in bench/data/speaker_passages*.jsonl; do echo "$$f"; $(BIN)/python bench/eval_speakers.py --passages $$f || exit 1; done
	@echo "speaker passages 45-48, 53-56, 63-66, 79-82 and 93-96 pooled (held out, never read)"
	$(BIN)/python bench/eval_speakers.py --passages bench/data/speaker_passages4[5-8].jsonl \
		bench/data/speaker_passages5[3-6].jsonl bench/data/speaker_passages6[3-6].jsonl \
		bench/data/speaker_passages79.jsonl bench/data/speaker_passages8[0-2].jsonl \
		bench/data/speaker_passages9[3-6].jsonl
	$(BIN)/python bench/eval_quotes.py --split dev
	$(BIN)/python bench/eval_quotes.py --split train+dev --part locked --no-speed --taggers bench/data/taggers-fit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts

clean:
	rm -rf $(VENV) out newsweave.db newsweave.db-wal newsweave.db-shm
