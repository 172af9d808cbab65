from django import template
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString

from plans.text import with_lf_newlines

register = template.Library()


@register.filter
def govuk_paragraphs(text: str) -> SafeString:
    """Plain text to GOV.UK body paragraphs: blank lines separate paragraphs, single line
    breaks are kept. The text is escaped."""
    paragraphs = [p.strip() for p in with_lf_newlines(text).split("\n\n") if p.strip()]
    return format_html_join(
        "\n",
        '<p class="govuk-body">{}</p>',
        ((SafeString(escape(p).replace("\n", "<br>")),) for p in paragraphs),
    )
