# alicloud.live: one entry point for the demo, the tests, the docs and the package.
#
#   make demo    run docs/examples/demo.yml against the local Live API emulator
#   make test    run every check below; fails if any of them fails
#   make help    list the finer targets
#
# Needs only Python 3.11 with pip and a reachable package index.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
# The stages share ./collections (pytest-ansible) and build/: never run them side by side.
.NOTPARALLEL:

PYTHON ?= $(shell command -v python3.11 || command -v python3)
# Extra pytest arguments, for example PYTEST_ARGS='-k emulator -x'
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
# The integration tests mostly wait: on ansible-playbook processes and on injected delays and
# timeouts. Twice as many workers as cores overlap those waits.
INTEGRATION_WORKERS ?= 4

ROOT := $(CURDIR)
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
# The emulator package is installed from ./emulator: its metadata changes need a reinstall too.
EMULATOR_PROJECT := emulator/pyproject.toml
REQUIREMENTS := requirements.txt tests/requirements.txt $(EMULATOR_PROJECT)

OLDEST_VENV := $(ROOT)/.venv-oldest
OLDEST_BIN := $(OLDEST_VENV)/bin
OLDEST_STAMP := $(OLDEST_VENV)/.requirements-installed
OLDEST_REQUIREMENTS := requirements.txt tests/requirements-oldest.txt $(EMULATOR_PROJECT)

BUILD := $(ROOT)/build
# A collection path in which alicloud.live is a symlink to this checkout.
LINK_ROOT := $(BUILD)/link
LINK := $(LINK_ROOT)/ansible_collections/alicloud/live
# ansible-test refuses symlinks: it gets a real copy.
SANITY_ROOT := $(BUILD)/sanity
SANITY_COPY := $(SANITY_ROOT)/ansible_collections/alicloud/live
DIST := $(BUILD)/dist
EMULATOR_DIST := $(BUILD)/emulator-dist
EMULATOR_CHECK_VENV := $(BUILD)/emulator-check
INSTALL_ROOT := $(BUILD)/install
EE_DIR := $(BUILD)/ee
SITE := $(ROOT)/docs/build/site

