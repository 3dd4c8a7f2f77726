// While a library file is being read, ask the server every few seconds and reload the page
// once nothing is processing any more. Without JavaScript the page has a "Check again" link.
(function () {
  "use strict";
  var section = document.querySelector("[data-states-url]");
  if (!section || !window.fetch) return;
  var url = section.getAttribute("data-states-url");
  var tries = 0;
  function check() {
    tries += 1;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (states) {
        if (states && states.processing === 0) {
          window.location.reload();
        } else if (tries < 100) {
          window.setTimeout(check, 3000);
        }
      })
      .catch(function () { if (tries < 100) window.setTimeout(check, 10000); });
  }
  window.setTimeout(check, 2000);
})();
