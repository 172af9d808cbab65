"""One partnership's data as JSON, and back: for moving a partnership to another
installation, or keeping a readable copy beside the database backups (see README, "Backups").

The file holds the partnership, its members' user accounts (with password hashes: keep the
file as safe as the database), plans, priorities, themes, sub-groups, workplans, actions, BRAG
updates, annual reports with their sign-offs and dates sent, and the lead partners. The change
history is not included; `pg_dump` keeps everything.
Loading refuses to overwrite: every object must be new to the database it goes into, and
either the whole file goes in or nothing does.
"""

import datetime
import json
from collections import Counter

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.db import connection, transaction

from plans import data_stamp
from plans.models import (
    BragDefinition,
    BusinessPlan,
    CrossCuttingTheme,
    LeadPartner,
    Membership,
    Partnership,
    Person,
    Priority,
)
from reports.models import AnnualReport, Dispatch, ReportSection, ReportSectionSetting, SignOff
from subgroups.models import Action, ActionUpdate, SubGroup, Workplan

FORMAT_VERSION = 1
USER_FIELDS = ["password", "last_login", "username", "first_name", "last_name", "email", "is_active", "date_joined"]

# In the order they can be loaded: each model only points at models above it.
PARTNERSHIP_MODELS = [
    (Partnership, "pk"),
    (Membership, "partnership"),
    (Person, "partnership"),
    (LeadPartner, "partnership"),
    (BusinessPlan, "partnership"),
    (BragDefinition, "plan__partnership"),
    (Priority, "plan__partnership"),
    (CrossCuttingTheme, "plan__partnership"),
    (SubGroup, "partnership"),
    (Workplan, "subgroup__partnership"),
    (Action, "workplan__subgroup__partnership"),
    (ActionUpdate, "action__workplan__subgroup__partnership"),
    (AnnualReport, "partnership"),
    (ReportSection, "report__partnership"),
    (SignOff, "report__partnership"),
    (Dispatch, "report__partnership"),
    (ReportSectionSetting, "report__partnership"),
]


def _user_ids(model, queryset) -> set[int]:
    """The ids of every user the rows point at (memberships, leads, authors, publishers)."""
    User = get_user_model()
    ids = set()
    for field in model._meta.get_fields():
        if getattr(field, "related_model", None) is User and (field.many_to_one or field.many_to_many) and field.concrete:
            ids.update(value for value in queryset.values_list(field.name, flat=True) if value)
    return ids


class _ExactJSONEncoder(serializers.json.DjangoJSONEncoder):
    """Django's encoder, but with times to the microsecond (it keeps milliseconds), so a
    partnership exported, imported and exported again reads the same."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def export_partnership(partnership) -> str:
    objects, user_ids = [], set()
    for model, path in PARTNERSHIP_MODELS:
        queryset = model.objects.filter(**{path: partnership.pk}).order_by("pk")
        rows = serializers.serialize("python", queryset)
        for row in rows:
            # A cache key of this database (plans.data_stamp), not the partnership's data.
            row["fields"].pop("data_stamp", None)
        objects += rows
        user_ids |= _user_ids(model, queryset)
    users = get_user_model().objects.filter(pk__in=user_ids).order_by("pk")
    objects = serializers.serialize("python", users, fields=USER_FIELDS) + objects
    document = {"format": FORMAT_VERSION, "partnership": partnership.slug, "objects": objects}
    return json.dumps(document, cls=_ExactJSONEncoder, indent=1, ensure_ascii=False)


@transaction.atomic
def import_partnership(text: str) -> Counter:
    """Load a file made by `export_partnership`; returns how many of each kind went in."""
    try:
        document = json.loads(text)
        objects = list(serializers.deserialize("python", document["objects"]))
    except (ValueError, KeyError, TypeError, serializers.base.DeserializationError) as error:
        raise ValidationError(f"This is not a partnership export: {error}") from error
    if document.get("format") != FORMAT_VERSION:
        raise ValidationError(f"Unknown export format {document.get('format')!r}.")
    if Partnership.objects.filter(slug=document.get("partnership")).exists():
        raise ValidationError(f'The partnership "{document["partnership"]}" is already here.')
    clashes = Counter(
        item.object._meta.verbose_name_plural
        for item in objects
        if type(item.object)._default_manager.filter(pk=item.object.pk).exists()
    )
    if clashes:
        listed = ", ".join(f"{count} {name}" for name, count in sorted(clashes.items()))
        raise ValidationError(f"Nothing was loaded: the database already holds {listed} with the same ids.")
    loaded = Counter()
    for item in objects:
        item.save()
        loaded[item.object._meta.verbose_name_plural] += 1
    models = {type(item.object) for item in objects}
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
    # Loaded rows are saved raw, which the data stamp's receivers pass over: a new stamp for
    # the partnership once everything is in (plans.data_stamp).
    data_stamp.bump(slug=document["partnership"])
    return loaded
