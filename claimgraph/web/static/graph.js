// The graph explorer and the dossier's small graph: edges styled by grade and certainty, fcose layout, click a
// node to expand it under the page's filters (new nodes placed around it, the rest left where they are), click a
// link to see its claims, the path finder's result marked on the canvas, exports of what is shown.
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }

  var GRADE_COLOURS = { 1: "#1a7f37", 2: "#5a8f29", 3: "#1f5f99", 4: "#b7791f", 5: "#c0392b", 6: "#8a8f98" };
  var STYLE = [
    { selector: "node", style: { "label": "data(label)", "font-size": 10, "background-color": "#1f5f99", "width": 14, "height": 14, "text-valign": "bottom", "text-margin-y": 2, "color": "#1d232a", "text-wrap": "wrap", "text-max-width": 110, "text-background-color": "#ffffff", "text-background-opacity": 0.75, "text-background-padding": 1 } },
    { selector: "node[type = 'person']", style: { "background-color": "#2a7d4f" } },
    { selector: "node[type = 'place']", style: { "background-color": "#a66a00" } },
    { selector: "node.center", style: { "width": 22, "height": 22, "border-width": 2, "border-color": "#000" } },
    { selector: "node.expanded", style: { "border-width": 2, "border-color": "#1d232a" } },
    { selector: "node.on-path", style: { "background-color": "#c0392b", "width": 22, "height": 22 } },
    { selector: "edge", style: { "width": "mapData(sources, 0, 5, 1.2, 5)", "line-color": "#8a8f98", "target-arrow-shape": "triangle", "target-arrow-color": "#8a8f98", "curve-style": "bezier", "label": "data(relation)", "font-size": 7, "color": "#5b6670", "text-rotation": "autorotate" } },
    { selector: "edge[certainty = 'probable']", style: { "line-style": "dashed" } },
    { selector: "edge[certainty = 'possible'], edge[certainty = 'unknown']", style: { "line-style": "dotted" } },
    { selector: "edge.on-path", style: { "width": 5, "underlay-color": "#c0392b", "underlay-opacity": 0.35, "underlay-padding": 3 } },
    { selector: "edge:selected", style: { "underlay-color": "#e0a800", "underlay-opacity": 0.5, "underlay-padding": 4 } },
  ];
  Object.keys(GRADE_COLOURS).forEach(function (g) {
    STYLE.push({ selector: "edge[grade = " + g + "]", style: { "line-color": GRADE_COLOURS[g], "target-arrow-color": GRADE_COLOURS[g] } });
  });

  function elements(data) {
    var out = [];
    data.nodes.forEach(function (n) { out.push({ group: "nodes", data: { id: n.id, label: n.label, type: n.type } }); });
    data.edges.forEach(function (e) {
      out.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, relation: e.relation, grade: e.grade, certainty: e.certainty, sources: e.sources } });
    });
    return out;
  }

  function runLayout(cy) {
    var fcose = typeof cytoscapeFcose !== "undefined";
    var options = fcose
      ? { name: "fcose", quality: "proof", randomize: true, animate: false, nodeDimensionsIncludeLabels: true, nodeRepulsion: function () { return 45000; }, idealEdgeLength: function () { return 120; }, edgeElasticity: function () { return 0.3; }, nodeSeparation: 120, gravity: 0.15, gravityRange: 5, numIter: 5000, packComponents: true, tile: true }
      : { name: "cose", animate: false, nodeDimensionsIncludeLabels: true, randomize: true };
    cy.layout(options).run();
    separate(cy);
  }

  // fcose starts from random positions and now and then leaves two labels touching: push overlapping boxes
  // (node plus label) apart along the axis where they overlap least, until none do or we give up.
  function separate(cy) {
    var nodes = cy.nodes(), pad = 4;
    var shapes = nodes.map(function (n) {
      var b = n.boundingBox({ includeLabels: true }), p = n.position();
      return { node: n, x: p.x, y: p.y, left: p.x - b.x1 + pad, right: b.x2 - p.x + pad, up: p.y - b.y1 + pad, down: b.y2 - p.y + pad };
    });
    for (var round = 0; round < 200; round++) {
      var moved = false;
      for (var i = 0; i < shapes.length; i++) {
        for (var j = i + 1; j < shapes.length; j++) {
          var a = shapes[i], b = shapes[j];
          var dx = Math.min(a.x + a.right, b.x + b.right) - Math.max(a.x - a.left, b.x - b.left);
          var dy = Math.min(a.y + a.down, b.y + b.down) - Math.max(a.y - a.up, b.y - b.up);
          if (dx <= 0 || dy <= 0) continue;
          moved = true;
          if (dx < dy) {
            var sx = (a.x <= b.x ? 1 : -1) * (dx / 2 + 1);
            a.x -= sx; b.x += sx;
          } else {
            var sy = (a.y <= b.y ? 1 : -1) * (dy / 2 + 1);
            a.y -= sy; b.y += sy;
          }
        }
      }
      if (!moved) break;
    }
    cy.batch(function () { shapes.forEach(function (s) { s.node.position({ x: s.x, y: s.y }); }); });
  }

  // New nodes on a ring around the expanded one; nothing already drawn moves.
  function placeAround(cy, centre, fresh) {
    if (!fresh.length) return;
    var c = centre.position();
    var radius = Math.max(110, fresh.length * 70 / (2 * Math.PI));
    var mid = cy.nodes().not(fresh).boundingBox();
    var away = Math.atan2(c.y - (mid.y1 + mid.y2) / 2, c.x - (mid.x1 + mid.x2) / 2);
    fresh.forEach(function (node, i) {
      var angle = away + (i - (fresh.length - 1) / 2) * (2 * Math.PI / Math.max(fresh.length, 6));
      node.position({ x: c.x + radius * Math.cos(angle), y: c.y + radius * Math.sin(angle) });
    });
  }

  function withQuery(url, query) { return query ? url + (url.indexOf("?") >= 0 ? "&" : "?") + query : url; }

  function setupGraph() {
    var box = $("#cy");
    if (!box || typeof cytoscape === "undefined") return;
    var query = box.dataset.query || "";
    var expanded = [];
    fetch(box.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
      var cy = cytoscape({ container: box, elements: elements(data), style: STYLE, wheelSensitivity: 0.3 });
      runLayout(cy);
      window.cgGraph = cy;
      function counts() {
        box.dataset.nodes = cy.nodes().length;
        box.dataset.edges = cy.edges().length;
        $("#graph-nodes").textContent = cy.nodes().length;
        $("#graph-edges").textContent = cy.edges().length;
        var extra = expanded.map(function (id) { return "expand=" + encodeURIComponent(id); }).join("&");
        document.querySelectorAll("#graph-exports a").forEach(function (a) {
          a.href = withQuery(withQuery(a.dataset.base, query), extra);
        });
      }
      counts();
      box.dataset.ready = "1";
      cy.on("tap", "node", function (event) {
        var node = event.target;
        var a = $("#path-a"), b = $("#path-b");
        if (a && !a.value) a.value = node.data("label"); else if (b && !b.value) b.value = node.data("label");
        fetch(withQuery("/api/v1/graph/expand?id=" + encodeURIComponent(node.id()), query)).then(function (r) { return r.json(); }).then(function (more) {
          var fresh = elements(more).filter(function (el) { return cy.getElementById(el.data.id).empty(); });
          var added = cy.add(fresh.filter(function (el) { return el.group === "nodes"; }));
          cy.add(fresh.filter(function (el) { return el.group === "edges"; }));
          placeAround(cy, node, added);
          node.addClass("expanded");
          if (expanded.indexOf(node.id()) < 0) expanded.push(node.id());
          counts();
          box.dataset.expandedCount = expanded.length;
        });
      });
      cy.on("dbltap", "node", function (event) { location.href = "/entities/" + encodeURIComponent(event.target.id()); });
      cy.on("tap", "edge", function (event) {
        var e = event.target.data();
        var panel = $("#edge-panel");
        var url = "/graph/edge?s=" + encodeURIComponent(e.source) + "&r=" + encodeURIComponent(e.relation) + "&o=" + encodeURIComponent(e.target);
        htmx.ajax("GET", url, { target: "#edge-detail", swap: "innerHTML" }).then(function () {
          panel.hidden = false;
          var title = $("#edge-detail .edge-title");
          if (title) { title.tabIndex = -1; title.focus(); }
        });
      });
    });
    var close = $("#edge-close");
    if (close) close.addEventListener("click", function () { $("#edge-panel").hidden = true; if (window.cgGraph) window.cgGraph.edges().unselect(); });
    document.body.addEventListener("htmx:afterSwap", function (event) {
      var cy = window.cgGraph, path = $("#paths .path");
      if (!cy || event.target.id !== "paths") return;
      cy.elements().removeClass("on-path");
      if (!path) return;
      var ids = path.dataset.nodes.split(" ");
      ids.forEach(function (id, i) {
        cy.getElementById(id).addClass("on-path");
        if (i > 0) cy.getElementById(id).edgesWith(cy.getElementById(ids[i - 1])).addClass("on-path");
      });
    });
  }

  function setupMiniGraph() {
    var box = $("#mini-graph");
    if (!box || typeof cytoscape === "undefined") return;
    fetch("/api/v1/graph/expand?id=" + encodeURIComponent(box.dataset.center)).then(function (r) { return r.json(); }).then(function (data) {
      var cy = cytoscape({ container: box, elements: elements(data), style: STYLE });
      cy.getElementById(box.dataset.center).addClass("center");
      runLayout(cy);
      box.dataset.nodes = cy.nodes().length;
      cy.on("tap", "node", function (event) { location.href = "/entities/" + encodeURIComponent(event.target.id()); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setupGraph();
    setupMiniGraph();
  });
})();
