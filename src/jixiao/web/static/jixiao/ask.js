// One question to the server for a live check, asked again twice if the answer does not come
// (a busy server, a dropped connection); the caller is told when it never does, so a field
// is never left looking checked when it was not.
(function () {
  "use strict";
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
  window.jixiaoAsk = function (url) { return ask(url, 3); };
  window.jixiaoUnchecked = "暂时无法检查（服务器未应答），保存时仍会检查";
})();
