# The two commands of the README: `make run` and `make test`. Both install what they need first.
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test debian screenshots

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

# Debian's packages the tests use: Chromium for the browser tests and static chart export (kaleido), never a
# downloaded browser; PostgreSQL for the DuckLake tests, which start their own server on loopback; LibreOffice Calc,
# which recalculates the exported report forms in the tests as an official's desktop would; HAProxy, in front of
# `giamngheo serve --workers N` (sticky sessions), tested through it in Chromium.
debian:
	@{ command -v chromium && command -v soffice && ls /usr/lib/postgresql/*/bin/initdb /usr/sbin/haproxy; } >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core postgresql libreoffice-calc-nogui haproxy; }

run: $(VENV)/.installed
	$(VENV)/bin/giamngheo serve

test: $(VENV)/.installed debian
	$(PY) -m pytest -n 2
