// Fields checked by the server as they are typed (the editor's targets, the actual values):
// a quarter of a second after the last key, the text goes to the server and its answer is
// shown beside the field; an answer to an older text is dropped. A question that gets no
// answer, or a server error, is asked again twice; if it never comes the field says so, so
// that it never looks checked when it was not.
(function () {
  "use strict";
  var UNCHECKED = "暂时无法检查（服务器未应答），保存时仍会检查";

  function ask(url, tries) {
    return fetch(url, {credentials: "same-origin"}).then(function (r) {
      if (r.status >= 500) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).catch(function (error) {
      if (tries <= 1) { throw error; }
      return new Promise(function (resolve) { setTimeout(resolve, 300); }).then(function () {
        return ask(url, tries - 1);
      });
    });
  }

  // The inputs of `form` with class `fieldClass`; urlFor(input, text) is the question to ask.
  window.jixiaoCheckAsTyped = function (form, fieldClass, urlFor) {
    var timers = new WeakMap();
    var asked = new WeakMap();  // the last text sent for each input

    function show(input, verdict, message, bad) {
      verdict.textContent = message;
      input.classList.toggle("bad", bad);
      verdict.classList.toggle("bad", bad);
    }

    function check(input) {
      var verdict = input.parentNode.querySelector(".verdict");
      if (!verdict) { return; }
      var text = input.value;
      asked.set(input, text);
      if (!text.trim()) { show(input, verdict, "", false); return; }
      ask(urlFor(input, text), 3).then(function (data) {
        if (asked.get(input) === text) { show(input, verdict, data.message, !data.ok); }
      }, function () {
        if (asked.get(input) === text) { show(input, verdict, UNCHECKED, false); }
      });
    }

    form.addEventListener("input", function (event) {
      var input = event.target;
      if (!input.classList.contains(fieldClass)) { return; }
      clearTimeout(timers.get(input));
      timers.set(input, setTimeout(function () { check(input); }, 250));
    });
  };
})();
