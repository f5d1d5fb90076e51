// The diary's small behaviours on top of htmx. Everything works without this file
// (plain GET and POST + redirect); it only makes the page answer in place.
(function () {
  "use strict";
  if (!window.htmx) {
    return;
  }
  // A form with errors comes back as 400 with the form and its messages: swap it in.
  // Other 4xx/5xx leave the page as it is and say so below.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "400", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];
  // Going back to a pushed search URL must load the whole page, never a fragment.
  htmx.config.historyRestoreAsHxRequest = false;
  // htmx's own indicator style is an inline <style>, which the CSP forbids.
  htmx.config.includeIndicatorStyles = false;

  // Empty filters stay out of the URL, so a shared link shows only what was chosen.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") {
      return;
    }
    var parametrar = event.detail.parameters;
    var tomma = [];
    if (parametrar instanceof FormData) {
      parametrar.forEach(function (varde, namn) {
        if (varde === "") {
          tomma.push(namn);
        }
      });
      tomma.forEach(function (namn) {
        parametrar.delete(namn);
      });
    } else {
      Object.keys(parametrar).forEach(function (namn) {
        if (parametrar[namn] === "") {
          delete parametrar[namn];
        }
      });
    }
  });

  // After a swap: focus the error summary if a form came back with errors, so
  // keyboard and screen-reader users land on what to fix. Only a form with errors
  // has one, so typing in the search box never loses its focus.
  document.addEventListener("htmx:afterSettle", function () {
    var fel = document.querySelector(".felsammanfattning");
    if (fel) {
      fel.setAttribute("tabindex", "-1");
      fel.focus();
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var besked = document.getElementById("besked");
    if (!besked) {
      return;
    }
    var status = event.detail.xhr.status;
    besked.textContent =
      status === 403
        ? "Du har inte behörighet att göra det här."
        : "Det gick inte att spara (fel " + status + "). Ladda om sidan och försök igen.";
  });
})();
