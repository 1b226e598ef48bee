// The visual timeline (vis-timeline): one row per kind of incident and one for dated claims; an incident reported
// to the month or year is drawn as that month or year; casualty counts and the number of reports on each item.
// Selecting an item scrolls to it in the list below, which carries every source.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // [start, end] of an ISO date at its precision ("2024", "2024-03", "2024-03-15"); end null for a day.
  function span(date) {
    var p = date.split("-").map(Number);
    if (p.length === 1) return [p[0] + "-01-01", (p[0] + 1) + "-01-01"];
    if (p.length === 2) return [p[0] + "-" + pad(p[1]) + "-01", p[1] === 12 ? (p[0] + 1) + "-01-01" : p[0] + "-" + pad(p[1] + 1) + "-01"];
    return [date.slice(0, 10), null];
  }

  function label(item) {
    var text = item.kind === "event" ? item.what + (item.location ? " in " + item.location : "") : item.summary;
    var counts = [];
    if (item.killed != null) counts.push(item.killed + " killed");
    if (item.wounded != null) counts.push(item.wounded + " wounded");
    if (item.arrested != null) counts.push(item.arrested + " arrested");
    if (counts.length) text += " · " + counts.join(", ");
    if (item.sources && item.sources.length > 1) text += " · " + item.sources.length + " reports";
    var el = document.createElement("span");
    el.textContent = text;
    return el;
  }

  function setup() {
    var box = document.getElementById("timeline-vis");
    if (!box || typeof vis === "undefined" || !vis.Timeline) return;
    fetch(box.dataset.src).then(function (r) { return r.json(); }).then(function (data) {
      var kinds = [], items = [];
      data.items.forEach(function (item) {
        var group = item.kind === "event" ? item.what : "claim";
        if (kinds.indexOf(group) < 0) kinds.push(group);
        var when = span(item.date);
        var entry = { id: item.kind + "-" + item.id, group: group, start: when[0], content: label(item),
                      className: "tl-" + item.kind + (item.killed ? " tl-deadly" : "") };
        if (when[1]) { entry.end = when[1]; entry.type = "range"; } else { entry.type = "box"; }
        items.push(entry);
      });
      if (!items.length) { box.hidden = true; return; }
      var groups = kinds.map(function (k) { return { id: k, content: k === "claim" ? "claims" : k + "s" }; });
      var timeline = new vis.Timeline(box, new vis.DataSet(items), new vis.DataSet(groups),
        { stack: true, orientation: "top", maxHeight: 520, zoomKey: "ctrlKey", margin: { item: 4 } });
      timeline.on("select", function (props) {
        var target = props.items.length && document.getElementById(props.items[0]);
        if (target) { target.classList.add("picked"); target.tabIndex = -1; target.focus(); target.scrollIntoView({ block: "center" }); }
      });
      window.cgTimeline = timeline;
      box.dataset.items = items.length;
    });
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
