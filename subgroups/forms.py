"""Forms validate input; the services in subgroups/services.py apply the rules and save."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.utils import timezone

from plans.forms import DateInputField, Textarea, add_service_errors
from plans.models import NOT_RATED, RATING_CHOICES_WITH_NOT_RATED, Person, display_name
from plans.selectors import partnership_directory_choices, partnership_members
from subgroups.importing.parse import UnreadableFile, read_sheet, size_error
from plans.models import Priority
from subgroups.importing.services import ImportRefused, import_as_at_errors, plan_for_year
from subgroups.brag import plan_as_at
from subgroups.models import TEXT_LIMIT, Action, ActionUpdate, SubGroup
from subgroups.services import CARRY, CLOSE, LEAVE, UpdateConflict, UpdateRow, YearEndChoice


class ActionUpdateForm(forms.Form):
    """A dated BRAG update, or, ticked "Checked, no change", a check. `reporters` (BSU only) lists
    who the update can be recorded for. `seen` is the newest update when the form was
    opened, so one added meanwhile is shown rather than passed over."""

    rating = forms.ChoiceField(
        label="BRAG rating",
        choices=RATING_CHOICES_WITH_NOT_RATED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a BRAG rating."},
    )
    as_at = DateInputField(
        label="As at",
        help_text="The date the position was true, for example 31 3 2025.",
        require_all_fields=False,
    )
    narrative = forms.CharField(
        label="Update",
        widget=Textarea(attrs={"rows": 4}),
        required=False,
        max_length=TEXT_LIMIT,
        help_text="Progress since the last update. Red and Amber: why, and what is being done. "
        "Blue: the evidence of impact.",
    )
    reported_by = forms.ModelChoiceField(
        label="Reported by",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Me: I am giving this update",
        help_text="When you record an update someone gave you by email or in a meeting: anyone "
        "in the partnership's directory.",
    )
    # Ticked: the lead has checked the action and its position is as the latest update says.
    kind = forms.BooleanField(
        label="Checked, no change: the position is as the latest update says (the rating is "
        "kept, words are optional)",
        required=False,
    )
    seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, reporters=None, form_id="update-form", default_as_at=None, action=None, **kwargs):
        """`action`, annotated with `current_rating` and `newest_update_id`, starts the form
        at the action's current rating and notes the newest update it has."""
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("as_at", default_as_at or timezone.localdate())
        if action is not None:
            initial.setdefault("rating", action.current_rating or NOT_RATED)
            initial.setdefault("seen", action.newest_update_id or 0)
        # Several rows' forms can be open on one page: a prefix keeps their ids apart.
        kwargs.setdefault("prefix", form_id)
        super().__init__(*args, **kwargs)
        if reporters is None:
            del self.fields["reported_by"]
        else:
            self.fields["reported_by"].queryset = reporters
        self.helper = FormHelper()
        self.helper.form_id = form_id
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("rating", legend_size=Size.SMALL, small=True, inline=True),
            Field("as_at"),
            Field.checkbox("kind", small=True),
            Field.textarea("narrative", label_size=Size.SMALL),
            *([Field.select("reported_by")] if reporters is not None else []),
            "seen",
            Submit("save", "Save update", css_id=f"{form_id}-save"),
        )

    def clean_kind(self):
        return ActionUpdate.Kind.CHECK if self.cleaned_data["kind"] else ActionUpdate.Kind.UPDATE

    def clean_rating(self):
        rating = self.cleaned_data["rating"]
        return None if rating == NOT_RATED else rating

    def record_conflict(self, conflict) -> None:
        """After an `UpdateConflict`: keep the person's input, and take the update they have
        now been shown as seen, so saving again adds theirs."""
        self.data = self.data.copy()
        self.data[self.add_prefix("seen")] = conflict.newest.pk if conflict.newest else 0


