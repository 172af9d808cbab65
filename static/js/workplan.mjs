// The in-place BRAG update: move focus into the form when it opens, and back to the row's
// "Update" link when it closes, so keyboard and screen-reader users keep their place.
// The result is announced by the #update-status live region, which the server fills.
// htmx fires "htmx:load" on each piece of new content (an outerHTML swap replaces the old
// element, so events on it would no longer reach the document).

document.body.addEventListener("htmx:load", (event) => {
  const section = event.detail.elt;
  if (!section || !section.id || !section.id.startsWith("action-")) {
    return;
  }
  // The update form, not the row's own "Move up/down" form (shown to those who can edit).
  const form = section.querySelector(".app-update-form-row form");
  if (form) {
    const summary = form.querySelector(".govuk-error-summary");
    const firstError = form.querySelector(".govuk-form-group--error input, .govuk-form-group--error textarea");
    const target = summary || firstError || form.querySelector("input:not([type=hidden]), textarea, select");
    if (summary && target === summary) {
      summary.setAttribute("tabindex", "-1");
    }
    if (target) {
      target.focus();
    }
    return;
  }
  const link = section.querySelector("[data-update-link]");
  if (link) {
    link.focus();
  }
});
