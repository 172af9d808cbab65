"""Changes to a partnership's plans and people.

Priorities and themes can be added mid-plan (Medway added one in September 2022), dated so
that reports "as at" earlier dates leave them out. The BSU manages who belongs to the
partnership, and in which role, through the membership functions below.
"""

import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, RestrictedError

from plans.models import (
    BusinessPlan,
    CrossCuttingTheme,
    LeadPartner,
    Membership,
    Partnership,
    Person,
    Priority,
    last_changed_by,
    name_key,
    normalise_name,
)
from plans.text import with_lf_newlines


def _check_added_on(plan: BusinessPlan, added_on) -> None:
    if not plan.period_start <= added_on <= plan.period_end:
        raise ValidationError(
            {
                "added_on": (
                    f"The date added must fall within the plan, {plan.period_start:%-d %B %Y} "
                    f"to {plan.period_end:%-d %B %Y}."
                )
            }
        )


@transaction.atomic
def plan_add_priority(*, plan: BusinessPlan, title: str, focus: str, added_on) -> Priority:
    """Add a priority numbered after the plan's last one."""
    _check_added_on(plan, added_on)
    last = plan.priorities.aggregate(last=Max("number"))["last"] or 0
    priority = Priority(plan=plan, number=last + 1, title=title, focus=focus, added_on=added_on)
    priority.full_clean()
    priority.save()
    return priority


@transaction.atomic
def plan_add_theme(*, plan: BusinessPlan, title: str, description: str, added_on) -> CrossCuttingTheme:
    """Add a cross-cutting theme after the plan's existing ones."""
    _check_added_on(plan, added_on)
    last = plan.themes.aggregate(last=Max("position"))["last"] or 0
    theme = CrossCuttingTheme(
        plan=plan, title=title, description=description, added_on=added_on, position=last + 1
    )
    theme.full_clean()
    theme.save()
    return theme


# People: who belongs to a partnership, in which role. The BSU manages its own partnership's
# people here; a partnership always keeps at least one BSU member, so someone can.

NO_BSU_LEFT = (
    "The partnership must keep at least one Business Support Unit member: give someone else "
    "that role first."
)


def _keeps_a_bsu(partnership, *, without: Membership) -> bool:
    """Whether the partnership still has a BSU member other than `without` (rows locked,
    so two BSU members cannot remove each other at the same moment)."""
    others = Membership.objects.select_for_update().filter(
        partnership=partnership, role=Membership.Role.BSU
    )
    return others.exclude(pk=without.pk).exists()


def attributed(instance, by):
    """Record `by` as the author of the change in the history (as the request middleware does
    for pages), whoever calls the service."""
    instance._history_user = by
    return instance


def stale_edit_message(thing: str) -> str:
    """The usual refusal of a stale edit of a `thing` ("record", "review"), for
    `refuse_stale_edit`: who changed it, that nothing was saved and the input is kept."""
    return (
        f"{{who}} changed this {thing} while you were editing it. Nothing has been saved: your "
        f"input is still in the form; check it against the {thing} as it is now and save again "
        "to apply it."
    )


def stale_removal_message(thing: str) -> str:
    """The refusal of a removal asked for an older version of a `thing`: who changed it since
    the question was asked, that nothing was removed, and what to do."""
    return (
        f"{{who}} changed this {thing} after you were asked whether to remove it. Nothing has been "
        f"removed: check the {thing} as it is now, shown below, and remove it again if you still mean to."
    )


def refuse_stale_edit(current, expected_version: int, message: str) -> None:
    """Refuse an edit made to an older version of `current` (someone saved it since the editor
    loaded `expected_version`): a ValidationError with `message`, whose "{who}" names who
    saved it last (by its history). Every versioned record's service refuses this way."""
    if current.version != expected_version:
        raise ValidationError(message.format(who=last_changed_by(current)))


def same_value(old, new) -> bool:
    """Whether two values of a column are the same to a person: text kept with CR LF line
    breaks (as browsers sent them before plans.forms.Textarea) is the same text with LF."""
    if isinstance(old, str) and isinstance(new, str):
        return with_lf_newlines(old) == with_lf_newlines(new)
    return old == new


def edit_changes_nothing(current, fields: dict, links: dict | None = None) -> bool:
    """Whether an edit setting `fields` (column: value) and `links` (many-to-many field: the
    rows it is to hold) on `current` would leave it as it is. Such an edit is not saved: the
    version stays, so no history record says it changed and nobody editing it meanwhile is
    refused; the page says there was nothing to save."""
    if not all(same_value(getattr(current, name), value) for name, value in fields.items()):
        return False
    return all(
        {row.pk for row in rows} == set(getattr(current, name).values_list("pk", flat=True))
        for name, rows in (links or {}).items()
    )


