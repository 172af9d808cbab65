from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mscp.backup import import_partnership


class Command(BaseCommand):
    help = "Load a partnership written by export_partnership. All of it goes in, or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON file made by export_partnership.")

    def handle(self, *args, file, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                loaded = import_partnership(handle.read())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        summary = ", ".join(f"{count} {name}" for name, count in loaded.items())
        self.stdout.write(f"Loaded {summary}.")
