// Charts from data embedded with json_script; Chart.js is vendored under static/vendor.
(function () {
  "use strict";
  var STATUS_COLOURS = {
    exceeded: "#1b7f3b", met: "#2e9c57", not_met: "#c62828", behind: "#d97706", on_track: "#2563eb", no_data: "#8a94a6"
  };
  var lang = document.documentElement.lang || "vi";
  var numberFormat = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2 });
  function readJson(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  window.ChiTieuCharts = { colours: STATUS_COLOURS, readJson: readJson, numberFormat: numberFormat };
  ready(function () {
    if (!window.Chart) { return; }
    window.Chart.defaults.font.size = 15;
    window.Chart.defaults.animation = false;
    var trend = readJson("trend-data");
    var plan = readJson("trend-plan") || { levels: [], label: "", reverse: false };
    var canvas = document.getElementById("trend-chart");
    if (trend && canvas) {
      var datasets = [{ data: trend.map(function (p) { return p.value; }), borderColor: "#1f5fa8", backgroundColor: "#1f5fa8", tension: 0 }];
      // The plan as a dashed level line, so the axis shows how far the readings are from it.
      plan.levels.forEach(function (level) {
        datasets.push({ label: plan.label, data: trend.map(function () { return level; }), borderColor: "#b3121f", borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false });
      });
      // An honest axis: from 0 (ranks: from 1, best on top), and always reaching the plan.
      var y = plan.reverse ? { reverse: true, min: 1 } : { beginAtZero: true };
      y.ticks = { callback: function (v) { return numberFormat.format(v); } };
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: trend.map(function (p) { var d = p.cut_off.split("-"); return +d[2] + "/" + +d[1] + "/" + d[0]; }),
          datasets: datasets
        },
        options: {
          maintainAspectRatio: false,
          plugins: { legend: { display: plan.levels.length > 0, labels: { filter: function (item) { return item.datasetIndex === 1; } } },
                     tooltip: { callbacks: { label: function (c) { return (c.datasetIndex ? plan.label + ": " : "") + numberFormat.format(c.parsed.y); } } } },
          scales: { y: y }
        }
      });
    }
  });
})();
