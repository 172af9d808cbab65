"""Line breaks as people type them: a browser sends a textarea's as CR LF; every form of the
product reads them as LF (plans.forms.Textarea), so a line break counts as one character
against a length limit and what is saved compares equal to the same text imported."""

import importlib
import pkgutil

from django import forms

import plans
import reports
import subgroups
from plans.forms import Textarea
from plans.text import with_lf_newlines


def test_every_kind_of_line_break_becomes_lf():
    assert with_lf_newlines("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour"
    assert with_lf_newlines(None) == ""
    assert Textarea().value_from_datadict({"text": "one\r\ntwo"}, {}, "text") == "one\ntwo"
    assert Textarea().value_from_datadict({}, {}, "text") is None


def _product_forms():
    for package in (plans, subgroups, reports):
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if module.name.rsplit(".", 1)[-1].endswith("forms") and ".tests" not in module.name:
                importlib.import_module(module.name)
    found, pending = [], [forms.BaseForm]
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        if form.__module__.split(".")[0] in {"plans", "subgroups", "reports"}:
            found.append(form)
    return found


def test_every_textarea_of_every_form_reads_line_breaks_as_lf():
    product_forms = _product_forms()
    textareas = {
        f"{form.__module__}.{form.__name__}.{name}": type(field.widget)
        for form in product_forms
        for name, field in form.base_fields.items()
        if isinstance(field.widget, forms.Textarea)
    }
    assert len(product_forms) > 30 and len(textareas) > 15  # the forms were all found
    assert {name: widget for name, widget in textareas.items() if widget is not Textarea} == {}
