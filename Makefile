# alicloud.live: one entry point for the demo, the tests, the docs and the package.
#
#   make demo    run docs/examples/demo.yml against the local Live API emulator
#   make test    run every check below, the support matrix included; fails if any fails
#   make help    list the finer targets
#
# Needs Python 3.11 with pip and a reachable package index; the newest ansible-core also needs
# Python 3.12 or 3.13 (found on PATH or under pyenv). The support matrix, sanity and the
# import check run as nox sessions (noxfile.py, antsibull-nox); the rest runs here, in .venv.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
# One target at a time within a make process. make test runs its lanes as separate make
# processes, on stages that share no output (each nox session has its own .nox folder).
.NOTPARALLEL:

# Python keeps no bytecode cache where PYTHONDONTWRITEBYTECODE is set (some images set it), and
# uv installs none: every ansible-playbook, module and test worker would compile ansible-core and
# the SDK from source again, a third of the test suite's CPU time. Here Python writes its caches
# (into .venv, .nox and __pycache__ folders, all ignored by git and by the collection build).
unexport PYTHONDONTWRITEBYTECODE

PYTHON ?= $(shell command -v python3.11 || command -v python3)
# Extra pytest arguments, for example PYTEST_ARGS='-k emulator -x'
PYTEST_ARGS ?=
export PYTEST_WORKERS ?= auto
# The integration tests mostly wait: on ansible-playbook processes and on injected delays and
# timeouts. Twice as many workers as cores overlap those waits.
export INTEGRATION_WORKERS ?= 4

ROOT := $(CURDIR)
# .venv: the default ansible-core (2.19), the tests' requirements and the tools.
VENV := $(ROOT)/.venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
# The emulator package is installed from ./emulator: its metadata changes need a reinstall too.
REQUIREMENTS := requirements.txt tests/requirements.txt tests/requirements-tools.txt emulator/pyproject.toml
# .venv-nox: nox, antsibull-nox and uv, which builds .venv and every session environment
# from one shared cache.
NOX_VENV := $(ROOT)/.venv-nox
NOX_STAMP := $(NOX_VENV)/.requirements-installed
UV := $(NOX_VENV)/bin/uv
NOX := $(NOX_VENV)/bin/nox --no-color
# Session environments are reused; noxfile.py reinstalls their requirements on every run (fast).
NOX_RUN = $(NOX) --reuse-venv yes

BUILD := $(ROOT)/build
# A collection path in which alicloud.live is a symlink to this checkout.
LINK_ROOT := $(BUILD)/link
LINK := $(LINK_ROOT)/ansible_collections/alicloud/live
DIST := $(BUILD)/dist
EMULATOR_DIST := $(BUILD)/emulator-dist
EMULATOR_CHECK_VENV := $(BUILD)/emulator-check
INSTALL_ROOT := $(BUILD)/install
EE_DIR := $(BUILD)/ee
SITE := $(ROOT)/docs/build/site

