// Copies the pinned front-end libraries from node_modules into the package's git-ignored vendor folder.
// axe-core is not copied: only the browser tests use it, injecting node_modules/axe-core/axe.min.js themselves.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "claimgraph", "web", "static", "vendor");
const files = [
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
  // fcose and the two layout bases it runs on, as browser globals (layoutBase -> coseBase -> cytoscapeFcose)
  ["layout-base/layout-base.js", "layout-base.js"],
  ["cose-base/cose-base.js", "cose-base.js"],
  ["cytoscape-fcose/cytoscape-fcose.js", "cytoscape-fcose.js"],
  // vis-timeline's "peer" build: it injects no <style> (the CSP allows none); moment and vis-data load first
  ["moment/min/moment.min.js", "moment.min.js"],
  ["vis-data/peer/umd/vis-data.min.js", "vis-data.min.js"],
  ["vis-timeline/peer/umd/vis-timeline-graph2d.min.js", "vis-timeline-graph2d.min.js"],
  ["vis-timeline/styles/vis-timeline-graph2d.min.css", "vis-timeline-graph2d.min.css"],
];

fs.mkdirSync(target, { recursive: true });
for (const [from, to] of files) {
  const source = path.join(root, "node_modules", from);
  if (!fs.existsSync(source)) {
    console.error(`missing ${source}: run npm ci first`);
    process.exit(1);
  }
  fs.copyFileSync(source, path.join(target, to));
  console.log(`vendor: ${to}`);
}
