"""The review pages' cached figures, and the per-partnership data stamp that keeps them true.

`Partnership.data_stamp` changes, in the same transaction, with every write to a model that
feeds the dashboard, the exception report or a workplan: a receiver of post_save,
post_delete and m2m_changed for every model listed in `PATHS` (the actions, their updates,
themes and leads, workplans, sub-groups, priorities, themes, plans, people, lead partners),
so a save through a service, a form or the admin cannot forget it. The bulk writes, which send
no signals (bulk_create, bulk_update, QuerySet.update), call `bump` themselves.

Figures are cached in Django's default cache under the partnership, its stamp and every
parameter of what was computed (`cached`). The stamp is read with the plan at the start of the
request, before the figures: a write that lands in between leaves its newer figures under the
old stamp, which no later request asks for. Keys never hold a user: what is cached is the
same for everyone who may see the partnership.
"""

import hashlib

from django.apps import apps
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

# How each model reaches its partnership: the lookup from Partnership to the model's
# foreign key column (None: the model is the partnership), and that column.
PATHS = {
    "plans.partnership": ("pk", "pk"),
    "plans.businessplan": ("pk", "partnership_id"),
    "plans.priority": ("plans", "plan_id"),
    "plans.crosscuttingtheme": ("plans", "plan_id"),
    "plans.bragdefinition": ("plans", "plan_id"),
    "plans.person": ("pk", "partnership_id"),
    "plans.leadpartner": ("pk", "partnership_id"),
    "subgroups.subgroup": ("pk", "partnership_id"),
    "subgroups.workplan": ("subgroups", "subgroup_id"),
    "subgroups.action": ("subgroups__workplans", "workplan_id"),
    "subgroups.actionupdate": ("subgroups__workplans__actions", "action_id"),
}

TIMEOUT = 60 * 60


def bump(**lookup) -> None:
    """A new stamp for the partnerships matching `lookup` (Partnership lookups: `pk=3`,
    `plans=plan_id`, `subgroups__workplans__actions__in=pks`): one statement."""
    from plans.models import Partnership, new_data_stamp

    Partnership.objects.filter(**lookup).update(data_stamp=new_data_stamp())


def bump_for(instance) -> None:
    path = PATHS.get(instance._meta.label_lower)
    if path is None or type(instance) is not apps.get_model(instance._meta.label_lower):
        # Not a figure's model, or a migration's historical copy of one (a data migration
        # linking leads sends m2m_changed too), whose database may predate the stamp.
        return
    lookup, column = path
    value = getattr(instance, column, None)
    if value is not None:
        bump(**{lookup: value})


def cached(partnership, name: str, parts, compute):
    """`compute()`, kept under the partnership's id and data stamp, `name` and `parts` (every
    parameter the result depends on, as text-able values)."""
    digest = hashlib.sha256(repr([str(part) for part in parts]).encode()).hexdigest()
    key = f"review:{partnership.pk}:{partnership.data_stamp}:{name}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:
        bump_for(instance)


def _deleted(sender, instance, **kwargs):
    bump_for(instance)


def _linked(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        bump_for(instance)


def connect() -> None:
    """Called once the apps are loaded. Each model is connected by name (so other models keep
    Django's fast deletes, and this bottom layer imports no upper app)."""
    for label in PATHS:
        model = apps.get_model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"data_stamp_saved_{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"data_stamp_deleted_{label}")
    m2m_changed.connect(_linked, dispatch_uid="data_stamp_linked")
