// Start GOV.UK Frontend (5.x) without any inline <script>, so the site can
// run under a Content Security Policy that forbids inline script.
//
// Load it from the end of <body> with:
//   <script type="module" src="{% static 'js/govuk-init.mjs' %}"></script>
//
// GOV.UK's page template normally runs this inline snippet as the first
// thing in <body>:
//   document.body.className += ' js-enabled' +
//     ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
// Every v5 component refuses to initialise (SupportError) unless <body> has
// the `govuk-frontend-supported` class, and the CSS uses that class to
// switch components (accordion, tabs, header menu, conditional reveals)
// into their JavaScript-enhanced state. A browser that runs a module script
// is by definition a supported one, so the feature test is not needed here.
// `js-enabled` is no longer used by GOV.UK Frontend 5 itself, but is added
// for parity with the template (older snippets and app CSS may rely on it).
import { initAll } from "../govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
