"""Accessibility of every page, in a real browser (see conftest_browser.py).

plans/tests/pages.py's PAGES is the one list of pages a signed-in user can reach; add a page
there and every check below (axe-core for each role in both contrast modes, title/h1/lang/
tables, reflow, skip link, and what a user would notice go wrong on the way) covers it.
"""

import hashlib
import json
import os
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from conftest_browser import (
    AXE_STYLE_RULES,
    TEMPLATE_SYNTAX,
    axe_violations,
    describe_violations,
    preload_axe,
    watch_for_problems,
)
from plans.tests.pages import PAGES, ROLES, _stop_reminders

pytestmark = pytest.mark.django_db(transaction=True)

@pytest.fixture
def browser_context(browser_context):
    """Every test here runs axe on the pages it visits: axe-core is in each page from the start."""
    preload_axe(browser_context)
    return browser_context


CONTRAST_CLASS = "app-high-contrast"
CONTRAST_KEY = "app-contrast"


MODES = ["normal", "high-contrast"]

# What every page must have, read in the browser.
PAGE_STRUCTURE_JS = """() => ({
  text: document.body.innerText,
  title: document.title,
  lang: document.documentElement.lang,
  h1s: [...document.querySelectorAll('h1')].map(h => h.textContent.trim()),
  tables: [...document.querySelectorAll('table')].map(table => ({
    caption: table.caption ? table.caption.textContent.trim() : '',
    headers: table.querySelectorAll('th').length,
    headersWithoutScope: [...table.querySelectorAll('th')].filter(
      th => !th.closest('thead') && !['row', 'col', 'rowgroup', 'colgroup'].includes(th.getAttribute('scope'))
    ).length,
    headRow: !!table.querySelector('thead th'),
  })),
})"""