ROLES = $(sort $(notdir $(wildcard roles/*)))
MODULES = $(sort $(basename $(notdir $(filter-out %/__init__.py,$(wildcard plugins/modules/*.py)))))

# Everything that is not part of the collection's source.
COPY_EXCLUDES := --exclude=./.git --exclude=./.venv --exclude=./.venv-oldest \
	--exclude=./collections --exclude=./.ansible --exclude=./tests/output \
	--exclude=./docs/build --exclude=./build --exclude=./dist --exclude=./.pytest_cache --exclude=./.hypothesis \
	--exclude=__pycache__ --exclude='*.pyc' --exclude='./*.tar.gz' \
	--exclude=./changelogs/.plugin-cache.yaml --exclude='*.egg-info' --exclude=./emulator/build

# $(call tool_env,BIN): run with that venv's tools first on PATH and its Python as the
# interpreter for modules (interpreter discovery would find one without the SDK).
tool_env = env PATH="$(1):$$PATH" ANSIBLE_PYTHON_INTERPRETER="$(1)/python"
PYTEST_OPTIONS = --ansible-connection=local --ansible-host-pattern=localhost $(PYTEST_ARGS)

# Stages of `make test`, cheapest first so that the quick verdicts come early.
TEST_STAGES := changelog-lint docs-lint lint units integration molecule sanity build importer ee docs demo oldest

.PHONY: help venv link test $(TEST_STAGES) bench clean

help:
	@printf '%s\n' \
	  'make demo            run docs/examples/demo.yml against the local emulator (no account needed)' \
	  'make test            run all the checks below; fails if any fails' \
	  '' \
	  'make venv            create/refresh .venv (reinstalls only when a requirements file changed)' \
	  'make link            build/link: a collection path where alicloud.live is this checkout' \
	  'make units           pytest tests/unit' \
	  'make integration     pytest emulator/tests tests/integration docs/examples/offline_testing (against the emulator)' \
	  'make molecule        molecule test of the record_vod role against the emulator' \
	  'make sanity          ansible-test sanity on a copy under build/sanity' \
	  'make lint            ansible-lint, production profile' \
	  'make docs-lint       antsibull-docs lint-collection-docs --plugin-docs' \
	  'make changelog-lint  antsibull-changelog lint' \
	  'make build           build the collection tarball, check it, install it, ansible-doc each module' \
	  'make importer        galaxy-importer (what Galaxy and Automation Hub run on upload) on the tarball' \
	  'make oldest          unit + integration tests on ansible-core 2.16 (.venv-oldest)' \
	  'make ee              ansible-builder create on docs/examples/execution-environment.yml' \
	  'make docs            build the HTML documentation site into docs/build/' \
	  'make bench           loop of the single module vs the resource module (not part of make test)' \
	  'make clean           remove virtual environments and everything generated'

# --- virtual environments -------------------------------------------------------------

venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(REQUIREMENTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --requirement tests/requirements.txt
	touch $@

$(OLDEST_BIN)/python:
	$(PYTHON) -m venv $(OLDEST_VENV)

$(OLDEST_STAMP): $(OLDEST_REQUIREMENTS) | $(OLDEST_BIN)/python
	$(OLDEST_BIN)/python -m pip install --quiet --requirement tests/requirements-oldest.txt
	touch $@

link:
	@mkdir -p $(dir $(LINK))
	@ln -sfn $(ROOT) $(LINK)

# --- the whole pipeline -----------------------------------------------------------------

# Runs every stage even after a failure, then prints how long each took and fails if
# any of them failed.
test:
	@failed=(); report=(); start_all=$$SECONDS; \
	printf '\n===== make venv =====\n'; \
	$(MAKE) --no-print-directory venv || { echo 'could not create .venv' >&2; exit 1; }; \
	report+=("$$(printf '%-16s %-7s %4ss' venv ok "$$((SECONDS - start_all))")"); \
	for stage in $(TEST_STAGES); do \
	  printf '\n===== make %s =====\n' "$$stage"; start=$$SECONDS; \
	  if $(MAKE) --no-print-directory $$stage; then status=ok; else status=FAILED; failed+=("$$stage"); fi; \
	  report+=("$$(printf '%-16s %-7s %4ss' "$$stage" "$$status" "$$((SECONDS - start))")"); \
	done; \
	printf '\n===== summary =====\n'; printf '%s\n' "$${report[@]}"; \
	printf '%-16s %-7s %4ss\n' total '' "$$((SECONDS - start_all))"; \
	if [ $${#failed[@]} -ne 0 ]; then printf 'FAILED: %s\n' "$${failed[*]}"; exit 1; fi

# --- tests ------------------------------------------------------------------------------

# pytest exits 5 when it collected no test: make treats that as the failure it is.
# docs/examples/offline_testing is the user-facing example of testing a role of one's own
# against the emulator: it runs with the integration tests.
INTEGRATION_TESTS := emulator/tests tests/integration docs/examples/offline_testing
# emulator/tests drive the SDK and the emulator alone, with no ansible-core in them: the run
# on the oldest ansible-core leaves them out.
ANSIBLE_INTEGRATION_TESTS := $(filter-out emulator/tests,$(INTEGRATION_TESTS))
units: venv
	$(call tool_env,$(BIN)) $(BIN)/python -m pytest tests/unit -n $(PYTEST_WORKERS) $(PYTEST_OPTIONS)

integration: venv
	$(call tool_env,$(BIN)) $(BIN)/python -m pytest $(INTEGRATION_TESTS) -n $(INTEGRATION_WORKERS) $(PYTEST_OPTIONS)

# The role's scenario (extensions/molecule/record_vod) against a throwaway emulator; the
# modules find it through the environment, as they find an AWX credential.
molecule: venv link
	$(call tool_env,$(BIN)) ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) ANSIBLE_NOCOLOR=1 NO_COLOR=1 \
	  $(BIN)/alicloud-live-emulator -- $(BIN)/molecule test -s record_vod

oldest: $(OLDEST_STAMP)
	@$(OLDEST_BIN)/python -c 'from ansible.release import __version__; print("ansible-core", __version__)'
	$(call tool_env,$(OLDEST_BIN)) $(OLDEST_BIN)/python -m pytest tests/unit -n $(PYTEST_WORKERS) $(PYTEST_OPTIONS)
	$(call tool_env,$(OLDEST_BIN)) $(OLDEST_BIN)/python -m pytest $(ANSIBLE_INTEGRATION_TESTS) -n $(INTEGRATION_WORKERS) $(PYTEST_OPTIONS)

sanity: venv
	rm -rf $(SANITY_ROOT)
	mkdir -p $(SANITY_COPY)
	tar -C $(ROOT) $(COPY_EXCLUDES) -cf - . | tar -C $(SANITY_COPY) -xf -
	@# ansible-test lists files with git from the nearest repository, which would be this
	@# checkout, where build/ is ignored: the copy gets a repository of its own.
	if command -v git > /dev/null; then git -C $(SANITY_COPY) init --quiet; fi
	$(BIN)/python tests/utils/write_get_pip_standin.py
	cd $(SANITY_COPY) && env PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(SANITY_ROOT) \
	  $(BIN)/ansible-test sanity --local --python 3.11 --color no

# --- linters ----------------------------------------------------------------------------

lint: venv link
	env PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) $(BIN)/ansible-lint

docs-lint: venv
	env PATH="$(BIN):$$PATH" $(BIN)/antsibull-docs lint-collection-docs --plugin-docs .

changelog-lint: venv
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog lint-changelog-yaml --strict changelogs/changelog.yaml

# --- packaging --------------------------------------------------------------------------

build: venv
	rm -rf $(DIST) $(INSTALL_ROOT)
	$(BIN)/ansible-galaxy collection build --output-path $(DIST) .
	@tarball=$$(ls $(DIST)/alicloud-live-*.tar.gz); \
	tar -tzf "$$tarball" | sed 's|^\./||' > $(DIST)/contents.txt; \
	if grep -E '^(emulator|\.venv[^/]*|\.git|\.ci|\.ansible|\.pytest_cache|\.hypothesis|\.mypy_cache|\.ruff_cache|\.tox|collections|build|dist|docs/build|tests/output)(/|$$)|(^|/)__pycache__(/|$$)|\.pyc$$|\.tar\.gz$$|\.plugin-cache\.yaml$$' $(DIST)/contents.txt; then \
	  echo "$$tarball contains the files listed above, which must not ship" >&2; exit 1; \
	fi; \
	for required in MANIFEST.json FILES.json meta/runtime.yml meta/execution-environment.yml requirements.txt README.md changelogs/changelog.yaml; do \
	  grep -qx "$$required" $(DIST)/contents.txt || { echo "$$tarball lacks $$required" >&2; exit 1; }; \
	done; \
	echo "$$tarball: $$(wc -l < $(DIST)/contents.txt) entries, none of them generated"
	env ANSIBLE_COLLECTIONS_PATH=$(INSTALL_ROOT) $(BIN)/ansible-galaxy collection install --offline $(DIST)/alicloud-live-*.tar.gz -p $(INSTALL_ROOT)
	@test -n "$(MODULES)" || { echo 'no module in plugins/modules' >&2; exit 1; }
	@for module in $(MODULES); do \
	  echo "ansible-doc alicloud.live.$$module"; \
	  env ANSIBLE_COLLECTIONS_PATH=$(INSTALL_ROOT) $(BIN)/ansible-doc -t module "alicloud.live.$$module" > $(DIST)/$$module.txt; \
	  head -n 1 $(DIST)/$$module.txt; \
	done
	@for role in $(ROLES); do \
	  echo "ansible-doc -t role alicloud.live.$$role"; \
	  env ANSIBLE_COLLECTIONS_PATH=$(INSTALL_ROOT) $(BIN)/ansible-doc -t role "alicloud.live.$$role" > $(DIST)/role-$$role.txt; \
	  head -n 1 $(DIST)/role-$$role.txt; \
	done
	@# The emulator is a Python distribution of its own: build its wheel, install it alone (no index:
	@# it needs nothing but the standard library) in an empty venv, start it, ask it, stop it.
	rm -rf $(EMULATOR_DIST) $(EMULATOR_CHECK_VENV)
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir $(EMULATOR_DIST) ./emulator
	$(PYTHON) -m venv $(EMULATOR_CHECK_VENV)
	$(EMULATOR_CHECK_VENV)/bin/python -m pip install --quiet --no-index $(EMULATOR_DIST)/alicloud_live_emulator-*.whl
	$(EMULATOR_CHECK_VENV)/bin/alicloud-live-emulator --version
	$(EMULATOR_CHECK_VENV)/bin/python -c 'from alicloud_live_emulator.client import EmulatorProcess; \
	  emulator = EmulatorProcess.start(); print("wheel install answers at", emulator.url, emulator.client.accounts()[0]["domains"]); \
	  assert emulator.stop() == 0'
	@echo "Emulator wheel: $$(ls $(EMULATOR_DIST)/alicloud_live_emulator-*.whl)"

# galaxy-importer checks the tarball as Galaxy and Automation Hub do on upload (docs, roles,
# ansible-lint), offline and without ansible-test (tests/galaxy-importer.cfg). It reports
# problems as warnings and still exits 0: any WARNING or ERROR line fails the stage.
IMPORTER_LOG := $(DIST)/importer.log
importer: build
	cd $(DIST) && env PATH="$(BIN):$$PATH" GALAXY_IMPORTER_CONFIG=$(ROOT)/tests/galaxy-importer.cfg \
	  $(BIN)/python -m galaxy_importer.main $(DIST)/alicloud-live-*.tar.gz > $(IMPORTER_LOG) 2>&1 \
	  || { cat $(IMPORTER_LOG); echo 'galaxy-importer failed' >&2; exit 1; }
	@cat $(IMPORTER_LOG)
	@if grep -E '^(WARNING|ERROR|CRITICAL)' $(IMPORTER_LOG); then echo 'galaxy-importer reported the problems above' >&2; exit 1; fi
	@grep -q 'Importer processing completed successfully' $(IMPORTER_LOG)

ee: build
	rm -rf $(EE_DIR)
	mkdir -p $(EE_DIR)
	cp docs/examples/execution-environment.yml $(EE_DIR)/
	cp $(DIST)/alicloud-live-*.tar.gz $(EE_DIR)/
	$(BIN)/ansible-builder create -f $(EE_DIR)/execution-environment.yml -c $(EE_DIR)/context --output-filename Containerfile
	@tarball=$$(basename $(DIST)/alicloud-live-*.tar.gz); \
	test -f $(EE_DIR)/context/_build/collections/$$tarball && grep -q "/build/collections/$$tarball" $(EE_DIR)/context/_build/requirements.yml \
	  || { echo "docs/examples/execution-environment.yml does not install $$tarball: update the tarball name in it" >&2; exit 1; }
	@grep -q 'ansible-galaxy collection install' $(EE_DIR)/context/Containerfile
	@echo "Build context: $(EE_DIR)/context (ansible-builder build needs a container engine)"
	# What the collection asks an image for (meta/execution-environment.yml), as builder sees it:
	$(BIN)/ansible-builder introspect --sanitize $(INSTALL_ROOT) | tee $(EE_DIR)/introspect.txt
	@grep -q 'aliyun-python-sdk-live' $(EE_DIR)/introspect.txt

# --- documentation ----------------------------------------------------------------------

# sphinx-init regenerates the site skeleton each time; the collection's own guides live
# in docs/docsite/ (extra-docs.yml). Intersphinx inventories are not fetched (offline).
docs: venv link
	rm -rf $(SITE)
	mkdir -p $(SITE)
	env PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) $(BIN)/antsibull-docs sphinx-init \
	  --use-current --squash-hierarchy --fail-on-error --dest-dir $(SITE) \
	  --project alicloud.live --title 'alicloud.live collection' alicloud.live
	printf '%s\n' '' '# Offline build: no intersphinx inventories. These labels and the environment' \
	  '# variables of ansible-core itself are documented only on docs.ansible.com.' \
	  'intersphinx_mapping = {}' \
	  "nitpick_ignore = [('std:ref', 'common_return_values'), ('std:ref', 'ansible_configuration_settings')]" \
	  "nitpick_ignore_regex = [('std:envvar', r'ANSIBLE_[A-Z0-9_]+')]" \
	  >> $(SITE)/conf.py
	@# antsibull-docs indexes only the variables that plugins declare with env:, which modules
	@# cannot: the page lists the collection's own, which the credentials guide defines.
	sed -i 's|^# Build Sphinx site|cp $(ROOT)/docs/docsite/environment_variables.rst rst/environment_variables.rst\n&|' $(SITE)/build.sh
	grep -q 'docs/docsite/environment_variables.rst' $(SITE)/build.sh
	@# The benchmark page shows its chart by a path relative to docs/docsite/rst/ in the repository.
	mkdir -p $(SITE)/benchmark && cp $(ROOT)/docs/benchmark/loop_vs_bulk.png $(SITE)/benchmark/
	cd $(SITE) && env PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) ./build.sh
	grep -q 'ALICLOUD_ASSUME_ROLE_ARN' $(SITE)/build/html/environment_variables.html
	@echo "Documentation: $(SITE)/build/html/index.html"

# --- demo -------------------------------------------------------------------------------

# Quiet recipe: the emulator's first line says what runs and at which URL.
demo: venv link
	@cd $(ROOT) && $(call tool_env,$(BIN)) ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) \
	  ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false \
	  $(BIN)/alicloud-live-emulator -- ansible-playbook docs/examples/demo.yml

# --- benchmark --------------------------------------------------------------------------

# Not part of `make test`. Writes docs/docsite/rst/benchmark.rst, docs/benchmark/loop_vs_bulk.png and
# docs/benchmark/results.json. The loop at N=1,000 dominates: about an hour on two busy cores;
# BENCH_ARGS='--loop-sample 100' runs that loop over 100 configs and scales it (about twenty minutes),
# BENCH_ARGS='--sizes 10,100 --no-docs' is a quick look, BENCH_ARGS=--from-results redraws the page.
# matplotlib draws the chart; only this target installs it.
BENCH_ARGS ?=
bench: venv link
	$(BIN)/python -m pip install --quiet 'matplotlib>=3.8,<4'
	$(call tool_env,$(BIN)) ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) $(BIN)/python tests/bench/bench.py $(BENCH_ARGS)

# --- housekeeping -----------------------------------------------------------------------

clean:
	rm -rf $(VENV) $(OLDEST_VENV) $(BUILD) docs/build collections .ansible tests/output .pytest_cache .hypothesis \
	  changelogs/.plugin-cache.yaml
	find . -path ./.git -prune -o -name __pycache__ -type d -exec rm -rf {} +
