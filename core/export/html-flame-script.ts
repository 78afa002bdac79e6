/**
 * The script of the self-contained HTML flame graph (plain ES2017, no dependencies), inlined by html.ts.
 * It reads the profile from `<script id="profile-data" type="application/json">` and draws on a canvas:
 * boxes are coloured by frame family, or by the `fill` colours given (a differential flame graph);
 * click a box to zoom into it, Escape or "Reset" to zoom out, type to search, hover for a tooltip.
 * Names are only ever drawn with `fillText` or set with `textContent`: never parsed as markup.
 */
export const HTML_FLAME_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('profile-data').textContent);
  var n = data.parent.length, ROW = 18, i, p;
  var total = Float64Array.from(data.self), depth = new Int32Array(n), maxDepth = 0;
  for (i = n - 1; i >= 0; i--) { p = data.parent[i]; if (p >= 0) total[p] += total[i]; }
  var kids = [], roots = [];
  for (i = 0; i < n; i++) {
    kids.push([]);
    p = data.parent[i];
    depth[i] = p >= 0 ? depth[p] + 1 : 0;
    if (depth[i] > maxDepth) maxDepth = depth[i];
    (p >= 0 ? kids[p] : roots).push(i);
  }
  var heavier = function (a, b) { return total[b] - total[a] || a - b; };
  roots.sort(heavier);
  kids.forEach(function (list) { list.sort(heavier); });
  var x = new Float64Array(n), extent = 0;
  roots.forEach(function (r) { x[r] = extent; extent += total[r]; });
  for (i = 0; i < n; i++) {
    var cx = x[i];
    for (var k = 0; k < kids[i].length; k++) { x[kids[i][k]] = cx; cx += total[kids[i][k]]; }
  }

  var canvas = document.getElementById('flame'), ctx = canvas.getContext('2d');
  var tip = document.getElementById('tooltip'), status = document.getElementById('status');
  var search = document.getElementById('search');
  var view = { x0: 0, x1: extent || 1, focus: -1 }, matches = null, drawn = [];

  function label(f) { return data.frames[f][0] || '(anonymous)'; }
  function where(f) { var fr = data.frames[f]; return fr[1] ? fr[1] + ':' + fr[2] + ':' + fr[3] : ''; }
  function format(v) {
    var u = data.unit, a = Math.abs(v);
    if (u === 'microseconds') return a >= 1e6 ? (v / 1e6).toFixed(2) + ' s' : a >= 1e3 ? (v / 1e3).toFixed(2) + ' ms' : v.toFixed(0) + ' µs';
    if (u === 'bytes') {
      var units = ['B', 'KiB', 'MiB', 'GiB'], s = 0;
      while (a >= 1024 && s < units.length - 1) { a /= 1024; v /= 1024; s++; }
      return (s ? v.toFixed(2) : v.toFixed(0)) + ' ' + units[s];
    }
    return String(Math.round(v * 100) / 100);
  }
  function percent(v) { return extent > 0 ? ((v / extent) * 100).toFixed(2) + '%' : '0%'; }
  function color(node) {
    var f = data.frames[data.frame[node]];
    if (matches) return matches.has(data.frame[node]) ? '#e040a0' : '#d8d8d8';
    if (data.fill) return data.fill[node];
    var name = f[0], h = 0;
    for (var c = 0; c < name.length; c++) h = (h * 31 + name.charCodeAt(c)) | 0;
    var hue = { app: 20, dependency: 45, node: 200, native: 280, system: 0 }[f[4]] || 0;
    var sat = f[4] === 'system' ? 0 : 70;
    return 'hsl(' + hue + ',' + sat + '%,' + (55 + (Math.abs(h) % 20)) + '%)';
  }

  function draw() {
    var width = canvas.parentNode.clientWidth, ratio = window.devicePixelRatio || 1;
    var height = (maxDepth + 1) * ROW + 2;
    canvas.width = width * ratio; canvas.height = height * ratio;
    canvas.style.width = width + 'px'; canvas.style.height = height + 'px';
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px monospace'; ctx.textBaseline = 'middle';
    drawn = [];
    var scale = width / (view.x1 - view.x0), stack = roots.slice().reverse();
    while (stack.length) {
      var node = stack.pop(), left = (x[node] - view.x0) * scale, w = total[node] * scale;
      if (left + w <= 0 || left >= width || w < 0.3) continue;
      var l = Math.max(0, left), r = Math.min(width, left + w), y = depth[node] * ROW;
      ctx.fillStyle = color(node);
      ctx.fillRect(l, y, Math.max(0.5, r - l - 0.5), ROW - 1);
      drawn.push([node, l, y, r - l]);
      if (r - l > 24) {
        var text = label(data.frame[node]), max = Math.floor((r - l - 6) / 7.2);
        if (text.length > max) text = text.slice(0, Math.max(0, max - 1)) + '…';
        ctx.fillStyle = '#000'; ctx.fillText(text, l + 3, y + ROW / 2);
      }
      for (var c = kids[node].length - 1; c >= 0; c--) stack.push(kids[node][c]);
    }
    status.textContent = view.focus >= 0
      ? 'Zoomed into ' + label(data.frame[view.focus]) + ' (' + percent(total[view.focus]) + '). Escape or Reset to zoom out.'
      : 'Total ' + format(extent) + '. Click a box to zoom.';
    if (matches) status.textContent += ' Search matches ' + percent(matchedTotal()) + ' of the total.';
  }

  // Matched value, each subtree counted once (a match under a match adds nothing).
  function matchedTotal() {
    var sum = 0, stack = roots.slice();
    while (stack.length) {
      var node = stack.pop();
      if (matches.has(data.frame[node])) { sum += total[node]; continue; }
      for (var c = 0; c < kids[node].length; c++) stack.push(kids[node][c]);
    }
    return sum;
  }

  function hit(event) {
    var box = canvas.getBoundingClientRect(), mx = event.clientX - box.left, my = event.clientY - box.top;
    for (var d = 0; d < drawn.length; d++) {
      var b = drawn[d];
      if (mx >= b[1] && mx < b[1] + b[3] && my >= b[2] && my < b[2] + ROW) return b[0];
    }
    return -1;
  }
  function zoom(node) {
    view = node >= 0 && total[node] > 0 ? { x0: x[node], x1: x[node] + total[node], focus: node } : { x0: 0, x1: extent || 1, focus: -1 };
    draw();
  }

  canvas.addEventListener('click', function (event) { zoom(hit(event)); });
  canvas.addEventListener('mousemove', function (event) {
    var node = hit(event);
    if (node < 0) { tip.hidden = true; return; }
    var f = data.frame[node];
    tip.textContent = label(f) + (where(f) ? '\n' + where(f) : '') + '\n' + format(total[node]) + ' (' + percent(total[node]) + '), self ' + format(data.self[node]);
    tip.hidden = false;
    tip.style.left = Math.min(event.clientX + 12, window.innerWidth - tip.offsetWidth - 4) + 'px';
    tip.style.top = event.clientY + 14 + 'px';
  });
  canvas.addEventListener('mouseleave', function () { tip.hidden = true; });
  document.getElementById('reset').addEventListener('click', function () { zoom(-1); });
  document.addEventListener('keydown', function (event) { if (event.key === 'Escape') zoom(-1); });
  search.addEventListener('input', function () {
    var q = search.value.trim().toLowerCase();
    matches = null;
    if (q) {
      matches = new Set();
      data.frames.forEach(function (f, index) {
        if ((f[0] || '(anonymous)').toLowerCase().indexOf(q) >= 0 || f[1].toLowerCase().indexOf(q) >= 0) matches.add(index);
      });
    }
    draw();
  });
  window.addEventListener('resize', draw);
  window.hyperscopeFlame = { zoom: zoom, rects: function () { return drawn.map(function (b) { return { label: label(data.frame[b[0]]), x: b[1], y: b[2], width: b[3] }; }); } };
  draw();
})();
`;