# Everything that sticks out sideways at a narrow width, apart from the table wrappers' content.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const overflowing = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.app-table-wrapper') && !el.matches('.app-table-wrapper')) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.clip === 'rect(0px, 0px, 0px, 0px)') continue;
    if (box.right > width + 1 || box.left < -1) {
      const name = typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      overflowing.push(`${el.tagName.toLowerCase()}${name} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, overflowing: overflowing.slice(0, 10)};
}"""


# The high-contrast scheme's styles are in force: its text is white on black.
HIGH_CONTRAST_APPLIED_JS = """() => {
  const style = getComputedStyle(document.body);
  return style.color === 'rgb(255, 255, 255)' && style.backgroundColor === 'rgb(0, 0, 0)';
}"""


def set_contrast(page, mode):
    """Choose the colour scheme the way the toggle remembers it (localStorage)."""
    if mode == "high-contrast":
        page.evaluate(f"localStorage.setItem('{CONTRAST_KEY}', 'high')")
    else:
        page.evaluate(f"localStorage.removeItem('{CONTRAST_KEY}')")


def switch_to_high_contrast_in_place(page):
    """What the toggle does to the page in view, without storing the choice."""
    page.evaluate(f"document.documentElement.classList.add('{CONTRAST_CLASS}')")
    assert page.evaluate(HIGH_CONTRAST_APPLIED_JS), f"{page.url}: high contrast did not apply"


def visit(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url}: HTTP {response.status}"
    return response


def structure_problems(page, label):
    info = page.evaluate(PAGE_STRUCTURE_JS)
    problems = []
    if info["lang"] != "en-GB":
        problems.append(f"{label}: lang is {info['lang']!r}")
    if len(info["h1s"]) != 1:
        problems.append(f"{label}: {len(info['h1s'])} h1 elements {info['h1s']}")
    if not info["title"].endswith(" – Partnership Plan Tracker"):
        problems.append(f"{label}: title {info['title']!r}")
    if found := TEMPLATE_SYNTAX.search(info["text"]):
        problems.append(f"{label}: template syntax in the page: {found[0]!r}")
    for number, table in enumerate(info["tables"], start=1):
        if not table["caption"]:
            problems.append(f"{label}: table {number} has no caption")
        if not table["headers"] or not table["headRow"]:
            problems.append(f"{label}: table {number} has no header row")
        if table["headersWithoutScope"]:
            problems.append(f"{label}: table {number} has row headers without scope")
    return problems, info["title"]


# --- axe-core and page structure on every page, for every role, in both contrast modes ---


# Sign-in differences that cannot change an axe result: the CSRF token each session is given
# and the name the header says you are signed in as.
SESSION_DETAILS = re.compile(r'(csrfmiddlewaretoken" value="|X-CSRFToken&quot;: &quot;|Signed in as )[^"&<]*')


@pytest.fixture(scope="session")
def axe_results(tmp_path_factory):
    """A folder for this run's axe results, shared by its workers (their temporary folders
    are siblings), so that a page whose markup is the same for several roles is checked once:
    the executive's, the viewer's and the scrutineer's pages mostly differ only in the name
    they are signed in as. A new run starts with an empty folder."""
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "axe-results"
    folder.mkdir(exist_ok=True)
    return folder


def axe_violations_of_this_markup(page, folder, mode):
    """axe_violations for the page in view (in `mode`), or the result already found for the
    same markup in this run."""
    markup = SESSION_DETAILS.sub(r"\1", page.evaluate("document.documentElement.outerHTML"))
    stored = folder / f"{hashlib.sha256(markup.encode()).hexdigest()}-{mode}.json"
    if stored.exists():
        return json.loads(stored.read_text())
    violations = axe_violations(page, rules=AXE_STYLE_RULES if mode == "high-contrast" else None)
    partial = stored.with_name(f"{stored.name}.{os.getpid()}")
    partial.write_text(json.dumps(violations))
    partial.replace(stored)  # whole or not at all, for a worker reading it at the same moment
    return violations


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_and_has_a_skip_link_title_h1_lang_and_table_headers(
    page, demo, sign_in, role, axe_results
):
    """Each page, opened once: the skip link is the first stop in the tab order; every axe
    rule passes in the normal scheme; then high contrast is switched on in place (the toggle
    changes one class on <html>, nothing else) and the rules that read styles pass again: the
    markup is the same, so the others cannot differ. As the BSU, who sees every page, each is
    also narrowed to 320 px and to 640 px (1280 px at 200% zoom) in both schemes, and nothing
    may stick out sideways; as every other role, to 320 px in the normal scheme.

    These are also the every-page crawl's checks for these pages (test_browser_every_page.py
    leaves them to this test): no console error, uncaught script error, failed request or
    error response on the way, and no template syntax in the text."""
    sign_in(page, demo.users[role])
    seen_going_wrong = watch_for_problems(page)
    meant_to_fail = []  # what the error pages' own responses add to it
    problems = []
    titles = {}
    for spec in PAGES:
        if not spec.for_role(role):
            continue
        url = spec.url(demo)
        label = f"{spec.name} ({url}) as {role}"
        response = visit(page, url, spec.status)
        if spec.status != 200:
            meant_to_fail += error_page_reports(spec.status, response.url)
        problems.extend(skip_link_problems(page, label))
        for mode in MODES:
            if mode == "high-contrast":
                switch_to_high_contrast_in_place(page)
                if role == "bsu":
                    # Still narrow from the normal scheme's reflow: the widths in reverse,
                    # then back to 1280 px for axe.
                    widths = dict(reversed(REFLOW_WIDTHS.items()))
                    problems.extend(reflow_problems(page, f"{label}, {mode}", widths))
            violations = axe_violations_of_this_markup(page, axe_results, mode)
            if violations:
                problems.append(f"axe: {label}, {mode}:\n{describe_violations(violations)}")
            if mode == "normal":
                if role == "bsu":
                    problems.extend(reflow_problems(page, f"{label}, {mode}", restore=False))
                else:
                    problems.extend(reflow_problems(page, f"{label}, {mode}", NARROWEST))
        page_problems, title = structure_problems(page, label)
        problems.extend(page_problems)
        titles.setdefault(title, set()).add(url.split("?")[0])
    shared = {title: urls for title, urls in titles.items() if len(urls) > 1}
    assert not shared, f"pages share a title: {shared}"
    assert not problems, "\n".join(problems)
    went_wrong = list(seen_going_wrong)
    for report in meant_to_fail:
        if report in went_wrong:
            went_wrong.remove(report)
    assert not went_wrong, "\n".join(went_wrong)


def error_page_reports(status, url):
    """What watch_for_problems records when a page is itself an error page (the 404 and 403
    pages checked above): its response, and the console's note of it, which names no URL
    (a sub-resource that failed would still show as a response of its own)."""
    phrase = HTTPStatus(status).phrase
    return [
        f"HTTP {status}: {url}",
        f"console error: Failed to load resource: the server responded with a status of {status} ({phrase})",
    ]


def test_login_page_passes_axe_in_both_modes(page, demo):
    for mode in MODES:
        visit(page, reverse("login"))
        set_contrast(page, mode)
        visit(page, reverse("login"))
        problems, title = structure_problems(page, f"login, {mode}")
        problems += skip_link_problems(page, f"login, {mode}")
        assert title.startswith("Sign in")
        assert not problems
        assert not axe_violations(page), describe_violations(axe_violations(page))
        # With an error summary showing, too.
        page.get_by_label("Username").fill("nobody")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        page.get_by_text("There is a problem").wait_for()
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)


@pytest.mark.parametrize(
    "name, url",
    [
        ("password reset", lambda: reverse("password_reset")),
        ("password reset sent", lambda: reverse("password_reset_done")),
        ("password reset link that does not work", lambda: reverse("password_reset_confirm", args=["MQ", "set-password"])),
        # Opened from a reminder e-mail, signed out.
        ("stop reminders", _stop_reminders),
    ],
)
def test_signed_out_pages_pass_axe_in_both_modes(page, demo, name, url):
    for mode in MODES:
        visit(page, reverse("login"))
        set_contrast(page, mode)
        visit(page, url())
        problems, _ = structure_problems(page, f"{name}, {mode}")
        assert not problems
        violations = axe_violations(page)
        assert not violations, describe_violations(violations)


def test_workplan_with_an_update_form_open_passes_axe_in_both_modes(page, demo, sign_in):
    """The in-place update form (htmx) in the workplan table, as opened and with its
    validation errors showing."""
    sign_in(page, demo.users["bsu"])
    action = demo.action
    section = page.locator(f"#action-{action.pk}")
    problems = []
    for mode in MODES:
        visit(page, demo.workplan.get_absolute_url())
        set_contrast(page, mode)
        visit(page, demo.workplan.get_absolute_url())
        section.locator("[data-update-link]").click()
        form = section.locator("form[hx-post]")
        form.wait_for()
        for state in ["open", "with errors"]:
            if state == "with errors":
                form.get_by_label("Red", exact=True).check()
                form.get_by_role("button", name="Save update").click()
                section.locator(".govuk-error-summary").wait_for()
            label = f"workplan with the update form {state}, {mode}"
            violations = axe_violations(page)
            if violations:
                problems.append(f"axe: {label}:\n{describe_violations(violations)}")
            problems.extend(structure_problems(page, label)[0])
    assert not problems, "\n".join(problems)


def test_review_form_warning_about_identifying_details_passes_axe_in_both_modes(page, demo, sign_in):
    """The review form sent back with its warning that the text may identify a child, and the
    "Save anyway" box it then shows."""
    sign_in(page, demo.users["bsu"])
    url = reverse("reports:review-create", args=[demo.plan.partnership_id])
    problems = []
    for mode in MODES:
        visit(page, url)
        set_contrast(page, mode)
        visit(page, url)
        page.get_by_label("Rapid review", exact=True).check()
        page.get_by_label("Title", exact=True).fill("Injury to a baby born 12/03/2023")
        page.get_by_role("button", name="Save review").click()
        page.get_by_text("There is a problem").wait_for()
        assert page.get_by_label("Save anyway: I have checked that this cannot identify a child or family").is_visible()
        label = f"review form with the identifying details warning, {mode}"
        violations = axe_violations(page)
        if violations:
            problems.append(f"axe: {label}:\n{describe_violations(violations)}")
        problems.extend(structure_problems(page, label)[0])
    assert not problems, "\n".join(problems)


def test_static_files_load_in_the_live_server(page, demo, sign_in):
    sign_in(page, demo.users["viewer"])
    visit(page, reverse("plans:home"))
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.app-header')).backgroundColor"
    )
    assert header == "rgb(11, 12, 12)"  # app.css
    # GOV.UK Frontend's module script ran, and the contrast script revealed its button.
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    assert page.get_by_role("button", name="Toggle contrast").is_visible()


# --- skip link and focus ---


FIRST_IN_TAB_ORDER_JS = """() => {
  const first = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
    .find(el => el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden');
  return [first.className, first.textContent.trim()];
}"""

# The focused element, and whether the skip link is shown as Playwright's is_visible() judges
# it (a box with some width and height, not visibility: hidden), read in one call.
FOCUSED_AND_SKIP_LINK_SHOWN_JS = """() => {
  const link = document.querySelector('.govuk-skip-link');
  const box = link.getBoundingClientRect();
  return {
    focused: [document.activeElement.className, document.activeElement.textContent.trim()],
    shown: box.width > 0 && box.height > 0 && getComputedStyle(link).visibility !== 'hidden',
  };
}"""

HAS_ERROR_SUMMARY_JS = "() => document.querySelector('.govuk-error-summary') !== null"
ERROR_SUMMARY_FOCUSED_JS = "() => document.activeElement.classList.contains('govuk-error-summary')"
MAIN_CONTENT_FOCUSED_JS = "() => document.activeElement.id === 'main-content'"


def wait_until(page, condition_js):
    """Wait for `condition_js` to hold. It usually holds already (the focus moves as the key is
    handled), and one read says so; Playwright's polling wait costs a frame or two more, on each
    of the hundreds of pages this module opens."""
    if not page.evaluate(condition_js):
        page.wait_for_function(condition_js)


def skip_link_problems(page, label):
    """The skip link is the first stop in the tab order of the page just opened, shows when
    focused, and moves the focus to the main content."""
    if page.evaluate(HAS_ERROR_SUMMARY_JS):
        # A page showing errors moves the focus to its summary, as GOV.UK's error summary
        # does; the skip link is still the first stop in the tab order.
        wait_until(page, ERROR_SUMMARY_FOCUSED_JS)
        first = page.evaluate(FIRST_IN_TAB_ORDER_JS)
        page.locator(".govuk-skip-link").focus()
        state = page.evaluate(FOCUSED_AND_SKIP_LINK_SHOWN_JS)
        state["focused"] = first
    else:
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUSED_AND_SKIP_LINK_SHOWN_JS)
    if state["focused"] != ["govuk-skip-link", "Skip to main content"]:
        return [f"{label}: the first stop in the tab order is {state['focused']}, not the skip link"]
    if not state["shown"]:
        return [f"{label}: the focused skip link is not shown"]
    page.keyboard.press("Enter")
    wait_until(page, MAIN_CONTENT_FOCUSED_JS)
    return []


# --- contrast modes ---


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def parse_rgb(css):
    return tuple(int(v) for v in re.findall(r"\d+", css)[:3])


BADGES_JS = """() => [...document.querySelectorAll('.app-brag')].map(badge => {
  const style = getComputedStyle(badge);
  return {word: badge.textContent.trim(), rating: badge.className, color: style.color,
          background: style.backgroundColor, border: style.borderTopStyle + ' ' + style.borderTopWidth};
})"""


def test_brag_badges_meet_contrast_in_both_modes(page, demo, sign_in):
    sign_in(page, demo.users["viewer"])
    visit(page, demo.plan.get_absolute_url())
    for mode, minimum in [("normal", 4.5), ("high-contrast", 7.0)]:
        set_contrast(page, mode)
        page.reload()
        badges = page.evaluate(BADGES_JS)
        ratings = {re.search(r"app-brag--(\w+)", badge["rating"]).group(1) for badge in badges}
        # The ratings, and the closure the demo counts (a count table heads its column with it).
        assert ratings == {"blue", "green", "amber", "red", "none", "carried_forward"}
        for badge in badges:
            ratio = contrast_ratio(parse_rgb(badge["color"]), parse_rgb(badge["background"]))
            assert ratio >= minimum, f"{mode}: {badge} has contrast {ratio:.1f}"
            if mode == "high-contrast":
                style, width = badge["border"].split()
                assert style != "none" and float(width.removesuffix("px")) >= 3, badge
        assert not axe_violations(page, context=".app-brag")


def test_contrast_toggle_is_a_pressed_button_remembered_without_inline_script(
    page, demo, sign_in
):
    sign_in(page, demo.users["viewer"])
    visit(page, reverse("plans:home"))
    # Loaded from <head> as a plain blocking script, so the class is set before first paint;
    # and no page has inline script (the site runs under a CSP without 'unsafe-inline').
    head_scripts = page.evaluate(
        "[...document.head.querySelectorAll('script')]"
        ".map(s => [s.getAttribute('src'), s.defer, s.async, s.type])"
    )
    assert ["/static/js/contrast.js", False, False, ""] in head_scripts
    assert page.evaluate("[...document.scripts].filter(s => !s.src).length") == 0

    toggle = page.locator("header").get_by_role("button", name="Toggle contrast")
    assert toggle.get_attribute("aria-pressed") == "false"
    html_class = "document.documentElement.classList.contains('app-high-contrast')"
    assert page.evaluate(html_class) is False

    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(html_class) is True
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(0, 0, 0)"

    visit(page, demo.plan.get_absolute_url())
    assert page.evaluate(html_class) is True
    assert toggle.get_attribute("aria-pressed") == "true"

    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    page.reload()
    assert page.evaluate(html_class) is False


# --- reflow ---


REFLOW_WIDTHS = {"320 px": 320, "1280 px at 200% zoom": 640}
NARROWEST = {"320 px": 320}


def reflow_problems(page, label, widths=REFLOW_WIDTHS, restore=True):
    """Anything sticking out sideways when the page in view is narrowed (WCAG 1.4.10): the
    layout follows the width in CSS pixels, so 640 px is 1280 px zoomed to 200%. `widths` in
    the order to try them; `restore=False` leaves the page at the last, for a caller that
    checks the other scheme next and so saves a resize."""
    problems = []
    for name, width in widths.items():
        page.set_viewport_size({"width": width, "height": 640})
        result = page.evaluate(OVERFLOW_JS)
        if result["scrollWidth"] > result["width"] or result["overflowing"]:
            problems.append(f"{label} at {name}: {result}")
    if restore:
        page.set_viewport_size({"width": 1280, "height": 900})
    return problems


@pytest.mark.parametrize("browser_context_args", [{"viewport": {"width": 320, "height": 640}}])
def test_tables_scroll_inside_a_labelled_wrapper_the_keyboard_reaches(page, demo, sign_in, browser_context_args):
    sign_in(page, demo.users["bsu"])
    visit(page, demo.workplan.get_absolute_url())
    wrapper = page.locator(".app-table-wrapper").first
    assert wrapper.get_attribute("tabindex") == "0"
    assert wrapper.get_attribute("role") == "region"
    assert wrapper.evaluate("wrapper => wrapper.scrollWidth > wrapper.clientWidth")


NAVIGATION_ROWS_JS = """() => new Set(
  [...document.querySelectorAll('.govuk-service-navigation__item')].map(item => item.getBoundingClientRect().top)
).size"""


def test_the_bsus_navigation_is_one_row_on_a_desktop_screen_and_a_menu_on_a_phone(page, demo, sign_in):
    """The BSU has the most items (ten): on a 1280 px screen they sit in one row; at 320 px
    they fold behind a "Menu" button, which opens them as a list, one item to a row."""
    sign_in(page, demo.users["bsu"])
    visit(page, reverse("plans:home"))
    navigation = page.get_by_role("navigation", name="Main")
    menu = navigation.get_by_role("button", name="Menu")
    items = page.locator(".govuk-service-navigation__item")
    assert items.count() == 10
    assert page.evaluate(NAVIGATION_ROWS_JS) == 1
    assert not menu.is_visible()
    assert navigation.get_by_role("link", name="Plans").get_attribute("aria-current") == "page"

    page.set_viewport_size({"width": 320, "height": 640})
    menu.wait_for()  # the menu script answers the change of width
    assert menu.get_attribute("aria-expanded") == "false"
    assert not navigation.get_by_role("link", name="Dashboard").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.evaluate(NAVIGATION_ROWS_JS) == 10
    navigation.get_by_role("link", name="Dashboard").click()
    page.wait_for_url(f"**{reverse('reports:dashboard')}")
    assert page.get_by_role("navigation", name="Main").get_by_role("button", name="Menu").get_attribute("aria-expanded") == "false"

    page.set_viewport_size({"width": 1280, "height": 800})
    menu.wait_for(state="hidden")
    assert navigation.get_by_role("link", name="Dashboard").get_attribute("aria-current") == "page"


# --- the accessibility statement ---


@pytest.mark.django_db  # no browser: no need to empty every table afterwards
def test_accessibility_statement_needs_a_login(client):
    response = client.get(reverse("plans:accessibility"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.django_db  # no browser: no need to empty every table afterwards
def test_accessibility_statement_follows_the_gov_uk_form(client, member_of):
    from plans.tests.factories import PartnershipFactory

    partnership = PartnershipFactory(name="Testshire Safeguarding Children Partnership")
    client.force_login(member_of(partnership))
    response = client.get(reverse("plans:accessibility"))
    assert response.status_code == 200
    text = response.text
    for heading in [
        "Accessibility statement for",
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Technical information about this website",
        "Compliance status",
        "Non-accessible content",
        "What we test and how",
        "Preparation of this accessibility statement",
    ]:
        assert heading in text, heading
    for fact in [
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility "
        "Regulations 2018",
        "Equality and Human Rights Commission",
        "Equality Commission for Northern Ireland",
        "partially compliant",
        "wcag22aa",
        "axe-core",
        "320 CSS pixels",
        "Chromium",
        "Testshire Safeguarding Children Partnership",
    ]:
        assert fact in text, fact


@pytest.mark.django_db  # no browser: no need to empty every table afterwards
def test_every_page_links_to_the_accessibility_statement(client, member_of):
    from plans.tests.factories import PartnershipFactory

    client.force_login(member_of(PartnershipFactory()))
    link = f'href="{reverse("plans:accessibility")}"'
    assert link in client.get(reverse("plans:home")).text
    assert link in client.get("/plans/999999/").text
    client.logout()
    assert link in client.get(reverse("login")).text


def test_the_sign_in_lockout_page_passes_axe(page, demo, settings):
    visit(page, reverse("login"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Username").fill("bsu")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Sign-in locked for now"
    problems, _ = structure_problems(page, "lockout")
    assert not problems
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
