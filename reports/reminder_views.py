"""The reminder pages: the BSU's schedule for its partnership, "My reminders" (what each
person chooses to receive) and the page an e-mail's "stop these reminders" link opens, which
needs no login (the link is signed) and changes nothing until its button is pressed, so that
a mail scanner following the link stops nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from plans.forms import add_service_errors
from plans.models import Partnership, Person
from plans.permissions import Editor
from reports.models import ReminderKind, ReminderSchedule
from reports.reminder_forms import ReminderPreferencesForm, ReminderScheduleForm
from reports.reminders import (
    person_address,
    reminder_preferences_save,
    reminder_schedule_save,
    reminder_unsubscribe,
    unsubscribe_token_read,
)


@require_http_methods(["GET", "POST"])
def reminder_schedule_view(request, partnership_pk):
    """When the partnership's leads are reminded: its BSU sets it; nobody else sees it."""
    partnership = get_object_or_404(Partnership.objects.visible_to(request.user), pk=partnership_pk)
    if not Editor.for_user(request.user).is_bsu(partnership.pk):
        raise PermissionDenied
    schedule = ReminderSchedule.objects.filter(partnership=partnership).first()
    # A partnership without a schedule is offered the defaults, to save as they are or change.
    form = ReminderScheduleForm(request.POST or None, schedule=schedule or ReminderSchedule(version=0))
    if request.method == "POST" and form.is_valid():
        try:
            reminder_schedule_save(
                partnership=partnership, expected_version=form.cleaned_data["version"] or 0,
                fields=form.service_fields(), by=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            form.data = form.data.copy()
            form.data["version"] = ReminderSchedule.objects.get(partnership=partnership).version
        else:
            messages.success(request, f"{partnership.short_name}'s reminder schedule saved.")
            return redirect("reports:reminder-schedule", partnership_pk=partnership.pk)
    return render(
        request, "reports/reminder_schedule.html",
        {"form": form, "partnership": partnership, "schedule": schedule},
    )


@require_http_methods(["GET", "POST"])
def my_reminders(request):
    """The reminders the signed-in person receives, for each partnership's directory that
    lists them: a form each, saved one at a time."""
    people = list(
        Person.objects.filter(user=request.user).select_related("partnership", "user", "reminder_preference")
        .order_by("partnership__name")
    )
    editor = Editor.for_user(request.user)
    entries = []
    for person in people:
        preference = getattr(person, "reminder_preference", None)
        chosen = sorted(preference.kinds) if preference else list(ReminderKind.values)
        posted = request.method == "POST" and request.POST.get("person") == str(person.pk)
        form = ReminderPreferencesForm(
            request.POST if posted else None, prefix=f"person-{person.pk}",
            initial={"kinds": chosen}, legend=f"Send me these reminders for {person.partnership.name}",
        )
        if posted and form.is_valid():
            reminder_preferences_save(person=person, kinds=set(form.cleaned_data["kinds"]), by=request.user)
            messages.success(request, f"Your reminder choices for {person.partnership.name} are saved.")
            return redirect("reports:my-reminders")
        entries.append({"person": person, "form": form, "address": person_address(person)})
    bsu_partnerships = [
        partnership for partnership in Partnership.objects.visible_to(request.user).order_by("name")
        if editor.is_bsu(partnership.pk)
    ]
    return render(
        request, "reports/my_reminders.html", {"entries": entries, "bsu_partnerships": bsu_partnerships}
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe_view(request, token):
    """Stop reminders from a message's link: the page says what will stop; the button stops it."""
    found = unsubscribe_token_read(token)
    if found is None:
        return render(request, "reports/reminder_unsubscribe.html", {"invalid": True}, status=404)
    person, kind = found
    done = None
    if request.method == "POST":
        stop_all = request.POST.get("stop") == "all"
        reminder_unsubscribe(person=person, kind=None if stop_all else kind)
        done = "all" if stop_all else "kind"
    return render(
        request, "reports/reminder_unsubscribe.html",
        {"person": person, "kind_label": ReminderKind(kind).label, "done": done},
    )
