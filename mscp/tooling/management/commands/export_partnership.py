from django.core.management.base import BaseCommand, CommandError

from mscp.backup import export_partnership
from plans.models import Partnership


class Command(BaseCommand):
    help = "Write one partnership's data as JSON (see README, Backups)."

    def add_arguments(self, parser):
        parser.add_argument("partnership", help='The partnership\'s short name in URLs, e.g. "merton".')
        parser.add_argument("--output", "-o", help="File to write (default: standard output).")

    def handle(self, *args, partnership, output, **options):
        try:
            found = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            known = ", ".join(Partnership.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(f'No partnership "{partnership}". Known: {known or "none"}.') from None
        text = export_partnership(found)
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stderr.write(f"Wrote {found.name} to {output}.")
        else:
            self.stdout.write(text)
