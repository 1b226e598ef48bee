// claimgraph pages: reader text size and claim details (the graphs are in graph.js, the timeline in timeline.js).
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }

  // Reader: larger/smaller text, remembered across pages.
  function setupReader() {
    var body = $("#body");
    if (!body) return;
    var size = parseFloat(localStorage.getItem("cg-reader-size") || "1.1");
    function apply() { document.documentElement.style.setProperty("--reader-size", size.toFixed(2) + "rem"); }
    apply();
    var larger = $("#text-larger"), smaller = $("#text-smaller"), print = $("#print-page");
    if (print) print.addEventListener("click", function () { window.print(); });
    if (larger) larger.addEventListener("click", function () { size = Math.min(2.2, size + 0.1); apply(); localStorage.setItem("cg-reader-size", size); });
    if (smaller) smaller.addEventListener("click", function () { size = Math.max(0.8, size - 0.1); apply(); localStorage.setItem("cg-reader-size", size); });
    var panel = $("#claim-panel"), detail = $("#claim-detail");
    body.addEventListener("click", function (event) {
      var span = event.target.closest("span.ev");
      if (!span || !panel || event.target.closest("a.ent")) return;
      document.querySelectorAll("span.ev.active").forEach(function (s) { s.classList.remove("active"); });
      span.classList.add("active");
      detail.textContent = "";
      span.dataset.claims.split(" ").forEach(function (id) {
        var row = document.getElementById("c" + id);
        if (!row) return;
        var d = row.dataset;
        [["Claim", d.subject + (d.polarity === "negative" ? " not " : " ") + d.relation + " " + d.object],
         ["Source", d.source], ["Certainty", d.certainty], ["Rule", d.rule]].forEach(function (pair) {
          var dt = document.createElement("dt"), dd = document.createElement("dd");
          dt.textContent = pair[0]; dd.textContent = pair[1];
          detail.appendChild(dt); detail.appendChild(dd);
        });
      });
      panel.hidden = false;
    });
    if (location.hash.indexOf("#claim-") === 0) {
      var id = location.hash.slice(7);
      document.querySelectorAll("span.ev").forEach(function (s) {
        if (s.dataset.claims.split(" ").indexOf(id) >= 0) s.classList.add("active");
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupReader();
  });
})();
