# The two commands a new user needs:  make run  and  make test  (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install system-deps frontend demo serve migrate

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: system-deps $(VENV)/.installed

system-deps:
	bash scripts/system_deps.sh

## .env: local development settings (DEBUG on, a generated SECRET_KEY, SQLite) that manage.py
## reads, so the README's commands work from the checkout; written only when there is none
.env:
	$(PY) -m mscp.env_file $@

## make run: set up everything and serve the demo at http://127.0.0.1:$(PORT). Again, it is
## quick and keeps everything people changed: nothing is reinstalled unless the requirements
## changed, and load_demo only creates what is missing (load_demo --reset restores the demo)
run: export DEBUG ?= 1
run: install .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "  Partnership Plan Tracker: http://$(HOST):$(PORT)/"
	@echo "  Sign in as bsu, pei-lead, executive, viewer or medway-bsu"
	@echo "  with the password $${DEMO_PASSWORD:-mscp-demo-2023}"
	@echo "  (what you change is kept when you run make run again;"
	@echo "  .venv/bin/python manage.py load_demo --reset restores the demo as shipped)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: the whole suite (SQLite by default, PostgreSQL when DATABASE_URL says so)
test: install
	bash scripts/system_deps.sh --test
	$(PY) -m pytest $(PYTEST_ARGS)

## make frontend: rebuild the vendored GOV.UK Frontend files from the npm package
frontend:
	bash scripts/build_frontend.sh

## make migrate: apply database migrations (run once per release, before `make serve`)
migrate: install
	$(PY) manage.py migrate --noinput

## make serve: the production server (gunicorn + whitenoise) on the settings in the
## environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, ...); see README "Deployment"
serve: install
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) -m gunicorn --config mscp/gunicorn_conf.py mscp.wsgi
