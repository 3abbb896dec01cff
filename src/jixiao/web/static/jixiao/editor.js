// The table editor: rows added, moved and deleted in place; each target read by the value
// grammar as it is typed; on save, the whole sheet goes to the server as one JSON field.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) { return; }
  var checkUrl = form.dataset.checkUrl;

  function rowName(input) {
    var row = input.closest("tr");
    var name = row && row.querySelector('[data-field="name"]');
    return name ? name.value : "";
  }

  window.jixiaoCheckAsTyped(form, "target", function (input, text) {
    return checkUrl + "?text=" + encodeURIComponent(text) + "&name=" + encodeURIComponent(rowName(input));
  });

  form.addEventListener("click", function (event) {
    var button = event.target;
    var row = button.closest("tr");
    if (button.classList.contains("delete-row") && row) {
      row.remove();
    } else if (button.classList.contains("move-up") && row && row.previousElementSibling) {
      row.parentNode.insertBefore(row, row.previousElementSibling);
    } else if (button.classList.contains("move-down") && row && row.nextElementSibling) {
      row.parentNode.insertBefore(row.nextElementSibling, row);
    } else if (button.classList.contains("add-row")) {
      var section = button.dataset.for;
      var body = form.querySelector('[data-rows="' + section + '"] tbody');
      var fresh = document.getElementById("row-" + section).content.firstElementChild.cloneNode(true);
      var last = body.lastElementChild;
      if (section === "indicators" && last) {  // a new indicator starts in the block of the last one
        ["level1", "level2"].forEach(function (field) {
          fresh.querySelector('[data-field="' + field + '"]').value = last.querySelector('[data-field="' + field + '"]').value;
        });
      }
      body.appendChild(fresh);
      fresh.querySelector('[data-field="name"]').focus();
    }
  });

  function rows(section) {
    return Array.prototype.map.call(form.querySelectorAll('[data-rows="' + section + '"] tbody tr'), function (tr) {
      var row = {};
      tr.querySelectorAll("[data-field]").forEach(function (input) { row[input.dataset.field] = input.value; });
      if (section === "indicators") { row.origin = tr.dataset.origin === "" ? null : Number(tr.dataset.origin); }
      return row;
    });
  }

  function fields(section) {
    var found = {};
    form.querySelectorAll('[data-section="' + section + '"]').forEach(function (input) { found[input.dataset.key] = input.value; });
    return found;
  }

  form.addEventListener("submit", function () {
    var sheet = {
      header: fields("header"), texts: fields("texts"),
      funding: rows("funding"), expenditures: rows("expenditures"), indicators: rows("indicators")
    };
    // The annual tasks only where the form shows them (a department table's): a sheet without
    // them leaves the table's tasks as they are.
    if (form.querySelector('[data-rows="tasks"]')) { sheet.tasks = rows("tasks"); }
    document.getElementById("sheet-field").value = JSON.stringify(sheet);
  });

})();
