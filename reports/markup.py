"""The restricted markup of the annual report's written sections: Markdown for paragraphs,
lists, links, emphasis and sub-headings, rendered and then sanitised, so whatever is typed
into a section can only ever become those elements."""

import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "ul", "ol", "li", "a", "strong", "em", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# GOV.UK Frontend classes for the (attribute-free) elements the sanitiser lets through.
GOVUK_CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h3": "govuk-heading-m",
    "h4": "govuk-heading-s",
}


def render_markup(text: str) -> SafeString:
    """The section's text as safe HTML with GOV.UK classes; empty text gives ""."""
    if not (text or "").strip():
        return mark_safe("")
    html = markdown.markdown(text, output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    for tag, classes in GOVUK_CLASSES.items():
        clean = clean.replace(f"<{tag}>", f'<{tag} class="{classes}">')
    clean = re.sub(r"<a (?=[^>]*href=)", '<a class="govuk-link" ', clean)
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
