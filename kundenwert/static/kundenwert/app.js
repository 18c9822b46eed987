// Kundenwert: a little plain JavaScript on top of pages that work without it.
// Data from the server is only ever put into the page with textContent, never innerHTML.
"use strict";

(function () {
  // --- confirm dialog: ask before a form with data-confirm is sent --------------------
  function confirmDialog(message) {
    const dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") {
      return Promise.resolve(window.confirm(message));
    }
    document.getElementById("confirm-message").textContent = message;
    dialog.returnValue = "";
    return new Promise(function (resolve) {
      // The buttons sit in a <form method="dialog">: they close it with their value.
      dialog.addEventListener("close", function () { resolve(dialog.returnValue === "yes"); }, { once: true });
      dialog.showModal();
      dialog.querySelector("button[value=yes]").focus();
    });
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.dataset.confirm || form.dataset.confirmed) return;
    event.preventDefault();
    const submitter = event.submitter; // sent again, so that its name and value go along
    confirmDialog(form.dataset.confirm).then(function (yes) {
      if (yes) { form.dataset.confirmed = "1"; form.requestSubmit(submitter); }
    });
  });

  // --- channel rules: ask before saving a contact by a channel the group should not get
  function allowedChannels(form) {
    const list = (form.dataset.allowedChannels || "").trim();
    return list ? list.split(/\s+/) : [];
  }

  function optionLabel(select, value) {
    const option = Array.from(select.options).find(function (o) { return o.value === value; });
    return option ? option.textContent : value;
  }

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.matches("[data-channel-check]") || form.dataset.channelConfirmed) return;
    const select = form.querySelector("select[name=channel]");
    const allowed = allowedChannels(form);
    if (!select || !allowed.length || allowed.includes(select.value)) return;
    if (event.submitter && event.submitter.name === "confirm_channel") return;
    event.preventDefault();
    const message = form.dataset.warning
      .replace("{allowed}", allowed.map(function (c) { return optionLabel(select, c); }).join(", "))
      .replace("{channel}", optionLabel(select, select.value));
    const submitter = event.submitter;
    confirmDialog(message).then(function (yes) {
      if (!yes) { select.focus(); return; }
      const flag = document.createElement("input");
      flag.type = "hidden"; flag.name = "confirm_channel"; flag.value = "1";
      form.appendChild(flag);
      form.dataset.channelConfirmed = "1";
      form.requestSubmit(submitter);
    });
  });

  // --- quick log: Alt+L (or the menu link) opens the contact form in a dialog ---------
  function openQuickLog(customer) {
    const pageForm = document.querySelector("main .interaction-form");
    if (pageForm) { pageForm.querySelector("[data-typeahead]").focus(); return true; }
    const dialog = document.getElementById("quick-log");
    if (!dialog || typeof dialog.showModal !== "function") return false;
    const form = dialog.querySelector("form");
    if (customer) {
      form.querySelector("[name=customer]").value = customer.id;
      form.querySelector("[data-typeahead]").value = customer.name;
      form.dataset.allowedChannels = customer.channels;
    }
    dialog.showModal();
    const first = customer ? form.querySelector("select[name=channel]") : form.querySelector("[data-typeahead]");
    first.focus();
    return true;
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-quick-log]");
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
      const customer = link.dataset.customer
        ? { id: link.dataset.customer, name: link.dataset.customerName, channels: link.dataset.channels }
        : null;
      if (openQuickLog(customer)) event.preventDefault();
    }
    const closer = event.target.closest("[data-close-dialog]");
    if (closer) closer.closest("dialog").close();
  });

  document.addEventListener("keydown", function (event) {
    // event.code, not event.key: Alt+L types "¬" on a Mac keyboard.
    if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === "KeyL") {
      if (openQuickLog(null)) event.preventDefault();
    }
  });

  // --- customer type-ahead (ARIA combobox) --------------------------------------------
  function setUpTypeahead(input) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    const idField = document.getElementById(input.dataset.idField);
    const form = input.form;
    let results = [];
    let active = -1;
    let timer = null;
    let request = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function render() {
      list.replaceChildren();
      if (!results.length) {
        const empty = document.createElement("li");
        empty.textContent = input.dataset.empty;
        empty.setAttribute("aria-disabled", "true");
        list.appendChild(empty);
      }
      results.forEach(function (customer, index) {
        const item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", index === active ? "true" : "false");
        item.textContent = customer.name;
        const number = document.createElement("span");
        number.className = "muted";
        number.textContent = customer.number;
        item.appendChild(number);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (active >= 0) input.setAttribute("aria-activedescendant", list.id + "-" + active);
    }

    function choose(index) {
      const customer = results[index];
      if (!customer) return;
      input.value = customer.name;
      idField.value = customer.id;
      form.dataset.allowedChannels = customer.channels.join(" ");
      close();
    }

    function search() {
      const query = input.value.trim();
      if (query.length < 2) { close(); return; }
      const mine = ++request;
      fetch(input.dataset.typeahead + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (mine !== request) return; // an older answer arriving late
          results = data.results; active = results.length ? 0 : -1; render();
        })
        .catch(close);
    }

    input.addEventListener("input", function () {
      idField.value = "";
      form.dataset.allowedChannels = "";
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + results.length) % Math.max(results.length, 1);
        render();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation(); // close the list, not the dialog around it
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  // --- call timer: counts while on the phone, then fills in the minutes --------------
  function setUpTimer(button) {
    const field = document.getElementById(button.dataset.timerFor);
    const clock = button.parentElement.querySelector(".timer-clock");
    let started = null;
    let tick = null;
    button.hidden = false;

    function show(seconds) {
      const minutes = Math.floor(seconds / 60);
      clock.textContent = minutes + ":" + String(seconds % 60).padStart(2, "0");
    }

    button.addEventListener("click", function () {
      if (started === null) {
        started = Date.now();
        button.textContent = button.dataset.stop;
        button.setAttribute("aria-pressed", "true");
        show(0);
        tick = setInterval(function () { show(Math.floor((Date.now() - started) / 1000)); }, 1000);
      } else {
        clearInterval(tick);
        const seconds = Math.floor((Date.now() - started) / 1000);
        field.value = Math.max(1, Math.ceil(seconds / 60)); // a started minute counts
        started = null;
        button.textContent = button.dataset.start;
        button.setAttribute("aria-pressed", "false");
        field.focus();
      }
    });
  }

  // --- drop zone: drag files onto the import form -------------------------------------
  function setUpDropzone(zone) {
    const input = zone.querySelector("input[type=file]");
    const names = zone.querySelector(".dropzone-files");

    function list() {
      names.textContent = Array.from(input.files).map(function (f) { return f.name; }).join(", ");
    }
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("dragging"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("dragging"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      input.files = event.dataTransfer.files;
      list();
    });
    input.addEventListener("change", list);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-typeahead]").forEach(setUpTypeahead);
    document.querySelectorAll("[data-timer-for]").forEach(setUpTimer);
    document.querySelectorAll("[data-dropzone]").forEach(setUpDropzone);
  });
})();