ROLES = $(sort $(notdir $(wildcard roles/*)))
MODULES = $(sort $(basename $(notdir $(filter-out %/__init__.py,$(wildcard plugins/modules/*.py)))))
INVENTORY_PLUGINS = $(sort $(basename $(notdir $(filter-out %/__init__.py,$(wildcard plugins/inventory/*.py)))))

# $(call tool_env,BIN): run with that venv's tools first on PATH and its Python as the
# interpreter for modules (interpreter discovery would find one without the SDK).
tool_env = env PATH="$(1):$$PATH" ANSIBLE_PYTHON_INTERPRETER="$(1)/python"
PYTEST_OPTIONS = --ansible-connection=local --ansible-host-pattern=localhost $(PYTEST_ARGS)

.PHONY: help venv nox link doc test quick smoke changelog-release units integration matrix sanity docs-lint importer \
	molecule lint changelog-lint build ee docs demo bench clean

help:
	@printf '%s\n' \
	  'make demo            run docs/examples/demo.yml against the local emulator (no account needed)' \
	  'make test            run all the checks below, the support matrix included; fails if any fails' \
	  'make quick           lint, unit tests and a smoke integration test on the default ansible-core' \
	  '' \
	  'make venv            create/refresh .venv (reinstalls only when a requirements file changed)' \
	  'make link            build/link: a collection path where alicloud.live is this checkout' \
	  'make doc             ansible-doc in this checkout: prints how (make doc MODULE=live_record_vod_config shows one)' \
	  'make units           unit tests on the default ansible-core 2.19 (nox units-2.19)' \
	  'make integration     the whole integration suite on the default ansible-core 2.19 (nox integration-2.19)' \
	  'make matrix          unit tests and the integration subset on ansible-core 2.16 and 2.21 (noxfile.py)' \
	  'make sanity          ansible-test sanity on ansible-core 2.16 and 2.21, every Python found (nox sanity-*)' \
	  'make molecule        molecule test of the record_vod role against the emulator' \
	  'make lint            ansible-lint, production profile' \
	  'make docs-lint       antsibull-docs lint-collection-docs (nox docs-check)' \
	  'make changelog-lint  antsibull-changelog lint' \
	  'make build           build the collection tarball, check it, install it, ansible-doc each module' \
	  'make importer        build and galaxy-importer, as Galaxy and Automation Hub on upload (nox build-import-check)' \
	  'make ee              ansible-builder create on docs/examples/execution-environment.yml' \
	  'make docs            build the HTML documentation site into docs/build/' \
	  'make changelog-release  write the release section of changelogs/changelog.yaml for galaxy.yml'"'"'s version' \
	  'make bench           loop of the single module vs the resource module (not part of make test)' \
	  'make clean           remove virtual environments and everything generated' \
	  '' \
	  'One nox session by hand: .venv-nox/bin/nox -l, then .venv-nox/bin/nox -R -s units-2.21 -- -k credentials'

# --- virtual environments -------------------------------------------------------------

nox: $(NOX_STAMP)

# pip installs uv alone (one wheel), and uv the rest: pip's resolver would take minutes.
$(NOX_STAMP): tests/requirements-nox.txt
	rm -rf $(NOX_VENV)
	$(PYTHON) -m venv $(NOX_VENV)
	$(NOX_VENV)/bin/python -m pip install --quiet --disable-pip-version-check "$$(grep -E '^uv[<>=]' tests/requirements-nox.txt)"
	$(UV) pip install --quiet --python $(NOX_VENV)/bin/python --requirement tests/requirements-nox.txt
	touch $@

venv: $(STAMP)

# uv builds .venv from its cache in seconds; --seed puts pip in it for the stages that call pip.
$(STAMP): $(REQUIREMENTS) | $(NOX_STAMP)
	test -x $(BIN)/python || $(UV) venv --quiet --seed --python $(PYTHON) $(VENV)
	$(UV) pip install --quiet --python $(BIN)/python --requirement tests/requirements-tools.txt
	touch $@

link:
	@mkdir -p $(dir $(LINK))
	@ln -sfn $(ROOT) $(LINK)

# ansible-doc finds the collection through a collection path: build/link holds this checkout.
MODULE ?=
doc: venv link
	@if [ -n "$(MODULE)" ]; then \
	  env ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) $(BIN)/ansible-doc "alicloud.live.$(MODULE)"; \
	else \
	  echo 'ansible-doc sees this checkout through build/link:'; \
	  echo '  ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) .venv/bin/ansible-doc alicloud.live.<module>'; \
	  echo '  or: make doc MODULE=<module>        (modules: $(MODULES))'; \
	fi

# --- the whole pipeline -----------------------------------------------------------------

# Three lanes run side by side, each one stage after another (tests/utils/run_stages.py says why):
# sanity, the longest single-threaded stage; the default release's tests; the linters, the
# matrix, molecule, packaging, docs and the demo. Together they ask for more CPU than two cores
# give: the last two lanes yield (they run at a lower CPU priority), so that sanity gets a whole
# core and does not end last. Every stage runs even after a failure; each stage's output is
# printed whole when it ends, then a table of when each started, how long it took and its CPU
# time, with the load average. A stage that hangs is stopped after STAGE_TIMEOUT seconds and
# counts as failed, so the report still comes.
STAGE_TIMEOUT ?= 1500
TEST_LANE_1 := sanity
TEST_LANE_2 := units integration
TEST_LANE_3 := changelog-lint docs-lint lint matrix molecule build ee importer docs demo
test:
	@printf '\n===== make venv nox link =====\n'
	@$(MAKE) --no-print-directory venv nox link
	@# ee builds the tarball again unless it is told that the build stage has just made it.
	env EE_USE_BUILT=1 $(PYTHON) tests/utils/run_stages.py --timeout $(STAGE_TIMEOUT) \
	  --lane '$(TEST_LANE_1)' --yielding-lane '$(TEST_LANE_2)' --yielding-lane '$(TEST_LANE_3)'

# The quick loop while working: lint, unit tests and one end-to-end smoke run, default ansible-core.
quick: venv nox link
	@start=$$SECONDS; \
	$(MAKE) --no-print-directory lint; \
	$(NOX_RUN) -s units-2.19 smoke; \
	echo "make quick: $$((SECONDS - start)) s (load $$(cut -d' ' -f1-3 /proc/loadavg))"

# --- tests (noxfile.py) -------------------------------------------------------------------

# pytest exits 5 when it collected no test: nox and make treat that as the failure it is.
units: nox
	$(NOX_RUN) -s units-2.19 -- $(PYTEST_ARGS)

integration: nox
	$(NOX_RUN) -s integration-2.19 -- $(PYTEST_ARGS)

# The oldest and the newest ansible-core: every unit test, and the integration tests marked
# @pytest.mark.matrix. Why that subset: what differs between ansible-core releases is how Ansible
# loads and runs the collection (module and action plugin loading, argument specs, module_defaults
# and action groups, role argument specs, no_log and diff output, inventory plugins), not the API
# logic, which the whole suite covers on the default release. So the subset runs each kind of
# content once, the way users run it: each module's create, rerun and delete (and the info
# modules' paging), check and diff mode through ansible-playbook, the action group, the record_vod
# role with its callbacks, every credential source (profiles, credentials file, RAM role, ECS
# instance role, OIDC, external command), the callback key's secrecy, and the inventory plugin.
# A new module, plugin or credential source marks one of its tests; a parametrized test marks one case.
matrix: nox
	$(NOX_RUN) -s units-2.16 integration-2.16 units-2.21 integration-2.21 -- $(PYTEST_ARGS)

smoke: nox
	$(NOX_RUN) -s smoke -- $(PYTEST_ARGS)

sanity: nox
	$(NOX_RUN) -s sanity-2.16 sanity-2.21

docs-lint: nox
	$(NOX_RUN) -s docs-check

# galaxy-importer checks the tarball as Galaxy and Automation Hub do on upload (docs, roles,
# ansible-lint), offline and without ansible-test (tests/galaxy-importer.cfg), in a session of
# its own (it pins attrs below what nox needs). The session only warns about the importer's
# ERROR lines: any WARNING or ERROR line in its log fails the stage here.
IMPORTER_LOG := $(BUILD)/importer.log
importer: nox
	@mkdir -p $(BUILD)
	$(NOX_RUN) -v -s build-import-check 2>&1 | tee $(IMPORTER_LOG)
	@grep -q 'Importer processing completed successfully' $(IMPORTER_LOG)
	@if grep -E '^\s*(WARNING|ERROR|CRITICAL)[: ]' $(IMPORTER_LOG) | grep -v 'Location'; then \
	  echo 'galaxy-importer reported the problems above' >&2; exit 1; fi

# The role's scenario (extensions/molecule/record_vod) against a throwaway emulator; the
# modules find it through the environment, as they find an AWX credential.
# molecule looks for a "default" scenario first and, finding none, logs a CRITICAL line that
# ends nothing (it goes on with record_vod): that one line is left out.
molecule: venv link
	$(call tool_env,$(BIN)) ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) ANSIBLE_NOCOLOR=1 NO_COLOR=1 \
	  $(BIN)/alicloud-live-emulator -- $(BIN)/molecule test -s record_vod 2>&1 \
	  | grep --line-buffered -v "^CRITICAL 'extensions/molecule/default/molecule.yml' glob failed"

# --- linters ----------------------------------------------------------------------------

lint: venv link
	env PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH=$(LINK_ROOT) $(BIN)/ansible-lint

changelog-lint: venv
	$(BIN)/antsibull-changelog lint
	$(BIN)/antsibull-changelog lint-changelog-yaml --strict changelogs/changelog.yaml

# The release section of changelogs/changelog.yaml for the version in galaxy.yml, from the
# fragments (which it then removes). Run once per release, when every fragment is in.
changelog-release: venv
	env PATH="$(BIN):$$PATH" $(BIN)/antsibull-changelog release --version "$$($(BIN)/python -c 'import yaml; print(yaml.safe_load(open("galaxy.yml"))["version"])')"
	$(BIN)/antsibull-changelog lint-changelog-yaml --strict changelogs/changelog.yaml

# --- packaging --------------------------------------------------------------------------

build: venv
	rm -rf $(DIST) $(INSTALL_ROOT)
	$(BIN)/ansible-galaxy collection build --output-path $(DIST) .
	@tarball=$$(ls $(DIST)/alicloud-live-*.tar.gz); \
	tar -tzf "$$tarball" | sed 's|^\./||' > $(DIST)/contents.txt; \
	if grep -E '^(emulator|\.venv[^/]*|\.nox|noxfile\.py|antsibull-nox\.toml|\.git|\.ci|\.ansible|\.pytest_cache|\.hypothesis|\.mypy_cache|\.ruff_cache|\.tox|collections|build|dist|docs/build|tests/output)(/|$$)|(^|/)__pycache__(/|$$)|\.pyc$$|\.tar\.gz$$|\.plugin-cache\.yaml$$' $(DIST)/contents.txt; then \
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
	@for plugin in $(INVENTORY_PLUGINS); do \
	  echo "ansible-doc -t inventory alicloud.live.$$plugin"; \
	  env ANSIBLE_NOCOLOR=1 ANSIBLE_COLLECTIONS_PATH=$(INSTALL_ROOT) $(BIN)/ansible-doc -t inventory "alicloud.live.$$plugin" > $(DIST)/inventory-$$plugin.txt; \
	  grep -q '^EXAMPLES' $(DIST)/inventory-$$plugin.txt || { echo "alicloud.live.$$plugin has no examples" >&2; exit 1; }; \
	  head -n 1 $(DIST)/inventory-$$plugin.txt; \
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

# make test's lanes run build just before (EE_USE_BUILT); alone, ee builds the tarball first.
ee: $(if $(EE_USE_BUILT),venv,build)
	@ls $(DIST)/alicloud-live-*.tar.gz > /dev/null
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
	  "nitpick_ignore = [('std:ref', 'common_return_values'), ('std:ref', 'ansible_configuration_settings'), ('std:ref', 'action_plugins')]" \
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
	rm -rf $(VENV) $(NOX_VENV) .venv-oldest .nox $(BUILD) docs/build collections .ansible tests/output .pytest_cache .hypothesis \
	  changelogs/.plugin-cache.yaml
	find . -path ./.git -prune -o -name __pycache__ -type d -exec rm -rf {} +
