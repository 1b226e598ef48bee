// claimgraph pages: reader text size and claim details, the graph explorer, the dossier's small graph.
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

  var STYLE = [
    { selector: "node", style: { "label": "data(label)", "font-size": 10, "background-color": "#1f5f99", "width": 14, "height": 14, "text-valign": "bottom", "color": "#1d232a" } },
    { selector: "node[type = 'person']", style: { "background-color": "#2a7d4f" } },
    { selector: "node[type = 'place']", style: { "background-color": "#a66a00" } },
    { selector: "node.center", style: { "width": 22, "height": 22, "border-width": 2, "border-color": "#000" } },
    { selector: "node.on-path", style: { "background-color": "#c0392b", "width": 22, "height": 22 } },
    { selector: "edge", style: { "width": 1.5, "line-color": "#9aa5b1", "target-arrow-shape": "triangle", "target-arrow-color": "#9aa5b1", "curve-style": "bezier", "label": "data(relation)", "font-size": 7, "color": "#5b6670" } },
  ];

  function elements(data) {
    var out = [];
    data.nodes.forEach(function (n) { out.push({ group: "nodes", data: { id: n.id, label: n.label, type: n.type } }); });
    data.edges.forEach(function (e) { out.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, relation: e.relation, grade: e.grade } }); });
    return out;
  }

  function addElements(cy, data) {
    var fresh = elements(data).filter(function (el) { return cy.getElementById(el.data.id).empty(); });
    cy.add(fresh.filter(function (el) { return el.group === "nodes"; }));
    cy.add(fresh.filter(function (el) { return el.group === "edges" && !cy.getElementById(el.data.source).empty() && !cy.getElementById(el.data.target).empty(); }));
  }

  function layout(cy) {
    cy.layout({ name: "cose", animate: false, nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 90; }, nodeOverlap: 20, componentSpacing: 80, gravity: 0.25, numIter: 1500, randomize: true }).run();
  }

  function setupGraph() {
    var box = $("#cy");
    if (!box || typeof cytoscape === "undefined") return;
    fetch(box.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
      var cy = cytoscape({ container: box, elements: elements(data), style: STYLE, wheelSensitivity: 0.3 });
      layout(cy);
      window.cgGraph = cy;
      box.dataset.nodes = cy.nodes().length;
      box.dataset.edges = cy.edges().length;
      cy.on("tap", "node", function (event) {
        var node = event.target;
        var a = $("#path-a"), b = $("#path-b");
        if (a && !a.value) a.value = node.data("label"); else if (b && !b.value) b.value = node.data("label");
        fetch("/api/v1/graph/expand?id=" + encodeURIComponent(node.id())).then(function (r) { return r.json(); }).then(function (more) {
          addElements(cy, more);
          layout(cy);
          box.dataset.nodes = cy.nodes().length;
          box.dataset.edges = cy.edges().length;
        });
      });
      cy.on("dbltap", "node", function (event) { location.href = "/entities/" + encodeURIComponent(event.target.id()); });
    });
    document.body.addEventListener("htmx:afterSwap", function () {
      var cy = window.cgGraph, path = $("#paths .path");
      if (!cy) return;
      cy.nodes().removeClass("on-path");
      if (path) path.dataset.nodes.split(" ").forEach(function (id) { cy.getElementById(id).addClass("on-path"); });
    });
  }

  function setupMiniGraph() {
    var box = $("#mini-graph");
    if (!box || typeof cytoscape === "undefined") return;
    fetch("/api/v1/graph/expand?id=" + encodeURIComponent(box.dataset.center)).then(function (r) { return r.json(); }).then(function (data) {
      var cy = cytoscape({ container: box, elements: elements(data), style: STYLE });
      cy.getElementById(box.dataset.center).addClass("center");
      layout(cy);
      box.dataset.nodes = cy.nodes().length;
      cy.on("tap", "node", function (event) { location.href = "/entities/" + encodeURIComponent(event.target.id()); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupReader();
    setupGraph();
    setupMiniGraph();
  });
})();