class UpdateRowForm(ActionUpdateForm):
    """One action's row of a bulk update round: the single update's fields and rules, laid
    out to fit a row, each named for the action ("Rating for PEI 1.3"). A row is only submitted when its rating, words or tick were
    changed (`is_touched`): a date alone is not an update."""

    def __init__(self, *args, action, default_as_at, **kwargs):
        super().__init__(*args, action=action, form_id=f"row-{action.pk}", default_as_at=default_as_at, **kwargs)
        self.action = action
        name = action.reference or f"action {action.pk}"
        self.fields["rating"].widget = forms.Select(choices=self.fields["rating"].choices)
        self.fields["rating"].label = f"Rating for {name}"
        self.fields["as_at"].label = f"As at for {name}"
        self.fields["as_at"].help_text = ""
        self.fields["narrative"].label = f"Update for {name}"
        self.fields["narrative"].help_text = ""
        self.fields["narrative"].widget.attrs["rows"] = 3
        self.fields["kind"].label = f"Checked, no change for {name}"
        self.name = name
        self.helper = None

    # Each field's GOV.UK class, and the class that marks it wrong.
    ROW_FIELD_CLASSES = {
        "rating": ("govuk-select", "govuk-select--error"),
        "narrative": ("govuk-textarea", "govuk-textarea--error"),
        "kind": ("govuk-checkboxes__input", ""),
    }

    def mark_errors(self) -> None:
        """Style the fields as GOV.UK does (a wrong one marked), each message tied to its
        field for screen readers: call once the form's errors are final, before rendering."""
        for name, (css, error_css) in self.ROW_FIELD_CLASSES.items():
            attrs = self.fields[name].widget.attrs
            attrs["class"] = f"{css} {error_css}" if self.has_error(name) and error_css else css
            if self.has_error(name):
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"
        if self.has_error("as_at"):
            for widget in self.fields["as_at"].widget.widgets:
                widget.attrs["class"] += " govuk-input--error"

    @property
    def is_touched(self) -> bool:
        return self.is_bound and any(name in self.changed_data for name in ("rating", "narrative", "kind"))


class UpdateRoundForms:
    """The row forms of an update round, one per action of `rows` (annotated as
    `update_round_rows` leaves them), each starting at its action's current rating and its
    plan's reporting date. Only the rows changed are validated and passed on."""

    def __init__(self, rows, data=None):
        self.forms = [
            UpdateRowForm(data, action=row, default_as_at=plan_as_at(row.workplan.plan).as_at) for row in rows
        ]
        self.touched = [form for form in self.forms if form.is_touched]
        self._valid = [form for form in self.touched if form.is_valid()]

    def __iter__(self):
        return iter(self.forms)

    def __len__(self):
        return len(self.forms)

    def changed_rows(self) -> list[UpdateRow]:
        """What the service is given: each changed row that passed the form's checks."""
        return [UpdateRow(action=form.action, **form.cleaned_data) for form in self._valid]

    def show_refusals(self, refused: dict) -> None:
        """Put the service's refusals (by place in `changed_rows`) beside their rows' fields."""
        for index, error in refused.items():
            form = self._valid[index]
            add_service_errors(form, error)
            if isinstance(error, UpdateConflict):
                form.record_conflict(error)

    @property
    def needing_attention(self) -> list[UpdateRowForm]:
        return [form for form in self.touched if form.errors]

    def again(self, rows) -> "UpdateRoundForms":
        """The round as it now stands: fresh forms for `rows`, except the rows that need
        attention, which keep what was typed in them (shown against their action as it is now)."""
        kept = {form.action.pk: form for form in self.needing_attention}
        fresh = UpdateRoundForms(rows)
        for index, form in enumerate(fresh.forms):
            if form.action.pk in kept:
                kept[form.action.pk].action = form.action
                fresh.forms[index] = kept[form.action.pk]
        return fresh

    def mark_errors(self) -> None:
        for form in self.forms:
            form.mark_errors()


