"""The forms of the reviews register: a review, a finding, a recommendation, the actions that
deliver a recommendation, and the register's filters. They only check input; the services in
reports/reviews.py apply the rules and save."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from plans.forms import ListFilterForm, Textarea
from reports.models import REVIEW_TEXT_LIMIT, LearningReview
from reports.reviews import NO_IDENTIFYING_DETAILS_HINT, identifying_details, identifying_details_warning
from subgroups.filters import ReportDateField


class IdentifyingDetailsCheck(forms.Form):
    """Checks the text fields named in `checked_fields` for details that may identify a child.
    Text that has some is not saved: the form comes back with a warning beside each such field
    and a "Save anyway" box, which the author ticks to save it as it is."""

    checked_fields: tuple[str, ...] = ()
    save_anyway = forms.BooleanField(
        label="Save anyway: I have checked that this cannot identify a child or family",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.identifying: dict[str, list[str]] = {}

    def clean(self):
        data = super().clean()
        self.identifying = {
            name: found for name in self.checked_fields if (found := identifying_details(data.get(name) or ""))
        }
        if self.identifying and not data.get("save_anyway"):
            for name, found in self.identifying.items():
                self.add_error(name, identifying_details_warning(found))
        return data

    @property
    def asks_to_confirm(self) -> bool:
        """Whether the form shows the "Save anyway" box: once text has been found."""
        return bool(self.identifying) or bool(self.data.get(self.add_prefix("save_anyway")))

    def layout(self, *fields, submit: str) -> Layout:
        """The form's fields, then the "Save anyway" box when it is needed, then the button."""
        confirm = [Field.checkbox("save_anyway")] if self.asks_to_confirm else []
        return Layout(*fields, *confirm, "version", Submit("save", submit))

    @property
    def helper(self):
        helper = FormHelper()
        helper.form_tag = False
        helper.layout = self.build_layout()
        return helper


class ReviewForm(IdentifyingDetailsCheck):
    checked_fields = ("title", "summary")

    kind = forms.ChoiceField(
        label="Kind of review",
        choices=LearningReview.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of review."},
    )
    reference = forms.CharField(
        label="Reference", max_length=30, required=False, help_text="Optional: the partnership's own, for example RR 2023-04."
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="What the review is about, for example “Serious injury to an infant”. " + NO_IDENTIFYING_DETAILS_HINT,
        error_messages={"required": "Enter the review's title."},
    )
    summary = forms.CharField(
        label="Summary",
        required=False,
        max_length=REVIEW_TEXT_LIMIT,
        widget=Textarea(attrs={"rows": 5}),
        help_text="A short summary of the circumstances and why the review was held. " + NO_IDENTIFYING_DETAILS_HINT,
    )
    notified_on = ReportDateField(label="Notification", help_text="The date of the serious incident notification, if any. For example 12 6 2023.")
    rapid_review_on = ReportDateField(label="Rapid review meeting", help_text="Optional.")
    decided_on = ReportDateField(
        label="Decision", help_text="When the safeguarding partners decided whether to hold a local review. Optional."
    )
    published_on = ReportDateField(label="Publication", help_text="When the review's report was published. Optional.")
    status = forms.ChoiceField(
        label="Status", choices=LearningReview.Status.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose where the review stands."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, review: LearningReview | None = None, **kwargs):
        if review is not None:
            kwargs.setdefault("initial", {}).update(
                {name: getattr(review, name) for name in self.base_fields if hasattr(review, name)}
            )
        super().__init__(*args, **kwargs)

    def build_layout(self) -> Layout:
        return self.layout(
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            Field.text("reference", field_width=10),
            Field.text("title"),
            Field.textarea("summary"),
            Fieldset(
                Field("notified_on"), Field("rapid_review_on"), Field("decided_on"), Field("published_on"),
                legend="Key dates", legend_size=Size.MEDIUM,
            ),
            Field.radios("status", legend_size=Size.SMALL, small=True),
            submit="Save review",
        )

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name not in ("version", "save_anyway")}


class FindingForm(IdentifyingDetailsCheck):
    checked_fields = ("text",)

    text = forms.CharField(
        label="Finding",
        max_length=REVIEW_TEXT_LIMIT,
        widget=Textarea(attrs={"rows": 4}),
        help_text=NO_IDENTIFYING_DETAILS_HINT,
        error_messages={"required": "Enter the finding."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def build_layout(self) -> Layout:
        return self.layout(Field.textarea("text"), submit="Save finding")


class RecommendationForm(IdentifyingDetailsCheck):
    checked_fields = ("text", "evidence_of_impact")

    text = forms.CharField(
        label="Recommendation",
        max_length=REVIEW_TEXT_LIMIT,
        widget=Textarea(attrs={"rows": 4}),
        help_text=NO_IDENTIFYING_DETAILS_HINT,
        error_messages={"required": "Enter the recommendation."},
    )
    evidence_of_impact = forms.CharField(
        label="Evidence of impact",
        required=False,
        max_length=REVIEW_TEXT_LIMIT,
        widget=Textarea(attrs={"rows": 4}),
        help_text="What shows the recommendation has changed practice: audits, dip samples, "
        "feedback from children and families. Optional until there is some.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def build_layout(self) -> Layout:
        return self.layout(Field.textarea("text"), Field.textarea("evidence_of_impact"), submit="Save recommendation")


class LinkActionsForm(forms.Form):
    """The actions that deliver a recommendation: any of the partnership's, by workplan."""

    actions = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose actions from the list."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, groups: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.fields["actions"].choices = [(a.pk, str(a)) for group in groups for a in group["actions"]]

    @property
    def chosen_ids(self) -> set[int]:
        """The boxes ticked, as shown again after a refusal, or as they were when opened."""
        if self.is_bound:
            return {int(value) for value in self.data.getlist("actions") if str(value).isdigit()}
        return set(self.initial.get("actions", []))


class RegisterFilterForm(ListFilterForm):
    """The register's filters."""

    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Every kind"), *LearningReview.Kind.choices])
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Every status"), *LearningReview.Status.choices]
    )
    year = forms.ChoiceField(label="Year", required=False)

    def __init__(self, *args, years: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Every year"), *[(year, year) for year in years]]
        self.fields["year"].help_text = "Reviews notified, met on, decided or published in the year, or with recommendations still open at its end."


class AsAtForm(forms.Form):
    """The date a review's recommendations and their actions are shown as at."""

    as_at = ReportDateField(label="As at", help_text="Show each action's rating as it stood on this date. For example 31 3 2024.")
