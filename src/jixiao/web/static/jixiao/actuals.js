// The checkpoint page: each actual value checked against its indicator's target as it is typed,
// by the server (the file import's own reading and message), before anything is saved.
(function () {
  "use strict";
  var form = document.getElementById("actuals-form");
  if (!form) { return; }
  var checkUrl = form.dataset.checkUrl;
  var timers = new WeakMap();
  var asked = new WeakMap();  // the last text sent for each input: older answers are dropped

  function check(input) {
    var verdict = input.parentNode.querySelector(".verdict");
    var text = input.value;
    asked.set(input, text);
    if (!text.trim()) {
      verdict.textContent = "";
      input.classList.remove("bad");
      verdict.classList.remove("bad");
      return;
    }
    var url = checkUrl + "?index=" + encodeURIComponent(input.dataset.index) + "&value=" + encodeURIComponent(text);
    window.jixiaoAsk(url).then(function (data) {
      if (asked.get(input) !== text) { return; }
      verdict.textContent = data.message;
      input.classList.toggle("bad", !data.ok);
      verdict.classList.toggle("bad", !data.ok);
    }, function () {
      if (asked.get(input) !== text) { return; }
      verdict.textContent = window.jixiaoUnchecked;
      verdict.classList.remove("bad");
    });
  }

  form.addEventListener("input", function (event) {
    var input = event.target;
    if (!input.classList.contains("actual")) { return; }
    clearTimeout(timers.get(input));
    timers.set(input, setTimeout(function () { check(input); }, 250));
  });
})();
