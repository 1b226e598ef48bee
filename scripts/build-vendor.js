// Copies the pinned front-end libraries from node_modules into the package's git-ignored vendor folder.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const target = path.join(root, "claimgraph", "web", "static", "vendor");
const files = [
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
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
