"""Every page a role can reach from the navigation, as that role, at 1280 px and 320 px: no
console error, uncaught script error, failed request or error response on the way, no
template syntax in any page's or PDF's text, and nothing wider than the screen at 320 px
(tables scroll inside their own box). Each kind of page (a URL pattern with the same query
parameters) is visited once per run, so the crawl covers every page without visiting each of
the demo's hundred actions. Each page is opened at 1280 px and then narrowed to 320 px, as a
browser window is: the server sends the same page whatever the width, so one visit serves
both.

The kinds of page plans/tests/pages.py lists are opened in the browser, as the same user, by
test_accessibility.py, which makes these checks of them too: in a run that includes it, the
crawl asks the server for those (it must answer 200) and follows their links without drawing
them again."""

import io
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

import pytest
from django.urls import reverse

from conftest_browser import TEMPLATE_SYNTAX, watch_for_problems
from plans.tests.pages import kind_of_page, kinds_checked_in_the_browser

pytestmark = pytest.mark.django_db(transaction=True)

ROLES = ["bsu", "pei-lead", "executive", "viewer", "scrutineer", "medway-bsu"]
# The roles whose crawl fetches the PDFs, CSVs and spreadsheets it finds: each partnership's
# BSU, who can reach every one. A file is the same whoever asks for it; whether each role may
# have it is the permission grid's business (subgroups/tests/test_permissions.py and
# plans/tests/test_configuration_grid.py ask for every URL as every role).
FETCHES_DOWNLOADS = {"bsu", "medway-bsu"}
DOWNLOADS = {"pdf", "csv", "xlsx"}
# Links that end the session or leave the product's own pages.
NOT_FOLLOWED = ("/accounts/logout/", "/admin/", "/static/", "/favicon.ico")
# The page is wider than the screen: something other than a table's own scrolling box.
OVERFLOW_JS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# What the crawl reads of each page, in one call: its text, its links and the forms that
# prepare a PDF.
PAGE_JS = """() => ({
  text: document.body.innerText,
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  pdfForms: [...document.querySelectorAll("form[action$='/pdf/prepare/']")].map(form => form.action),
})"""


def is_download(url):
    """PDF, CSV and XLSX links: fetched and read, not opened as pages."""
    parts = urlsplit(url)
    return parts.path.endswith("/pdf/") or dict(parse_qsl(parts.query)).get("format") in DOWNLOADS


class LinksInMarkup(HTMLParser):
    """PAGE_JS's links and PDF forms, read from a page's markup instead of the browser."""

    def __init__(self, url):
        super().__init__()
        self.url = url
        self.seen = {"links": [], "pdfForms": []}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") is not None:
            self.seen["links"].append(urljoin(self.url, attrs["href"]))
        elif tag == "form" and (attrs.get("action") or "").endswith("/pdf/prepare/"):
            self.seen["pdfForms"].append(urljoin(self.url, attrs["action"]))


def links_in_markup(url, markup):
    parser = LinksInMarkup(url)
    parser.feed(markup)
    return parser.seen


def pdf_text(content):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


WIDE, NARROW = 1280, 320


@pytest.fixture
def signed_in_page(browser, live_server, sign_in, demo, request):
    from django.contrib.auth import get_user_model

    context = browser.new_context(base_url=live_server.url, viewport={"width": WIDE, "height": 900})
    # As generous as conftest_browser's contexts: a PDF rendered on a busy machine can take a while.
    context.set_default_timeout(30_000)
    page = context.new_page()
    sign_in(page, get_user_model().objects.get(username=request.param))
    yield page
    context.close()


def page_problems(page, url, text):
    """What is wrong with the page in view: template syntax in its text, or, narrowed to
    320 px, anything wider than the screen."""
    faults = []
    found = TEMPLATE_SYNTAX.search(text)
    if found:
        faults.append(f"{url}: template syntax in the page: {found[0]!r}")
    page.set_viewport_size({"width": NARROW, "height": 900})
    if page.evaluate(OVERFLOW_JS) > 0:
        faults.append(f"{url}: wider than a {NARROW} px screen by {page.evaluate(OVERFLOW_JS)} px")
    page.set_viewport_size({"width": WIDE, "height": 900})
    return faults


@pytest.mark.parametrize("signed_in_page", ROLES, indirect=True, ids=ROLES)
def test_every_page_reachable_from_the_navigation_works(signed_in_page, live_server, demo, request):
    page = signed_in_page
    username = request.node.callspec.params["signed_in_page"]
    fetches_downloads = username in FETCHES_DOWNLOADS
    checked_in_the_browser = kinds_checked_in_the_browser(username, demo, request.session)
    problems = watch_for_problems(page)
    origin = urlsplit(live_server.url).netloc
    queue = [reverse("plans:home")]
    kinds_seen, visited, faults = set(), [], []

    while queue:
        url = queue.pop(0)
        kind = kind_of_page(url)
        if kind is None or kind in kinds_seen:
            continue
        kinds_seen.add(kind)
        visited.append(url)
        if is_download(url):
            if not fetches_downloads:
                continue
            fetched = page.request.get(url)
            if fetched.status != 200:
                faults.append(f"{url}: HTTP {fetched.status}")
            elif fetched.headers["content-type"] == "application/pdf" and TEMPLATE_SYNTAX.search(
                pdf_text(fetched.body())
            ):
                faults.append(f"{url}: template syntax in the PDF's text")
            continue
        if kind in checked_in_the_browser:
            fetched = page.request.get(url)
            if fetched.status != 200:
                faults.append(f"{url}: HTTP {fetched.status}")
                continue
            seen = links_in_markup(live_server.url + url, fetched.text())
        else:
            response = page.goto(url)
            if response.status != 200:
                faults.append(f"{url}: HTTP {response.status}")
                continue
            seen = page.evaluate(PAGE_JS)
            faults.extend(page_problems(page, url, seen["text"]))
        for href in seen["links"]:
            parts = urlsplit(href)
            if parts.netloc != origin or parts.path.startswith(NOT_FOLLOWED):
                continue
            queue.append(urlunsplit(("", "", parts.path, parts.query, "")))
        # A PDF the page offers through "Prepare the PDF" (made as background work, a POST) is
        # fetched at its direct address instead, which serves the same document.
        for action in seen["pdfForms"]:
            queue.append(urlsplit(action).path.removesuffix("prepare/"))

    assert len(visited) >= 10, visited
    assert not faults, "\n".join(faults)
    assert not problems, "\n".join(problems)
