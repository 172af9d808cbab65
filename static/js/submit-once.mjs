// Forms marked data-submit-once (the import's confirmation) are sent once: after the first
// submit their buttons are disabled and say so, so a double click or an impatient second
// click does not send the form again. The server applies an import once in any case; this
// spares the person a confusing second answer. No inline script: the page's CSP forbids it.

document.querySelectorAll("form[data-submit-once]").forEach((form) => {
  form.addEventListener("submit", (event) => {
    if (form.dataset.submitted) {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "true";
    // Disabled after this event, so the button's own name and value are still sent.
    window.setTimeout(() => {
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach((button) => {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
        if (form.dataset.submitOnce) {
          if (button.tagName === "INPUT") {
            button.value = form.dataset.submitOnce;
          } else {
            button.textContent = form.dataset.submitOnce;
          }
        }
      });
    }, 0);
  });
});

// Coming back to the page with the browser's Back button shows it as it was left: let the
// form be sent again then (the server still refuses an upload already imported).
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) {
    return;
  }
  document.querySelectorAll("form[data-submit-once][data-submitted]").forEach((form) => {
    delete form.dataset.submitted;
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach((button) => {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    });
  });
});
