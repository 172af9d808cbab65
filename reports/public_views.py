"""The public pages of a published annual report: no sign-in (mscp/urls.py maps them and exempts
exactly these from the login requirement). The report as HTML first, as GOV.UK's guidance on
publishing asks, its PDF, and a short summary written for children and families. Only a
published report is shown (the latest published of the year); anything else is 404. They show
what the report prints and nothing of the app: no edit links, no links into it, no staff
names beyond the sign-offs the report carries."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from reports.pdf import annual_report_pdf, pdf_response
from reports.publication import published_report, public_report_content

# A new version of a year's report can be published (a draft started from the last one), so
# browsers and shared caches keep a page for an hour, not for ever.
PUBLIC_MAX_AGE = 60 * 60
public_cache = cache_control(public=True, max_age=PUBLIC_MAX_AGE)


@require_safe
@public_cache
def report(request, partnership, year):
    content = public_report_content(published_report(partnership_slug=partnership, year=year))
    return render(request, "reports/public/report.html", content)


@require_safe
@public_cache
def report_pdf(request, partnership, year):
    published = published_report(partnership_slug=partnership, year=year)
    pdf = annual_report_pdf(public_report_content(published), partnership=published.partnership)
    return pdf_response(pdf, f"{published.partnership.slug}-annual-report-{published.year}")


@require_safe
@public_cache
def family_summary(request, partnership, year):
    content = public_report_content(published_report(partnership_slug=partnership, year=year))
    if content["family_summary"] is None:
        raise Http404("This report has no summary for children and families.")
    return render(request, "reports/public/family_summary.html", content)
