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
    var canvas = document.getElementById("trend-chart");
    if (trend && canvas) {
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: trend.map(function (p) { var d = p.cut_off.split("-"); return +d[2] + "/" + +d[1] + "/" + d[0]; }),
          datasets: [{ data: trend.map(function (p) { return p.value; }), borderColor: "#1f5fa8", backgroundColor: "#1f5fa8", tension: 0 }]
        },
        options: {
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return numberFormat.format(c.parsed.y); } } } },
          scales: { y: { ticks: { callback: function (v) { return numberFormat.format(v); } } } }
        }
      });
    }
  });
})();
