"""python manage.py import_workplan FILE --partnership merton --subgroup QAPR --year 2024-25
[--dry-run] [--as-at YYYY-MM-DD] [--without-ratings] [--without-themes]: the browser
import's service, from the command line."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from plans.models import Membership, Partnership
from subgroups.importing.parse import size_error
from subgroups.importing.services import ImportRefused, workplan_import_apply, workplan_import_plan
from subgroups.models import SubGroup


def as_at_date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f'--as-at: "{text}" is not a date such as 2025-03-31') from error


class Command(BaseCommand):
    help = (
        "Import a workplan from an XLSX or CSV file into a sub-group's workplan for a year. "
        "Prints what it did (or would do); on any error writes nothing and exits non-zero."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The XLSX or CSV file.")
        parser.add_argument("--partnership", required=True, help='The partnership\'s slug, e.g. "merton".')
        parser.add_argument("--subgroup", required=True, help='The sub-group\'s short name, e.g. "QAPR".')
        parser.add_argument("--year", required=True, help="The workplan year, e.g. 2024-25.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change; write nothing.")
        parser.add_argument(
            "--as-at", type=as_at_date, default=None,
            help="The date of the BRAG updates in the file (default today, within the plan).",
        )
        parser.add_argument(
            "--author", default=None,
            help="Username the updates are entered as (default: the partnership's first BSU member).",
        )
        parser.add_argument(
            "--without-ratings", action="store_true",
            help="Import a file that has no BRAG Rating & Update column (refused otherwise).",
        )
        parser.add_argument(
            "--without-themes", action="store_true",
            help="Import a file that has no Cross-Cutting Themes column (refused otherwise).",
        )

    def handle(self, *args, **options):
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            known = ", ".join(Partnership.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f'Unknown partnership "{options["partnership"]}" (known: {known}).')
        subgroup = SubGroup.objects.filter(
            partnership=partnership, short_name__iexact=options["subgroup"]
        ).first()
        if subgroup is None:
            known = ", ".join(partnership.subgroups.values_list("short_name", flat=True)) or "none"
            raise CommandError(f'Unknown sub-group "{options["subgroup"]}" in {partnership.name} (known: {known}).')
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if error := size_error(path.stat().st_size):
            raise CommandError(error)
        author = self.author(partnership, options["author"])
        try:
            result = workplan_import_plan(
                content=path.read_bytes(), subgroup=subgroup, year=options["year"], as_at=options["as_at"]
            )
            if result.errors:
                raise ImportRefused(result.errors)
            import_without = [
                key for key, flag in (("brag", "without_ratings"), ("themes", "without_themes")) if options[flag]
            ]
            if refusals := result.refusal_without(import_without):
                raise CommandError(self.missing_columns_message(refusals))
            self.report(result)
            if not options["dry_run"]:
                workplan_import_apply(result=result, author=author, import_without=import_without)
        except ImportRefused as refusal:
            errors = refusal.errors
            if len(errors) == 1:
                raise CommandError(f"Nothing imported: {errors[0]}") from refusal
            for error in errors:
                self.stderr.write(str(error))
            raise CommandError(f"Nothing imported: {len(errors)} errors (listed above).") from refusal
        if options["dry_run"]:
            self.stdout.write(f"Dry run, nothing written. Would import: {result.summary()}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {result.summary()}."))

    def author(self, partnership, username):
        users = get_user_model().objects
        if username:
            user = users.filter(username=username, memberships__partnership=partnership).first()
            if user is None:
                raise CommandError(f'No member of {partnership.name} is called "{username}".')
            return user
        user = (
            users.filter(memberships__partnership=partnership, memberships__role=Membership.Role.BSU)
            .order_by("pk")
            .first()
        )
        if user is None:
            raise CommandError(f"{partnership.name} has no BSU member to enter the updates as: use --author.")
        return user

    def missing_columns_message(self, refusals) -> str:
        flags = {"BRAG Rating & Update": "--without-ratings", "Cross-Cutting Themes": "--without-themes"}
        lines = [f"Nothing imported: {refusal.column}: {refusal.message}." for refusal in refusals]
        given = " and ".join(flags[refusal.column] for refusal in refusals)
        lines.append(
            "Head the column as the business plan does and run the command again, or, to import "
            f"without {'it' if len(refusals) == 1 else 'them'}, add {given}."
        )
        return "\n".join(lines)

    def report(self, result):
        for row in result.rows:
            line = f"row {row.number}: {row.kind} {row.label}"
            if row.changes:
                line += " (" + "; ".join(change.field for change in row.changes) + ")"
            self.stdout.write(line)
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"warning: {warning}"))
        for column in result.unread_data_columns:
            self.stdout.write(self.style.WARNING(f"warning: {column.not_imported}"))
        for label in result.missing_column_labels:
            self.stdout.write(self.style.WARNING(f"warning: no {label} column: imported without it, as asked"))
