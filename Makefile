# The two commands of the README: `make run` and `make test`. Both install what they need first.
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test chromium screenshots

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# Debian's Chromium, for the browser tests and for static chart export (kaleido); never a downloaded browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; }

run: $(VENV)/.installed
	$(VENV)/bin/giamngheo serve

test: $(VENV)/.installed chromium
	$(PY) -m pytest -n 2
