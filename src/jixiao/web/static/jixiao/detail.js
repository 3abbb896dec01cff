// The table page: a return may give reasons for as many indicators as the reviewer wants.
(function () {
  "use strict";
  var button = document.getElementById("more-reasons");
  if (!button) { return; }
  button.addEventListener("click", function () {
    var rows = document.querySelectorAll(".return-form .reason-row");
    var fresh = rows[rows.length - 1].cloneNode(true);
    fresh.querySelector("select").selectedIndex = 0;
    fresh.querySelector("input").value = "";
    rows[rows.length - 1].after(fresh);
  });
})();