class ActionForm(forms.ModelForm):
    """The six workplan columns, reference, priority and due date of an action. `version` is
    the version the editor loaded, so a concurrent edit is noticed rather than overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    due_date = DateInputField(
        label="Due date",
        required=False,
        require_all_fields=False,
        help_text="The date behind the timeframe, for example 31 3 2025. Used to tell when "
        "the action is overdue.",
    )

    class Meta:
        model = Action
        fields = [
            "reference",
            "priority",
            "impact",
            "description",
            "themes",
            "leads",
            "timeframe",
            "due_date",
        ]
        widgets = {
            "impact": Textarea(attrs={"rows": 3}),
            "description": Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "leads": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, workplan, **kwargs):
        super().__init__(*args, **kwargs)
        plan = workplan.plan
        self.workplan = workplan
        self.fields["priority"].queryset = plan.priorities.all()
        self.fields["priority"].empty_label = "None: a core-function action"
        self.fields["themes"].queryset = plan.themes.all()
        self.fields["leads"].queryset = partnership_directory_choices(plan.partnership_id)
        self.fields["leads"].help_text = (
            "Who leads the action: choose everyone who does. Someone missing? Add them to the "
            "directory first."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("reference", field_width=10),
            Field.select("priority"),
            Field.textarea("impact"),
            Field.textarea("description"),
            Field.checkboxes("themes", small=True),
            Field.checkboxes("leads", small=True),
            Field.text("timeframe", field_width=20),
            Field("due_date"),
            "version",
            Submit("save", "Save action"),
        )

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        taken = self.workplan.actions.exclude(pk=self.instance.pk).filter(reference=reference)
        if reference and taken.exists():
            raise forms.ValidationError(f"{reference} is already used in this workplan.")
        return reference

    def _post_clean(self):
        # The service validates the model; here only the workplan is attached so that
        # uniqueness of the reference is checked against the right workplan.
        self.instance.workplan = self.workplan
        super()._post_clean()


class WorkplanImportForm(forms.Form):
    """The year and the spreadsheet to import. A file that cannot be read as a workplan table
    at all (not a spreadsheet, empty, too large, no Action column) is refused here, beside
    the field; row-by-row problems are listed on the preview."""

    year = forms.ChoiceField(
        label="Workplan year",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the year of the workplan."},
    )
    as_at = DateInputField(
        label="As at",
        help_text="The date the spreadsheet shows the position on, for example 31 3 2025. New "
        "actions are added on this date and its BRAG ratings recorded as at it, so pages as at "
        "earlier dates stay as they were.",
        require_all_fields=False,
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="An Excel workbook (.xlsx) or a CSV file, with a header row that includes "
        "Action. The first sheet is read.",
        error_messages={
            "required": "Choose the spreadsheet to import.",
            "empty": "The file is empty.",
        },
    )

    def __init__(self, *args, years: list[str], subgroup, **kwargs):
        super().__init__(*args, **kwargs)
        self.subgroup = subgroup
        self.fields["as_at"].error_messages["required"] = "Enter the date the spreadsheet shows the position on."
        self.fields["year"].choices = [(year, year) for year in years]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.radios("year", legend_size=Size.MEDIUM, inline=True),
            Field("as_at"),
            Field("file"),
            Submit("upload", "Upload and preview"),
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if error := size_error(upload.size):
            raise forms.ValidationError(error)
        content = upload.read()
        try:
            read_sheet(content)
        except UnreadableFile as error:
            raise forms.ValidationError(str(error)) from error
        self.cleaned_data["content"] = content
        return upload

    def clean(self):
        cleaned = super().clean()
        year, as_at = cleaned.get("year"), cleaned.get("as_at")
        if year and as_at:
            try:
                plan = plan_for_year(subgroup=self.subgroup, year=year)
            except ImportRefused as refusal:
                self.add_error("year", str(refusal))
            else:
                for message in import_as_at_errors(plan=plan, as_at=as_at):
                    self.add_error("as_at", message)
        return cleaned


class ImportConfirmForm(forms.Form):
    """Confirming an import. A file with no BRAG rating or themes column is imported only
    when the person ticks that they mean to go on without it."""

    WITHOUT = {
        "brag": ("Import without BRAG ratings", "BRAG Rating & Update"),
        "themes": ("Import without cross-cutting themes", "Cross-Cutting Themes"),
    }

    def __init__(self, *args, missing_columns: list[str], submit_label: str, **kwargs):
        super().__init__(*args, **kwargs)
        for key in missing_columns:
            label, column = self.WITHOUT[key]
            self.fields[f"without_{key}"] = forms.BooleanField(
                label=label,
                help_text=f"The file has no {column} column. Tick to import it anyway: its "
                f"actions are imported with no {'ratings' if key == 'brag' else 'themes'} "
                "from this file.",
                error_messages={
                    "required": f"Tick “{label}” to import this file without a {column} column, "
                    "or upload a file that has one.",
                },
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *(Field.checkbox(name) for name in self.fields),
            Submit("import", submit_label),
        )

    @property
    def import_without(self) -> list[str]:
        return [name.removeprefix("without_") for name in self.fields if self.cleaned_data.get(name)]

class SubGroupSettingsForm(forms.ModelForm):
    """A sub-group's settings, offering only its own partnership's plan priorities and
    members: a choice from another partnership is refused beside the field."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = SubGroup
        fields = ["name", "short_name", "remit", "chair", "members", "priorities", "leads"]
        labels = {
            "name": "Name",
            "short_name": "Short name",
            "remit": "Remit",
            "chair": "Chair",
            "members": "Members",
            "priorities": "Priorities covered",
            "leads": "Leads",
        }
        help_texts = {
            "short_name": 'For example "PEI". Used in action references and headings.',
            "chair": "The chair's name and role, as the annual report shows it.",
            "priorities": "The business plan priorities this sub-group delivers. None: it "
            "carries the partnership's core functions.",
            "leads": "Members who chair or lead the sub-group: as sub-group leads they edit "
            "its workplans' actions.",
        }
        error_messages = {
            "name": {"required": "Enter the sub-group's name."},
            "short_name": {"required": 'Enter a short name, for example "PEI".'},
        }
        widgets = {
            "remit": Textarea(attrs={"rows": 5}),
            "members": Textarea(attrs={"rows": 5}),
            "priorities": forms.CheckboxSelectMultiple,
            "leads": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partnership_id = self.instance.partnership_id
        self.fields["priorities"].queryset = Priority.objects.filter(
            plan__partnership_id=partnership_id
        ).select_related("plan").order_by("-plan__period_start", "number")
        if self.fields["priorities"].queryset.values("plan").distinct().count() > 1:
            self.fields["priorities"].label_from_instance = lambda p: f"{p.plan.title}: {p}"
        self.fields["leads"].queryset = partnership_members(partnership_id)
        self.fields["leads"].label_from_instance = display_name
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field.text("name"),
            Field.text("short_name", field_width=10),
            Field.textarea("remit"),
            Field.text("chair"),
            Field.textarea("members"),
            Field.checkboxes("priorities", legend_size=Size.SMALL, small=True),
            Field.checkboxes("leads", legend_size=Size.SMALL, small=True),
            "version",
            Submit("save", "Save settings"),
        )

    def _post_clean(self):
        # The service validates and saves the sub-group; the form only checks its input, so
        # the instance the view passes on is left unchanged until the save succeeds.
        pass