@transaction.atomic
def membership_add(
    *, partnership: Partnership, username: str, first_name: str, last_name: str, email: str,
    role: str, by,
) -> tuple[Membership, bool]:
    """Give a person `role` in the partnership; returns the membership and whether a new
    account was made.

    A new username makes a new account with no password (the person sets one from the link
    they are sent). An existing username is added only when `email` is that account's own
    address, so a BSU cannot pull a stranger's account in by guessing a username; the
    account's name and email are left as they are. Refuses, by field, someone who is
    already a member.
    """
    User = get_user_model()
    user = User.objects.filter(username__iexact=username).first()
    created = user is None
    if created:
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        user.set_unusable_password()
        user.full_clean()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError as error:  # someone took the username a moment ago
            raise ValidationError({"username": f"The username {username} is taken."}) from error
    elif not user.email or user.email.lower() != email.lower() or not user.is_active:
        raise ValidationError(
            {
                "username": (
                    f"The username {username} is taken. Choose another for a new account, or, "
                    "to add that person's existing account, give the email address it uses."
                )
            }
        )
    elif Membership.objects.filter(partnership=partnership, user=user).exists():
        raise ValidationError({"username": f"{username} is already a member of {partnership}."})
    membership = attributed(Membership(partnership=partnership, user=user, role=role), by)
    membership.full_clean()
    membership.save()
    return membership, created


@transaction.atomic
def membership_change_role(*, membership: Membership, role: str, by) -> Membership:
    """Give the member another role, unless that would leave the partnership without a BSU."""
    if role not in Membership.Role.values:
        raise ValidationError({"role": "Choose a role."})
    if (
        membership.role == Membership.Role.BSU
        and role != Membership.Role.BSU
        and not _keeps_a_bsu(membership.partnership_id, without=membership)
    ):
        raise ValidationError({"role": NO_BSU_LEFT})
    membership.role = role
    attributed(membership, by).save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    """Take the person out of the partnership: they no longer see it, and no longer lead its
    sub-groups. Their account, and everything they wrote, stays. Refused when they are the
    partnership's last BSU member."""
    if membership.role == Membership.Role.BSU and not _keeps_a_bsu(
        membership.partnership_id, without=membership
    ):
        raise ValidationError(NO_BSU_LEFT)
    user = membership.user
    user.led_subgroups.remove(*user.led_subgroups.filter(partnership=membership.partnership_id))
    attributed(membership, by).delete()


# The directory: the people who lead actions and give updates, most of them without a login.

PERSON_FIELDS = ["name", "role", "agency", "email", "user"]


def _person_errors(*, partnership, name: str, user, exclude_pk=None) -> dict[str, list[str]]:
    """Why a person cannot be saved as `name` with `user` in the partnership's directory."""
    errors: dict[str, list[str]] = {}
    others = Person.objects.filter(partnership=partnership).exclude(pk=exclude_pk)
    if not normalise_name(name):
        errors["name"] = ["Enter their name or post."]
    elif (twin := others.filter(name__iexact=normalise_name(name)).first()) is not None:
        errors["name"] = [f"{twin.name} is already in the directory."]
    if user is not None:
        if not Membership.objects.filter(partnership=partnership, user=user).exists():
            errors["user"] = ["Choose an account of this partnership's members."]
        elif (holder := others.filter(user=user).first()) is not None:
            errors["user"] = [f"That account is already linked to {holder.name}."]
    return errors


@transaction.atomic
def person_create(*, partnership: Partnership, by, name: str, role: str = "", agency: str = "",
                  email: str = "", user=None) -> Person:
    """Add someone to the partnership's directory. Refused, by field, when the name (case and
    spacing ignored) is taken or the account is not a member's or is linked to someone else."""
    if errors := _person_errors(partnership=partnership, name=name, user=user):
        raise ValidationError(errors)
    person = attributed(
        Person(partnership=partnership, name=normalise_name(name), role=role, agency=agency, email=email, user=user),
        by,
    )
    person.full_clean(validate_constraints=False)
    person.save()
    return person


STALE_PERSON_EDIT = (
    "{who} changed this person while you were editing. Nothing has been saved: your input is "
    "still in the form; check it against the directory and save again to apply it."
)


