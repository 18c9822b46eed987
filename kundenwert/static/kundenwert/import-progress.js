// The import job page: asks the job's status URL once a second and moves the progress bar;
// when the job has ended, the page is loaded again and shows the preview or the result.
// Without this script, the page reloads itself (<noscript> meta refresh) or by its link.
"use strict";

(function () {
  const box = document.querySelector("[data-import-status]");
  if (!box) return;
  const url = box.dataset.importStatus;
  const stage = box.querySelector("[data-stage]");
  const bar = box.querySelector("[data-bar]");
  const count = box.querySelector("[data-count]");
  let failures = 0;

  function show(status) {
    stage.textContent = status.label;
    count.textContent = status.count;
    if (status.total > 0) {
      bar.max = status.total;
      bar.value = Math.min(status.done, status.total);
      bar.textContent = status.percent + " %";
    } else {
      bar.removeAttribute("value"); // an unknown total: the bar shows that work goes on
      bar.textContent = "";
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (status) {
        failures = 0;
        show(status);
        if (status.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () {
        // A restarting server or a lost connection: try again, less often.
        failures += 1;
        window.setTimeout(poll, Math.min(10000, 1000 * Math.pow(2, failures)));
      });
  }

  window.setTimeout(poll, 1000);
})();
