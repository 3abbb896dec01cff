// Bulk import: the files are sent one at a time, so the page can say how far it has come and
// list each file's result as it arrives.
(function () {
  "use strict";
  var form = document.getElementById("bulk");
  if (!form) { return; }
  var bar = document.getElementById("bulk-progress");
  var status = document.getElementById("bulk-status");
  var results = document.getElementById("bulk-results");

  function line(text, ok) {
    var item = document.createElement("li");
    item.textContent = text;  // never HTML: file names and errors are shown as text
    item.className = ok ? "ok" : "error";
    results.appendChild(item);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var files = Array.prototype.slice.call(document.getElementById("files").files);
    if (!files.length) { return; }
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var unit = document.getElementById("unit").value;
    var done = 0, tables = 0, failed = 0;
    bar.hidden = false; bar.max = files.length; bar.value = 0;
    results.textContent = "";
    form.querySelector("button").disabled = true;
    files.reduce(function (previous, file) {
      return previous.then(function () {
        status.textContent = "正在导入第 " + (done + 1) + " / " + files.length + " 个文件：" + file.name;
        var body = new FormData();
        body.append("file", file); body.append("unit", unit); body.append("csrfmiddlewaretoken", token);
        return fetch(form.dataset.url, {method: "POST", body: body, credentials: "same-origin"})
          .then(function (r) { return r.json(); })
          .then(function (data) {
            if (data.ok) {
              tables += data.tables.length;
              line(file.name + "：导入 " + data.tables.length + " 张表", true);
            } else {
              failed += 1;
              line(file.name + "：" + data.error, false);
            }
          }, function () { failed += 1; line(file.name + "：上传失败", false); })
          .then(function () { done += 1; bar.value = done; });
      });
    }, Promise.resolve()).then(function () {
      status.textContent = "完成：" + files.length + " 个文件，导入 " + tables + " 张表" + (failed ? "，" + failed + " 个文件未能导入" : "");
      form.querySelector("button").disabled = false;
    });
  });
})();
