# The two commands a new user needs:  make run  and  make test  (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install system-deps frontend demo serve migrate worker scheduler

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
	@echo "  Sign in as bsu, pei-lead, executive, viewer, scrutineer or medway-bsu"
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
## environment (SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, ...); see README "Deployment".
## Background work runs beside it, each scaled on its own (the Procfile lists all three):
## `make worker` on as many machines as the work needs, `make scheduler` on exactly one.
serve: install
	$(PY) manage.py check --deploy --fail-level WARNING
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) -m gunicorn --config mscp/gunicorn_conf.py mscp.wsgi

## make worker: a Celery worker running the background tasks (the reminder rounds) it takes
## from Redis (REDIS_URL); WORKER_CONCURRENCY processes, default 2
WORKER_CONCURRENCY ?= 2
worker: install
	@test -n "$$REDIS_URL$$CELERY_BROKER_URL" || { echo "Set REDIS_URL: the worker takes its tasks from Redis."; exit 1; }
	$(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/celery -A mscp worker --loglevel=INFO --concurrency=$(WORKER_CONCURRENCY)

## make scheduler: celery beat, which queues the reminder round on the hour through the working
## day (MSCP_REMINDER_HOURS, default 7-18) for the workers.
## Run exactly one (two would queue every round twice; the round would still send each
## reminder once). It keeps when it last queued each task in BEAT_SCHEDULE_FILE.
BEAT_SCHEDULE_FILE ?= celerybeat-schedule
scheduler: install
	@test -n "$$REDIS_URL$$CELERY_BROKER_URL" || { echo "Set REDIS_URL: the scheduler queues its tasks in Redis."; exit 1; }
	$(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/celery -A mscp beat --loglevel=INFO --schedule=$(BEAT_SCHEDULE_FILE)
