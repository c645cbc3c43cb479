/**
 * The report page's own script, inlined after uPlot. It reads the chart data from the page's JSON element
 * and only draws: uPlot charts with every policy overlaid, fault windows shaded and labelled, threshold
 * lines, recovery markers, one legend that toggles a policy on every chart, dark mode and print.
 *
 * Kept as plain ES2017 in a string: the page needs no build step and the repository's TypeScript has no
 * DOM types. The browser test (test/report) is what checks it. It never sets innerHTML: every label goes
 * in through textContent or the canvas, so hostile policy names stay text.
 */
// biome-ignore lint/complexity/noUselessStringRaw: raw, so a backslash added to the page's script reaches the browser as written
export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('pollstorm-data').textContent);
  var HEIGHT = 250;
  var PRINT_WIDTH = 680;
  var shown = data.columns.map(function () { return true; });
  var printing = false;
  var charts = [];
  var logChoice = {};
  var compactLegend = data.columns.length > 4;
  window.pollstormReport = { charts: 0, scriptDoneAtMs: null, renderedAtMs: null };

  function unpack(y) { return Array.isArray(y) ? y : new Array(y.zeros).fill(0); }

  function theme() {
    var el = printing ? document.querySelector('.theme-light') : document.documentElement;
    var cs = getComputedStyle(el);
    function v(name) { return cs.getPropertyValue(name).trim(); }
    var colors = [];
    for (var i = 0; i < 8; i++) colors.push(v('--c' + i));
    return { fg: v('--fg'), muted: v('--muted'), grid: v('--grid'), bg: v('--bg'), fault: v('--fault'), faultLabel: v('--fault-label'), colors: colors };
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }
  function clock(s) {
    s = Math.round(s);
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return data.durationS >= 3600 ? h + ':' + pad2(m) + ':' + pad2(sec) : (h * 60 + m) + ':' + pad2(sec);
  }
  function compact(v) {
    if (v == null) return '';
    var a = Math.abs(v);
    if (a >= 1e6) return +(v / 1e6).toPrecision(3) + 'M';
    if (a >= 1e4) return +(v / 1e3).toPrecision(3) + 'k';
    if (a >= 100) return String(Math.round(v));
    return String(+v.toPrecision(3));
  }
  // Decades only on a log axis, unless the range is too narrow for them to say anything.
  function logSplits(u, axisIdx, min, max) {
    var out = [], lo = Math.ceil(Math.log10(min) - 1e-9), hi = Math.floor(Math.log10(max) + 1e-9);
    var mults = hi - lo >= 2 ? [1] : hi - lo >= 1 ? [1, 2, 5] : [1, 2, 3, 5, 7];
    for (var k = lo - 1; k <= hi; k++) {
      mults.forEach(function (m) { var v = m * Math.pow(10, k); if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) out.push(+v.toPrecision(3)); });
    }
    return out;
  }
  function valueText(v) { return v == null ? '–' : compact(v); }

  function dashFor(s, col) {
    if (s.dash === 'dashed') return col.alt ? [10, 3, 2, 3] : [6, 4];
    return col.alt ? [2, 3] : undefined;
  }

  function drawText(ctx, text, x, y, color, bg, align) {
    var px = uPlot.pxRatio;
    ctx.font = (11 * px) + 'px system-ui, sans-serif';
    ctx.textAlign = align || 'left';
    ctx.textBaseline = 'top';
    var w = ctx.measureText(text).width;
    var left = align === 'right' ? x - w : x;
    ctx.fillStyle = bg;
    ctx.globalAlpha = 0.85;
    ctx.fillRect(left - 2 * px, y - 1 * px, w + 4 * px, 14 * px);
    ctx.globalAlpha = 1;
    ctx.fillStyle = color;
    ctx.fillText(text, x, y);
    return w;
  }

  function drawFaultBands(u, t) {
    var ctx = u.ctx, b = u.bbox;
    ctx.save();
    ctx.fillStyle = t.fault;
    data.faults.forEach(function (f) {
      var x0 = Math.max(b.left, u.valToPos(f.startS, 'x', true));
      var x1 = Math.min(b.left + b.width, u.valToPos(f.endS, 'x', true));
      if (x1 > x0) ctx.fillRect(x0, b.top, Math.max(x1 - x0, uPlot.pxRatio), b.height);
    });
    ctx.restore();
  }

  function drawOverlays(u, chart, t) {
    var ctx = u.ctx, b = u.bbox, px = uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.left, b.top, b.width, b.height);
    ctx.clip();
    // Fault labels along the top edge, where the band is wide enough to hold them.
    var labelEnd = -Infinity;
    data.faults.forEach(function (f) {
      var x0 = Math.max(b.left, u.valToPos(f.startS, 'x', true));
      if (x0 < labelEnd) return;
      var w = drawText(ctx, f.label, x0 + 3 * px, b.top + 3 * px, t.faultLabel, t.bg);
      labelEnd = x0 + w + 12 * px;
    });
    // Threshold lines: dashed, labelled at the right end.
    (chart.spec.thresholds || []).forEach(function (th, i) {
      var y = u.valToPos(th.value, 'y', true);
      if (!(y >= b.top && y <= b.top + b.height)) return;
      ctx.strokeStyle = t.fg;
      ctx.lineWidth = 1.5 * px;
      ctx.setLineDash([8 * px, 4 * px]);
      ctx.beginPath();
      ctx.moveTo(b.left, y);
      ctx.lineTo(b.left + b.width, y);
      ctx.stroke();
      ctx.setLineDash([]);
      // Above the line, unless that would run into the fault labels along the top edge.
      var ty = y - 16 * px - i * 2 * px < b.top + 18 * px ? y + 4 * px : y - 16 * px;
      drawText(ctx, th.label, b.left + b.width - 4 * px, ty, t.fg, t.bg, 'right');
    });
    // Recovery points: a dotted vertical line in the policy's colour with a marker at the bottom. Policies
    // that recovered at the same moment share one label.
    var visible = data.columns.filter(function (c, i) { return shown[i] && c.recoveryAtS != null && chart.columns.indexOf(i) >= 0; });
    var groups = [];
    data.columns.forEach(function (c, i) {
      if (!shown[i] || c.recoveryAtS == null || chart.columns.indexOf(i) < 0) return;
      var x = u.valToPos(c.recoveryAtS, 'x', true);
      if (x < b.left || x > b.left + b.width) return;
      var color = t.colors[c.color];
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5 * px;
      ctx.setLineDash([2 * px, 3 * px]);
      ctx.beginPath();
      ctx.moveTo(x, b.top);
      ctx.lineTo(x, b.top + b.height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(x - 5 * px, b.top + b.height);
      ctx.lineTo(x + 5 * px, b.top + b.height);
      ctx.lineTo(x, b.top + b.height - 8 * px);
      ctx.closePath();
      ctx.fill();
      var g = groups.filter(function (gr) { return Math.abs(gr.x - x) < 1; })[0];
      if (g) g.members.push(c);
      else groups.push({ x: x, members: [c] });
    });
    if (groups.length <= 4) {
      groups.forEach(function (g, row) {
        var one = g.members.length === 1;
        var text = one ? g.members[0].recoveryLabel
          : g.members[0].recoveryLabel + (g.members.length === visible.length ? ' (all)' : ' (' + g.members.length + ' policies)');
        drawText(ctx, text, g.x + 4 * px, b.top + b.height - (26 + 15 * row) * px, one ? t.colors[g.members[0].color] : t.fg, t.bg);
      });
    }
    ctx.restore();
  }

  function yRange(chart, log) {
    var extra = (chart.spec.thresholds || []).map(function (th) { return th.value; });
    return function (u, min, max) {
      extra.forEach(function (v) { if (v > 0 || !log) { min = min == null ? v : Math.min(min, v); max = max == null ? v : Math.max(max, v); } });
      if (min == null || max == null) return log ? [1, 10] : [0, 1];
      if (log) return uPlot.rangeLog(Math.max(min, 1e-3), Math.max(max, min * 10), 10, true);
      return [0, max > 0 ? max * 1.08 : 1];
    };
  }

  function timeData(spec) {
    var bySummary = [];
    spec.series.forEach(function (s) {
      var g = data.columns[s.column].summary;
      var last = bySummary[bySummary.length - 1];
      if (!last || last.summary !== g) { last = { summary: g, ys: [] }; bySummary.push(last); }
      last.ys.push(s.y);
    });
    var tables = bySummary.map(function (grp) {
      var x = data.xs[grp.summary];
      return [x].concat(grp.ys.map(function (y) {
        var v = unpack(y);
        if (v.length < x.length) v = v.concat(new Array(x.length - v.length).fill(null));
        return v;
      }));
    });
    return tables.length === 1 ? tables[0] : uPlot.join(tables);
  }

  function build(chart) {
    var spec = chart.spec, t = theme();
    var el = chart.el;
    el.textContent = '';
    var width = printing ? PRINT_WIDTH : Math.max(280, el.clientWidth);
    var isTime = spec.kind === 'time';
    var log = isTime ? (logChoice[spec.id] != null ? logChoice[spec.id] : spec.log) : true;
    var axisFont = '12px system-ui, sans-serif';
    var series = [{ label: isTime ? 'time' : 'percentile', value: function (u, v) { return v == null ? '–' : isTime ? clock(v) : (spec.xLabels[spec.x.indexOf(v)] || ''); } }];
    spec.series.forEach(function (s) {
      var col = data.columns[s.column];
      series.push({
        label: s.label,
        stroke: t.colors[col.color],
        width: 2,
        dash: dashFor(s, col),
        show: shown[s.column],
        spanGaps: !isTime,
        points: isTime ? { show: false } : { show: true, size: 7, fill: t.colors[col.color] },
        value: function (u, v) { return valueText(v); },
      });
    });
    var opts = {
      width: width,
      height: HEIGHT,
      pxAlign: false,
      // Past four policies a legend under every chart is longer than the chart: a one-line readout instead.
      legend: { show: !compactLegend, live: true },
      cursor: isTime ? { sync: { key: 'time', setSeries: false }, drag: { x: true, y: false } } : { drag: { x: false, y: false } },
      scales: {
        x: isTime ? { time: false, range: function (u, min, max) { return [0, Math.max(data.durationS, max || 1)]; } } : { time: false, range: function () { return [spec.x[0] - 0.15, spec.x[spec.x.length - 1] + 0.15]; } },
        y: { distr: log ? 3 : 1, log: 10, range: yRange(chart, log) },
      },
      axes: [
        {
          label: isTime ? (data.durationS >= 3600 ? 'time since start (h:mm:ss)' : 'time since start (min:s)') : 'percentile',
          stroke: t.muted, labelFont: axisFont, font: axisFont,
          grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 },
          incrs: isTime ? [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400] : undefined,
          splits: isTime ? undefined : function () { return spec.x; },
          values: isTime ? function (u, splits) { return splits.map(clock); } : function (u, splits) { return splits.map(function (v) { return spec.xLabels[spec.x.indexOf(v)] || ''; }); },
          space: isTime ? 70 : 30,
        },
        {
          label: spec.yLabel, stroke: t.muted, labelFont: axisFont, font: axisFont, size: 56,
          splits: log ? logSplits : undefined,
          grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 },
          values: function (u, splits) { return splits.map(compact); },
        },
      ],
      series: series,
      hooks: {
        drawAxes: isTime ? [function (u) { drawFaultBands(u, t); }] : [],
        draw: [function (u) { if (isTime) drawOverlays(u, chart, t); drawn(chart); }],
        setCursor: compactLegend ? [function (u) { readout(u, chart); }] : [],
        setSeries: [function (u, idx, o) {
          if (!o || o.show == null) return;
          for (var i = 1; i < u.series.length; i++) {
            if (idx == null || idx === i) setColumn(spec.series[i - 1].column, u.series[i].show);
          }
        }],
      },
    };
    var rows = isTime ? timeData(spec) : [spec.x].concat(spec.series.map(function (s) { return unpack(s.y); }));
    if (chart.u) chart.u.destroy();
    chart.u = new uPlot(opts, rows, el);
    chart.width = width;
  }

  function readout(u, chart) {
    var el = chart.readout;
    if (!el) return;
    var i = u.cursor.idx;
    el.textContent = '';
    if (i == null) return;
    var x = u.data[0][i];
    var head = document.createElement('b');
    head.textContent = (chart.spec.kind === 'time' ? clock(x) : (chart.spec.xLabels[i] || '')) + '  ';
    el.appendChild(head);
    var parts = [];
    for (var k = 1; k < u.series.length; k++) {
      if (!u.series[k].show) continue;
      parts.push(u.series[k].label + ': ' + valueText(u.data[k][i]));
    }
    el.appendChild(document.createTextNode(parts.join(' · ')));
  }

  function setColumn(col, show) {
    if (shown[col] === show) return;
    shown[col] = show;
    charts.forEach(function (c) {
      c.spec.series.forEach(function (s, i) {
        if (s.column === col && c.u.series[i + 1].show !== show) c.u.setSeries(i + 1, { show: show }, false);
      });
      c.u.redraw(false, false);
    });
    var btn = document.querySelector('.legend button[data-column="' + col + '"]');
    if (btn) btn.setAttribute('aria-pressed', String(show));
  }

  function buildAll() { charts.forEach(build); }

  // uPlot draws in a microtask after it is created: the report is rendered when every chart has drawn once.
  var drawnCount = 0;
  function drawn(chart) {
    if (chart.drawn) return;
    chart.drawn = true;
    drawnCount++;
    if (drawnCount === charts.length) {
      window.pollstormReport.renderedAtMs = performance.now();
      document.documentElement.setAttribute('data-rendered', String(charts.length));
    }
  }

  data.charts.forEach(function (spec, i) {
    var fig = document.querySelector('[data-chart="' + i + '"]');
    if (!fig) return;
    var columns = [];
    spec.series.forEach(function (s) { if (columns.indexOf(s.column) < 0) columns.push(s.column); });
    var chart = { spec: spec, el: fig.querySelector('.plot'), columns: columns, u: null, readout: null };
    if (compactLegend) {
      chart.readout = document.createElement('p');
      chart.readout.className = 'readout';
      fig.appendChild(chart.readout);
    }
    charts.push(chart);
    var toggle = fig.querySelector('button.log-toggle');
    if (toggle) {
      toggle.addEventListener('click', function () {
        var now = logChoice[spec.id] != null ? logChoice[spec.id] : spec.log;
        logChoice[spec.id] = !now;
        toggle.textContent = !now ? 'linear scale' : 'log scale';
        build(chart);
      });
    }
  });
  window.pollstormReport.charts = charts.length;
  if (charts.length === 0) {
    window.pollstormReport.renderedAtMs = performance.now();
    document.documentElement.setAttribute('data-rendered', '0');
  }
  buildAll();

  document.querySelectorAll('.legend button[data-column]').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var col = Number(btn.getAttribute('data-column'));
      setColumn(col, !shown[col]);
    });
  });

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    if (printing) return;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      charts.forEach(function (c) {
        var w = Math.max(280, c.el.clientWidth);
        if (w !== c.width) { c.u.setSize({ width: w, height: HEIGHT }); c.width = w; }
      });
    }, 150);
  });
  if (window.matchMedia) {
    window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', buildAll);
  }
  var closedDetails = [];
  window.addEventListener('beforeprint', function () {
    printing = true;
    closedDetails = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closedDetails.forEach(function (d) { d.open = true; });
    buildAll();
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    closedDetails.forEach(function (d) { d.open = false; });
    buildAll();
  });

  window.pollstormReport.scriptDoneAtMs = performance.now();
})();
`;
