// Dashboard charts: achievement by child organisation, status distribution, rollup trend.
(function () {
  "use strict";
  var charts = [];
  var LABELS = {
    vi: { exceeded: "Vượt", met: "Đạt", on_track: "Đúng tiến độ", behind: "Chậm tiến độ", not_met: "Chưa đạt", no_data: "Chưa có số liệu", mean: "Mức đạt bình quân", met_share: "Đạt / tổng", plan: "Kế hoạch theo tiến độ" },
    en: { exceeded: "Exceeded", met: "Met", on_track: "On track", behind: "Behind", not_met: "Not met", no_data: "No data", mean: "Mean achievement", met_share: "Met / total", plan: "Plan at pace" }
  };
  function draw() {
    var C = window.ChiTieuCharts;
    if (!window.Chart || !C) { return; }
    var labels = LABELS[(document.documentElement.lang || "vi").slice(0, 2)] || LABELS.vi;
    charts.forEach(function (c) { c.destroy(); });
    charts = [];
    var pct = function (v) { return C.numberFormat.format(v) + "%"; };
    var children = C.readJson("children-data");
    var el = document.getElementById("children-chart");
    if (children && children.length && el) {
      charts.push(new window.Chart(el, {
        type: "bar",
        data: {
          labels: children.map(function (c) { return c.name; }),
          datasets: [{ data: children.map(function (c) { return c.mean_pct; }), backgroundColor: children.map(function (c) { return C.colours[c.tone]; }) }]
        },
        options: { indexAxis: "y", maintainAspectRatio: false, plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (c) { return pct(c.parsed.x); } } } },
                   scales: { x: { min: 0, max: 100, ticks: { callback: pct } } } }
      }));
    }
    var status = C.readJson("status-data");
    el = document.getElementById("status-chart");
    if (status && el) {
      var keys = Object.keys(status).filter(function (k) { return status[k] > 0; });
      charts.push(new window.Chart(el, {
        type: "doughnut",
        data: { labels: keys.map(function (k) { return labels[k]; }), datasets: [{ data: keys.map(function (k) { return status[k]; }), backgroundColor: keys.map(function (k) { return C.colours[k]; }) }] },
        options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" } } }
      }));
    }
    var trend = C.readJson("rollup-trend-data");
    el = document.getElementById("rollup-trend-chart");
    if (trend && el) {
      charts.push(new window.Chart(el, {
        type: "line",
        data: {
          labels: trend.map(function (p) { var d = p.cut_off.split("-"); return +d[2] + "/" + +d[1] + "/" + d[0]; }),
          datasets: [
            { label: labels.mean, data: trend.map(function (p) { return p.mean_pct; }), borderColor: "#1f5fa8", backgroundColor: "#1f5fa8", spanGaps: true },
            // The plan's pace: the share of each year's plan due by the point (about 50% at 30/6, 100% at 31/12).
            { label: labels.plan, data: trend.map(function (p) { return p.plan_pct; }), borderColor: "#b3121f", backgroundColor: "#b3121f", borderDash: [6, 4], borderWidth: 2, pointRadius: 2, spanGaps: true }
          ]
        },
        options: { maintainAspectRatio: false, plugins: { legend: { position: "bottom" }, tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + pct(c.parsed.y); } } } },
                   scales: { y: { min: 0, max: 100, ticks: { callback: pct } } } }
      }));
    }
  }
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(draw);
  document.addEventListener("htmx:afterSettle", draw);
})();