@transaction.atomic
def person_edit(*, person: Person, expected_version: int, fields: dict, by) -> Person:
    """Save a change to someone's entry, unless someone else saved it since the editor loaded
    `expected_version`: then refuse, naming who, and change nothing."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    refuse_stale_edit(current, expected_version, STALE_PERSON_EDIT)
    values = {name: fields.get(name, getattr(current, name)) for name in PERSON_FIELDS}
    if errors := _person_errors(
        partnership=current.partnership_id, name=values["name"], user=values["user"], exclude_pk=current.pk
    ):
        raise ValidationError(errors)
    if edit_changes_nothing(current, values):
        return current
    for name, value in values.items():
        setattr(current, name, value)
    current.version += 1
    current.full_clean(validate_constraints=False)
    attributed(current, by).save()
    return current


def person_in_use(person: Person) -> str | None:
    """Why `person` cannot be removed from the directory (they lead actions or gave updates),
    or None."""
    led = person.led_actions.count()
    reported = person.reported_updates.count()
    if not (led or reported):
        return None
    uses = [
        f"leads {led} action{'' if led == 1 else 's'}" if led else "",
        f"gave {reported} update{'' if reported == 1 else 's'}" if reported else "",
    ]
    return (
        f"{person.name} {' and '.join(use for use in uses if use)}, so cannot be removed: change "
        "those actions' leads first, or merge this person into another."
    )


@transaction.atomic
def person_remove(*, person: Person, by) -> None:
    """Take someone out of the directory: refused while they lead actions or gave updates."""
    current = Person.objects.select_for_update().get(pk=person.pk)
    if refusal := person_in_use(current):
        raise ValidationError(refusal)
    attributed(current, by).delete()


@transaction.atomic
def person_merge(*, person: Person, into: Person, by) -> Person:
    """Merge a duplicate entry into `into` (of the same partnership): the actions `person`
    leads are led by `into`, the updates they gave say `into` gave them, `into` takes their
    account if it has none, and `person` leaves the directory. The updates' words, ratings
    and dates are untouched: only who the duplicate entry was."""
    if into.pk == person.pk or into.partnership_id != person.partnership_id:
        raise ValidationError({"into": ["Choose another person of this partnership's directory."]})
    current, target = (
        Person.objects.select_for_update().get(pk=pk) for pk in (person.pk, into.pk)
    )
    for action in current.led_actions.all():
        action.leads.add(target)
    current.led_actions.clear()
    # Updates are never edited through their model: only who gave them is re-pointed here.
    current.reported_updates.update(reported_by=target)
    user = current.user
    attributed(current, by).delete()
    if user is not None and target.user_id is None:
        target.user = user
        target.version += 1
        attributed(target, by).save(update_fields=["user", "version"])
    return target


def people_for_names(*, partnership: Partnership, names: list[str], by=None) -> list[Person]:
    """The directory's people named `names` (case and spacing ignored), in that order, adding
    those not yet in it."""
    wanted = {name_key(name): normalise_name(name) for name in names if normalise_name(name)}
    found = {
        name_key(person.name): person
        for person in Person.objects.filter(partnership=partnership)
        if name_key(person.name) in wanted
    }
    for key, name in wanted.items():
        if key not in found:
            found[key] = attributed(Person(partnership=partnership, name=name), by)
            found[key].save()
    return [found[key] for key in wanted]


# Lead safeguarding partners: the BSU sets them up; each signs off the annual report.

def _lead_partner_errors(*, partnership, organisation: str, exclude_pk=None) -> dict[str, list[str]]:
    twins = LeadPartner.objects.filter(partnership=partnership, organisation__iexact=organisation.strip())
    if (twin := twins.exclude(pk=exclude_pk).first()) is not None:
        return {"organisation": [f"{twin.organisation} is already a lead partner."]}
    return {}


@transaction.atomic
def lead_partner_add(*, partnership: Partnership, organisation: str, role: str, by) -> LeadPartner:
    """Add a lead safeguarding partner, after the others. Refused when the organisation
    (case ignored) is one already."""
    if errors := _lead_partner_errors(partnership=partnership, organisation=organisation):
        raise ValidationError(errors)
    last = LeadPartner.objects.filter(partnership=partnership).aggregate(last=Max("order"))["last"] or 0
    partner = attributed(
        LeadPartner(partnership=partnership, organisation=organisation.strip(), role=role.strip(), order=last + 1),
        by,
    )
    partner.full_clean(validate_constraints=False)
    partner.save()
    return partner


@transaction.atomic
def lead_partner_edit(*, partner: LeadPartner, expected_version: int, organisation: str, role: str, by) -> LeadPartner:
    """Change a lead partner's organisation or role, unless someone else saved it since the
    editor loaded `expected_version`: then refuse, naming who, and change nothing."""
    current = LeadPartner.objects.select_for_update().get(pk=partner.pk)
    refuse_stale_edit(current, expected_version, stale_edit_message("lead partner"))
    if errors := _lead_partner_errors(
        partnership=current.partnership_id, organisation=organisation, exclude_pk=current.pk
    ):
        raise ValidationError(errors)
    if edit_changes_nothing(current, {"organisation": organisation.strip(), "role": role.strip()}):
        return current
    current.organisation, current.role = organisation.strip(), role.strip()
    current.version += 1
    current.full_clean(validate_constraints=False)
    attributed(current, by).save()
    return current


def lead_partner_removal_refusal(partner: LeadPartner) -> str | None:
    """Why `partner` cannot be taken off the list, or None: once it has signed off an annual
    report, the sign-off keeps naming it (the reports' sign-offs, reached by their related
    name: this layer imports nothing above it)."""
    if partner.sign_offs.exists():
        return (
            f"{partner.organisation} has signed off an annual report, so cannot be removed: change "
            "its organisation or role instead."
        )
    return None


@transaction.atomic
def lead_partner_remove(*, partner: LeadPartner, expected_version: int, by) -> None:
    """Take a lead partner off the list, unless someone changed it since the BSU was asked
    (`expected_version`) or it has signed off a report (`lead_partner_removal_refusal`)."""
    current = LeadPartner.objects.select_for_update().get(pk=partner.pk)
    refuse_stale_edit(current, expected_version, stale_removal_message("lead partner"))
    if refusal := lead_partner_removal_refusal(current):
        raise ValidationError(refusal)
    try:
        attributed(current, by).delete()
    except RestrictedError as error:  # a sign-off recorded in the moment since (SQLite locks no row)
        raise ValidationError(lead_partner_removal_refusal(current)) from error


# The partnership's logo, for the annual report's cover. Only PNG and JPEG, read and written
# again by Pillow, so what is kept is an image and nothing else (no script in an SVG, nothing
# hidden after the picture); small enough for any cover.
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_SIDE = 4000
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}
LOGO_CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


def logo_checked(upload) -> tuple[bytes, str]:
    """The uploaded logo written again as a clean PNG or JPEG, and its extension; a
    ValidationError on "logo" saying what is wrong with anything else."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError({"logo": f"The logo must be smaller than {LOGO_MAX_BYTES // 1024 // 1024} MB."})
    not_an_image = ValidationError({"logo": "The logo must be a PNG or JPEG image."})
    try:
        with Image.open(upload) as image:
            if image.format not in LOGO_FORMATS:
                raise not_an_image
            if max(image.size) > LOGO_MAX_SIDE:
                raise ValidationError(
                    {"logo": f"The logo must be at most {LOGO_MAX_SIDE} pixels wide and high."}
                )
            image.load()
            extension = LOGO_FORMATS[image.format]
            clean = image.convert("RGBA" if extension == "png" else "RGB")
            buffer = io.BytesIO()
            clean.save(buffer, format=image.format)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise not_an_image from error
    return buffer.getvalue(), extension


@transaction.atomic
def partnership_set_logo(*, partnership: Partnership, upload, alt_text: str, by) -> Partnership:
    """Give the partnership `upload` as its logo (replacing any other), described by
    `alt_text`; with no upload, change the description of the logo it has."""
    alt_text = " ".join((alt_text or "").split())
    if upload is None and not partnership.logo:
        raise ValidationError({"logo": "Choose the logo to upload."})
    if not alt_text:
        raise ValidationError({"logo_alt": "Describe the logo, for example “Merton Safeguarding Children Partnership logo”."})
    partnership.logo_alt = alt_text
    if upload is not None:
        content, extension = logo_checked(upload)
        old = partnership.logo.name
        partnership.logo.save(f"{partnership.slug}-logo.{extension}", ContentFile(content), save=False)
        if old:
            # Only once the new logo is recorded: a failed save leaves the old one in place.
            transaction.on_commit(lambda: partnership.logo.storage.delete(old))
    partnership.full_clean()
    partnership.save(update_fields=["logo", "logo_alt"])
    return partnership


@transaction.atomic
def partnership_remove_logo(*, partnership: Partnership, by) -> Partnership:
    """Take the partnership's logo off its reports (and out of storage)."""
    old = partnership.logo.name
    partnership.logo, partnership.logo_alt = "", ""
    partnership.save(update_fields=["logo", "logo_alt"])
    if old:
        transaction.on_commit(lambda: partnership.logo.storage.delete(old))
    return partnership
