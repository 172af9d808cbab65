"""Template components that many pages share (STYLE.md habit 13)."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from crispy_forms_gds.templatetags.crispy_forms_gds import is_multivalue
from django import forms, template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from plans.links import url_with_pk

register = template.Library()


def _link(target) -> str:
    """A breadcrumb's address: an object's own page, a URL name's page, or the address itself."""
    if hasattr(target, "get_absolute_url"):
        return target.get_absolute_url()
    if ":" in target and not target.startswith(("/", "?")):
        return reverse(target)
    return target


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*trail, current):
    """GOV.UK breadcrumbs: pairs of label and link (an object with a page, a URL name or an
    address), then the current page's label. A pair whose link is empty is left out (a trail
    step that does not exist for this page)."""
    pairs = zip(trail[::2], trail[1::2], strict=True)
    return {"links": [(label, _link(target)) for label, target in pairs if target], "current": current}


# A filter form's field, drawn as crispy-forms' GOV.UK pack draws it (`|as_crispy_field`),
# with the same classes, ids, aria-describedby and error states, but in Python: the pack and
# Django's widget templates render a dozen templates per field (one per option of a select),
# which was a tenth of a report page's time. plans/tests/test_components.py compares the two.
GOVUK_WIDGET_CLASSES = {"select": "govuk-select", "textinput": "govuk-input"}
DATE_BOXES_TEMPLATE = "gds/widgets/date.html"


def _prepare_widgets(field) -> None:
    """Set each widget's class and aria-describedby as the pack's field node does for a
    select, a text box or date boxes (crispy_forms_gds.templatetags.CrispyGDSFieldNode)."""
    multivalue = is_multivalue(field)
    widgets = getattr(field.field.widget, "widgets", [field.field.widget])
    part_widgets = [part.widget for part in field.field.fields] if multivalue else []
    part_errors = sum(len(getattr(widget, "errors", [])) for widget in part_widgets)
    for index, widget in enumerate(widgets):
        kind = type(widget).__name__
        classes = GOVUK_WIDGET_CLASSES.get(kind.lower(), kind.lower()).split()
        classes += [name for name in widget.attrs.get("class", "").split() if name not in classes]
        if field.help_text and not multivalue:
            widget.attrs["aria-describedby"] = f"{field.auto_id}_hint"
        if field.errors:
            if kind in ("Select", "TextInput", "Textarea") and (
                not multivalue or part_errors == 0 or getattr(part_widgets[index], "errors", None)
            ):
                classes.append("govuk-input--error")
            if not field.help_text:
                widget.attrs["aria-describedby"] = ""
            for number, error in enumerate(field.errors, start=1):
                if multivalue and error not in (getattr(part_widgets[index], "errors", None) or ()):
                    continue
                described = widget.attrs.get("aria-describedby", "")
                widget.attrs["aria-describedby"] = f"{described} " * bool(described) + f"{field.auto_id}_{number}_error"
        widget.attrs["class"] = " ".join(classes)


def _attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True as a bare name, False left out."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def _input(widget: dict) -> str:
    """As django/forms/widgets/input.html."""
    value = format_html(' value="{}"', widget["value"]) if widget["value"] is not None else ""
    return format_html('<input type="{}" name="{}"{}{}>', widget["type"], widget["name"], value, _attributes(widget["attrs"]))


def _select(widget: dict) -> str:
    """As django/forms/widgets/select.html (without option groups: see `_drawn_widget`)."""
    options = mark_safe(
        "".join(
            format_html('<option value="{}"{}>{}</option>', option["value"], _attributes(option["attrs"]), option["label"])
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        )
    )
    return format_html('<select name="{}"{}>{}</select>', widget["name"], _attributes(widget["attrs"]), options)


def _date_boxes(widget: dict) -> str:
    """As crispy_forms_gds' gds/widgets/date.html: a labelled box each for day, month, year."""
    items = []
    for box in widget["subwidgets"]:
        attrs = dict(box["attrs"])
        label = attrs.pop("label", "")
        items.append(
            format_html(
                '<div class="govuk-date-input__item"><div class="govuk-form-group">'
                '<label class="govuk-label govuk-date-input__label" for="{}">{}</label>{}</div></div>',
                attrs.get("id", ""),
                label,
                _input(box | {"attrs": attrs}),
            )
        )
    return format_html('<div class="govuk-date-input" id="{}">{}</div>', widget["attrs"].get("id", ""), mark_safe("".join(items)))


def _drawn_widget(field) -> str:
    """The widget's HTML, as Django would render it with the templates named above."""
    widget = field.field.widget
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if widget.template_name == DATE_BOXES_TEMPLATE:
        return _date_boxes(context)
    if isinstance(widget, forms.Select):
        return _select(context)
    return _input(context)


def _drawn_here(field) -> bool:
    widget = field.field.widget
    if is_multivalue(field):
        return widget.template_name == DATE_BOXES_TEMPLATE
    if type(widget).template_name == forms.Select.template_name and isinstance(widget, forms.Select):
        # Option groups and options with templates of their own are left to Django.
        return widget.option_template_name == forms.Select.option_template_name and not any(
            isinstance(label, list | tuple) for _value, label in widget.choices
        )
    return isinstance(widget, forms.TextInput) and widget.template_name == forms.TextInput.template_name


def _hint_and_errors(field) -> str:
    """The hint, then each error with its id, as the pack's `help_text_and_errors.html`."""
    parts = []
    if field.help_text:
        parts.append(format_html('<div id="{}_hint" class="govuk-hint">{}</div>', field.auto_id, mark_safe(field.help_text)))
    parts.extend(
        format_html(
            '<span id="{}_{}_error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> {}</span>',
            field.auto_id,
            number,
            error,
        )
        for number, error in enumerate(field.errors, start=1)
    )
    return mark_safe("".join(parts))


@register.simple_tag
def govuk_field(field):
    """A bound field as a GOV.UK form group: its label (or, for the day, month and year
    boxes, a fieldset and legend), its hint, each error beside it, then the widget. Only
    selects, text boxes and date boxes are drawn here; any other field goes to the pack."""
    if field.is_hidden:
        return str(field)
    if not _drawn_here(field):
        return as_crispy_field(field)
    _prepare_widgets(field)
    drawn = _drawn_widget(field)
    group_class = " ".join(
        filter(None, ["govuk-form-group", "govuk-form-group--error" if field.errors else "", field.css_classes()])
    )
    if is_multivalue(field):
        described = ""
        if field.help_text or field.errors:
            ids = (f"{field.auto_id}_hint" if field.help_text else "") + "".join(
                f" {field.auto_id}_{number}_error" for number in range(1, len(field.errors) + 1)
            )
            described = format_html(' aria-describedby="{}"', ids)
        inner = format_html(
            '<fieldset class="govuk-fieldset"{}><legend class="govuk-fieldset__legend">{}</legend>{}{}</fieldset>',
            described,
            mark_safe(field.label),
            _hint_and_errors(field),
            drawn,
        )
    else:
        label = format_html('<label for="{}" class="govuk-label">{}</label>', field.id_for_label, mark_safe(field.label))
        inner = format_html("{}{}{}", label if field.label else "", _hint_and_errors(field), drawn)
    return format_html('<div id="div_{}" class="{}">{}</div>', field.auto_id, group_class, inner)


@register.simple_tag
def pk_url(name: str, pk) -> str:
    """`{% url name pk %}` for a URL whose one argument is an integer id, without resolving
    the pattern again for every row of a table (plans.links)."""
    return url_with_pk(name, pk)
