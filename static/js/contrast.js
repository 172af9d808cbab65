// The header's "Toggle contrast" button: switches <html> between the normal colours and a
// high-contrast scheme (class `app-high-contrast`, styles in css/app.css) and remembers the
// choice in localStorage.
//
// Loaded from <head> with a plain, blocking <script src> (no defer), so the class is on
// <html> before the first paint and a high-contrast page never flashes the normal colours.
// No inline script anywhere: the site runs under a Content Security Policy without it.
(function () {
  "use strict";
  var KEY = "app-contrast";
  var CLASS = "app-high-contrast";
  var root = document.documentElement;

  function stored() {
    try {
      return window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // storage blocked: the toggle still works for this page
    }
  }

  function remember(high) {
    try {
      if (high) window.localStorage.setItem(KEY, "high");
      else window.localStorage.removeItem(KEY);
    } catch (error) {
      /* storage blocked: nothing to remember */
    }
  }

  if (stored() === "high") root.classList.add(CLASS);

  function wire() {
    var buttons = document.querySelectorAll("[data-contrast-toggle]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", String(root.classList.contains(CLASS)));
      button.hidden = false;
      button.addEventListener("click", function () {
        var high = !root.classList.contains(CLASS);
        root.classList.toggle(CLASS, high);
        remember(high);
        Array.prototype.forEach.call(buttons, function (other) {
          other.setAttribute("aria-pressed", String(high));
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
