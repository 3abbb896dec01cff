// The checkpoint page: each actual value checked against its indicator's target as it is typed,
// by the server (the file import's own reading and message), before anything is saved.
(function () {
  "use strict";
  var form = document.getElementById("actuals-form");
  if (!form) { return; }
  var checkUrl = form.dataset.checkUrl;
  window.jixiaoCheckAsTyped(form, "actual", function (input, text) {
    return checkUrl + "?index=" + encodeURIComponent(input.dataset.index) + "&value=" + encodeURIComponent(text);
  });
})();
