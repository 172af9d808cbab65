"""The migrations make the tables the models describe. The test databases are made from the
models directly (pytest.ini: --no-migrations), so this is where a model change without its
migration is caught."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.mark.django_db
@override_settings(MIGRATION_MODULES={})
def test_every_model_change_has_its_migration():
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
    except SystemExit:
        pytest.fail(f"A model change has no migration (run manage.py makemigrations):\n{output.getvalue()}")
    assert "No changes detected" in output.getvalue()