class YearEndForm(forms.Form):
    """One choice per incomplete action at a year end: carry it forward into `into_year`,
    close it as not achieved (with a reason), or leave it open. `refusals` maps an action's
    id to why it cannot be carried forward (shown beside its choice if chosen).

    Fields are named by action: choice-<id>, reason-<id> and version-<id> (the version the
    page was opened at, so a change made meanwhile is refused rather than overwritten)."""

    def __init__(self, data=None, *, actions, into_year: str, refusals: dict[int, str]):
        super().__init__(data)
        self.actions = list(actions)
        self.into_year = into_year
        self.refusals = refusals
        for action in self.actions:
            self.fields[f"choice-{action.pk}"] = forms.ChoiceField(
                label=f"What happens to {action}",
                choices=[
                    (CARRY, f"Carry forward into {into_year}"),
                    (CLOSE, "Close as not achieved"),
                    (LEAVE, "Leave open"),
                ],
                initial=LEAVE,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose what happens to {action}."},
            )
            self.fields[f"reason-{action.pk}"] = forms.CharField(
                label="Reason", required=False, max_length=TEXT_LIMIT, widget=Textarea(attrs={"rows": 2})
            )
            self.fields[f"version-{action.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=action.version, min_value=0
            )

    def clean(self):
        data = super().clean()
        for action in self.actions:
            choice = data.get(f"choice-{action.pk}")
            if choice == CLOSE and not (data.get(f"reason-{action.pk}") or "").strip():
                self.add_error(f"reason-{action.pk}", f"Say why {action} was not achieved.")
            if choice == CARRY and action.pk in self.refusals:
                self.add_error(f"choice-{action.pk}", self.refusals[action.pk])
        return data

    def rows(self) -> list[dict]:
        """Each action with its three fields, for the page and the preview."""
        return [
            {
                "action": action,
                "choice": self[f"choice-{action.pk}"],
                "reason": self[f"reason-{action.pk}"],
                "version": self[f"version-{action.pk}"],
                "refusal": self.refusals.get(action.pk, ""),
            }
            for action in self.actions
        ]

    def choices(self) -> list:
        """The cleaned choices, as the service takes them."""
        return [
            YearEndChoice(
                action_id=action.pk,
                version=self.cleaned_data[f"version-{action.pk}"],
                choice=self.cleaned_data[f"choice-{action.pk}"],
                reason=(self.cleaned_data[f"reason-{action.pk}"] or "").strip()
                if self.cleaned_data[f"choice-{action.pk}"] == CLOSE
                else "",
            )
            for action in self.actions
        ]
