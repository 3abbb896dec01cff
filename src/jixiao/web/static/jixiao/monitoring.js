// The monitoring page's charts: for each indicator with a numeric target, what is due by the end
// of each month (the target, a line) against the actual values entered (points), drawn with the
// vendored ECharts. The data comes from the page's <script type="application/json"> block (Django's
// json_script): no inline script and no inline style, under Content-Security-Policy default-src 'self'.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var MONTHS = ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"];
  var FONT = '"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Zen Hei",sans-serif';
  var drawn = [];

  function show(value, unit) {
    if (value === null || value === undefined) { return "—"; }
    return (Math.round(value * 100) / 100).toLocaleString("zh-CN") + (unit || "");
  }

  charts.forEach(function (chart) {
    var box = document.querySelector('.chart[data-index="' + chart.index + '"]');
    if (!box) { return; }
    var actual = MONTHS.map(function () { return null; });
    chart.actual.forEach(function (point) { actual[point[0] - 1] = point[1]; });
    var targetName = chart.reverse ? "上限（指标值）" : "应完成（指标值）";
    var instance = echarts.init(box, null, {renderer: "canvas", locale: "ZH"});
    instance.setOption({
      animation: false,
      textStyle: {fontFamily: FONT},
      grid: {left: 56, right: 24, top: 58, bottom: 28},
      legend: {top: 0, data: [targetName, "实际完成值"], textStyle: {fontFamily: FONT}},
      // Rich text, drawn on the canvas: an HTML tooltip would carry inline styles the policy refuses.
      tooltip: {trigger: "axis", renderMode: "richText", valueFormatter: function (v) { return show(v, chart.unit); }},
      xAxis: {type: "category", data: MONTHS, boundaryGap: false, axisLabel: {fontFamily: FONT}},
      yAxis: {type: "value", name: chart.unit, nameTextStyle: {fontFamily: FONT}, scale: false,
              axisLabel: {fontFamily: FONT, formatter: function (v) { return (Math.round(v * 100) / 100).toLocaleString("zh-CN"); }}},
      series: [
        {name: targetName, type: "line", data: chart.target, step: chart.reverse ? "end" : false,
         symbol: "none", lineStyle: {width: 2, type: "dashed", color: "#475569"}, itemStyle: {color: "#475569"}},
        {name: "实际完成值", type: "line", data: actual, connectNulls: true, symbol: "circle", symbolSize: 9,
         lineStyle: {width: 2, color: "#1d4ed8"}, itemStyle: {color: "#1d4ed8"},
         label: {show: true, position: "top", fontFamily: FONT, formatter: function (p) { return show(p.value, chart.unit); }}}
      ]
    });
    box.dataset.drawn = "1";
    drawn.push(instance);
  });

  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () { drawn.forEach(function (c) { c.resize(); }); }, 150);
  });
})();
