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
    setupClaims(body);
  }

  // Reader: a highlighted sentence (click, or Enter/Space when focused) or a sidebar "details" button opens its
  // claims in the panel (grade, dossiers, the link's other claims); Close or Escape shuts it and returns focus.
  // "in the text" and #claim-N links mark and focus the sentence.
  function setupClaims(body) {
    var panel = $("#claim-panel"), detail = $("#claim-detail");
    if (!panel) return;
    var opener = null;
    function spansOf(id) {
      return Array.prototype.filter.call(document.querySelectorAll("#body span.ev"), function (s) {
        return s.dataset.claims.split(" ").indexOf(String(id)) >= 0;
      });
    }
    function mark(spans) {
      document.querySelectorAll("span.ev.active").forEach(function (s) { s.classList.remove("active"); });
      spans.forEach(function (s) { s.classList.add("active"); });
    }
    function open(ids, from) {
      opener = from || null;
      var url = "/claims?" + ids.map(function (id) { return "id=" + encodeURIComponent(id); }).join("&");
      htmx.ajax("GET", url, { target: "#claim-detail", swap: "innerHTML" }).then(function () {
        panel.hidden = false;
        panel.scrollIntoView({ block: "nearest" });
        $("#claim-panel-title").focus();
      });
    }
    function close() {
      panel.hidden = true;
      detail.textContent = "";
      if (opener) opener.focus();
    }
    function openSpan(span) { mark([span]); open(span.dataset.claims.split(" "), span); }
    body.addEventListener("click", function (event) {
      var span = event.target.closest("span.ev");
      if (span && !event.target.closest("a.ent")) openSpan(span);
    });
    body.addEventListener("keydown", function (event) {
      var span = event.target.closest && event.target.closest("span.ev");
      if (span && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); openSpan(span); }
    });
    $("#claim-close").addEventListener("click", close);
    document.addEventListener("keydown", function (event) { if (event.key === "Escape" && !panel.hidden) close(); });
    document.querySelectorAll("button.open-claim").forEach(function (button) {
      button.addEventListener("click", function () { mark(spansOf(button.dataset.claim)); open([button.dataset.claim], button); });
    });
    function jump() {
      if (location.hash.indexOf("#claim-") !== 0) return;
      var spans = spansOf(location.hash.slice(7));
      mark(spans);
      if (!spans.length) return;
      if (!spans[0].hasAttribute("tabindex")) spans[0].tabIndex = -1;
      spans[0].scrollIntoView({ block: "center" });
      spans[0].focus({ preventScroll: true });
    }
    window.addEventListener("hashchange", jump);
    jump();
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupReader();
  });
})();
