// Vigil's report: draws every chart from the JSON in #vigil-data with the plotly.js bundled in #vigil-plotly,
// and reports its own state on #vigil-status (expected and drawn charts, JavaScript errors) for browser checks.
(function () {
  'use strict';
  var status = document.getElementById('vigil-status');
  var errorsEl = document.getElementById('vigil-errors');
  var errors = [];
  var drawn = 0;
  var expected = parseInt(status.getAttribute('data-expected'), 10);

  function recordError(message) {
    errors.push(String(message));
    status.setAttribute('data-errors', String(errors.length));
    errorsEl.hidden = false;
    errorsEl.textContent = errors.join('\n');
  }
  window.onerror = function (message, source, line, column, error) {
    recordError('error: ' + message + (source ? ' (' + source + ':' + line + ')' : '') +
      (error && error.stack ? '\n' + error.stack : ''));
  };
  window.addEventListener('unhandledrejection', function (e) {
    var r = e.reason;
    recordError('unhandled rejection: ' + (r && r.stack ? r.stack : r));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    recordError('blocked by the content security policy: ' + e.blockedURI + ' (' + e.violatedDirective + ')');
  });
  var consoleError = console.error;
  console.error = function () {
    recordError('console.error: ' + Array.prototype.slice.call(arguments).join(' '));
    return consoleError.apply(console, arguments);
  };

  function updateStatus(done) {
    status.setAttribute('data-drawn', String(drawn));
    if (done) {
      status.setAttribute('data-done', 'true');
    }
    status.textContent = (done ? '' : 'drawing… ') + drawn + ' of ' + expected + ' charts drawn; ' +
      errors.length + ' JavaScript error' + (errors.length === 1 ? '' : 's');
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    }
    if (text !== undefined && text !== null) {
      e.textContent = String(text);
    }
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) { return ''; }
    if (typeof v !== 'number') { return String(v); }
    if (Number.isInteger(v)) { return String(v); }
    var a = Math.abs(v);
    return (a !== 0 && (a < 1e-3 || a >= 1e6)) ? v.toExponential(3) : v.toPrecision(4);
  }

  function table(headers, rows, rowClass) {
    var t = el('table');
    var tr = el('tr');
    headers.forEach(function (h) { tr.appendChild(el('th', null, h)); });
    t.appendChild(tr);
    rows.forEach(function (r, i) {
      var row = el('tr', rowClass && rowClass(i) ? { 'class': rowClass(i) } : null);
      r.forEach(function (c) {
        row.appendChild(el('td', typeof c === 'number' ? { 'class': 'num' } : null, fmt(c)));
      });
      t.appendChild(row);
    });
    return t;
  }

  // ---- charts: queued, drawn one after another, counted when Plotly has put its SVG in the page ----
  var queue = [];
  function chart(parent, wide, draw) {
    var div = el('div', { 'class': 'chart' + (wide ? ' wide' : '') });
    parent.appendChild(div);
    queue.push({ div: div, draw: draw });
    return div;
  }
  var plotConfig = { displaylogo: false, responsive: true, displayModeBar: 'hover' };

  function axis(chunks, positions) {
    // tick labels: the chunk's start date where there is one, else its key; at most ~12 ticks
    var n = positions.length;
    var step = Math.max(1, Math.ceil(n / 12));
    var vals = [], text = [];
    for (var j = 0; j < n; j += step) {
      var c = chunks[positions[j]];
      vals.push(j + 0.5);
      text.push(c.start ? c.start.substring(0, 10) : c.key);
    }
    return { tickvals: vals, ticktext: text, range: [0, n], zeroline: false, title: { text: 'chunk' } };
  }

  function periodShapes(chunks, positions) {
    var nRef = positions.filter(function (p) { return chunks[p].period === 'reference'; }).length;
    var n = positions.length;
    var shapes = [], notes = [];
    if (nRef > 0) {
      shapes.push({ type: 'rect', xref: 'x', yref: 'paper', x0: 0, x1: nRef, y0: 0, y1: 1,
        fillcolor: 'rgba(120,130,140,0.13)', line: { width: 0 }, layer: 'below' });
      notes.push({ xref: 'x', yref: 'paper', x: nRef / 2, y: 1.0, yanchor: 'bottom', showarrow: false,
        text: 'reference', font: { size: 11, color: '#52606d' } });
    }
    if (nRef > 0 && nRef < n) {
      shapes.push({ type: 'line', xref: 'x', yref: 'paper', x0: nRef, x1: nRef, y0: 0, y1: 1,
        line: { color: '#52606d', width: 1.5, dash: 'dot' } });
    }
    if (nRef < n) {
      notes.push({ xref: 'x', yref: 'paper', x: (nRef + n) / 2, y: 1.0, yanchor: 'bottom', showarrow: false,
        text: 'analysis', font: { size: 11, color: '#52606d' } });
    }
    return { shapes: shapes, annotations: notes };
  }

  function any(a) { return a.some(function (v) { return v !== null && v !== undefined; }); }

  function step(values, name, line, extra) {
    var x = [], y = [];
    for (var i = 0; i < values.length; i++) { x.push(i); y.push(values[i]); }
    x.push(values.length);
    y.push(values.length ? values[values.length - 1] : null);
    var t = { x: x, y: y, type: 'scatter', mode: 'lines', line: Object.assign({ shape: 'hv' }, line), name: name,
      hoverinfo: 'skip', connectgaps: false };
    return Object.assign(t, extra || {});
  }

  function seriesChart(m, s) {
    var chunks = m.chunks;
    var positions = chunks.map(function (c, i) { return i; });
    var estimated = s.calculator === 'estimated_performance';
    var traces = [];
    if (any(s.lower_bound) && any(s.upper_bound)) {
      traces.push(step(s.lower_bound, 'confidence band', { width: 0 }, { showlegend: false }));
      traces.push(step(s.upper_bound, 'confidence band', { width: 0 },
        { fill: 'tonexty', fillcolor: 'rgba(59,111,182,0.18)' }));
    }
    if (any(s.upper_threshold)) {
      traces.push(step(s.upper_threshold, 'upper threshold', { color: '#c62828', width: 1.2, dash: 'dash' }));
    }
    if (any(s.lower_threshold)) {
      traces.push(step(s.lower_threshold, 'lower threshold', { color: '#c62828', width: 1.2, dash: 'dash' }));
    }
    var name = estimated ? 'estimated' : s.metric;
    traces.push(step(s.value, name, { color: '#3b6fb6', width: 2, dash: estimated ? 'dash' : 'solid' },
      { legendgroup: 'value' }));
    var mx = [], my = [], text = [], ax = [], ay = [], atext = [];
    for (var i = 0; i < chunks.length; i++) {
      if (s.value[i] === null) { continue; }
      var c = chunks[i];
      var t = c.period + ' chunk ' + c.key + (c.start ? '<br>' + c.start.substring(0, 19) + ' – ' +
        (c.end || '').substring(0, 19) : '') + '<br>rows: ' + c.rows + '<br>' + name + ': ' + fmt(s.value[i]) +
        (s.realized[i] !== null ? '<br>realized: ' + fmt(s.realized[i]) : '') +
        (s.p_value[i] !== null ? '<br>p-value: ' + fmt(s.p_value[i]) : '') +
        (s.lower_bound[i] !== null ? '<br>confidence: ' + fmt(s.lower_bound[i]) + ' – ' + fmt(s.upper_bound[i]) : '') +
        '<br>thresholds: ' + fmt(s.lower_threshold[i]) + ' – ' + fmt(s.upper_threshold[i]) +
        (s.alert[i] ? '<br><b>alert</b>' : '');
      mx.push(i + 0.5); my.push(s.value[i]); text.push(t);
      if (s.alert[i]) { ax.push(i + 0.5); ay.push(s.value[i]); atext.push(t); }
    }
    traces.push({ x: mx, y: my, text: text, type: 'scatter', mode: 'markers', name: name, legendgroup: 'value',
      showlegend: false, marker: { color: '#3b6fb6', size: 6 }, hovertemplate: '%{text}<extra></extra>' });
    if (estimated && any(s.realized)) {
      traces.push(step(s.realized, 'realized', { color: '#6a3d9a', width: 2 }, { legendgroup: 'realized' }));
      var rx = [], ry = [];
      for (var k = 0; k < chunks.length; k++) {
        if (s.realized[k] !== null) { rx.push(k + 0.5); ry.push(s.realized[k]); }
      }
      traces.push({ x: rx, y: ry, type: 'scatter', mode: 'markers', name: 'realized', legendgroup: 'realized',
        showlegend: false, marker: { color: '#6a3d9a', size: 5 }, hovertemplate: 'realized: %{y}<extra></extra>' });
    }
    if (ax.length) {
      traces.push({ x: ax, y: ay, text: atext, type: 'scatter', mode: 'markers', name: 'alert',
        marker: { color: '#d62728', size: 11, symbol: 'diamond', line: { color: '#fff', width: 1 } },
        hovertemplate: '%{text}<extra></extra>' });
    }
    var periods = periodShapes(chunks, positions);
    var title = s.metric + (s.column ? ' · ' + s.column : '') + (estimated ? ' (estimated vs realized)' : '') +
      (s.calculator === 'performance_gap' ? ' gap (realized − estimated)' : '');
    var layout = {
      title: { text: title, font: { size: 14 }, x: 0.01, xanchor: 'left' },
      height: 300, margin: { l: 55, r: 10, t: 48, b: 45 }, xaxis: axis(chunks, positions),
      yaxis: { title: { text: s.metric }, zeroline: false }, shapes: periods.shapes, annotations: periods.annotations,
      legend: { orientation: 'h', y: -0.28, font: { size: 10 } }, hovermode: 'closest', plot_bgcolor: '#fff'
    };
    layout.xaxis.title = null;
    return function (div) { return Plotly.newPlot(div, traces, layout, plotConfig); };
  }

  function distributionChart(m, d) {
    var chunks = m.chunks;
    var positions = d.chunks;
    var periods = periodShapes(chunks, positions);
    var xs = positions.map(function (p, j) { return j + 0.5; });
    var labels = positions.map(function (p) { return chunks[p].period + ' ' + chunks[p].key; });
    var layout = {
      title: { text: 'distribution · ' + d.column + ' (' + d.kind + ')', font: { size: 14 }, x: 0.01, xanchor: 'left' },
      height: 320, margin: { l: 110, r: 10, t: 48, b: 45 }, xaxis: axis(chunks, positions),
      shapes: periods.shapes, annotations: periods.annotations, plot_bgcolor: '#fff'
    };
    layout.xaxis.title = null;
    var traces;
    if (d.kind === 'continuous') {
      traces = [{ type: 'heatmap', x: xs, y: d.bins, z: d.z, colorscale: [[0, '#f7fbff'], [0.5, '#6baed6'], [1, '#08306b']], zmin: 0,
        colorbar: { title: { text: 'share' }, thickness: 12 }, customdata: d.z.map(function () { return labels; }),
        hovertemplate: '%{customdata}<br>bin %{y}<br>share %{z:.4f}<extra></extra>' }];
      layout.yaxis = { type: 'category', automargin: true, tickfont: { size: 9 } };
      // the period shading must sit above the heatmap to be visible: draw the boundary line only
      layout.shapes = periods.shapes.filter(function (s) { return s.type === 'line'; })
        .map(function (s) { return Object.assign({}, s, { line: { color: '#d62728', width: 2, dash: 'dot' } }); });
    } else {
      traces = d.bins.map(function (b, i) {
        return { type: 'bar', x: xs, y: d.z[i], name: b, customdata: labels, width: 0.9,
          hovertemplate: '%{customdata}<br>' + b.replace(/%/g, '%%') + ': %{y:.4f}<extra></extra>' };
      });
      layout.barmode = 'stack';
      layout.yaxis = { title: { text: 'share' }, range: [0, 1] };
      layout.legend = { font: { size: 10 } };
      layout.margin.l = 55;
    }
    return function (div) { return Plotly.newPlot(div, traces, layout, plotConfig); };
  }

  function driftLabel(r) { return r.drift_calculator + ' · ' + r.drift_metric; }
  function perfLabel(r) { return r.performance_calculator + ' · ' + r.performance_metric; }
  function driftOrder(r) {
    return r.drift_calculator !== 'univariate_drift' ? '2' : r.drift_metric === 'jensen_shannon' ? '0' : '1';
  }
  function orderDrift(a, b) {
    // univariate drift methods first (NannyML ranks drift), then data quality
    // and Jensen-Shannon, NannyML's default method, first of them
    var ka = driftOrder(a) + driftLabel(a);
    var kb = driftOrder(b) + driftLabel(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }

  function select(parent, label, options, onChange) {
    var wrap = el('label', null, label);
    var s = el('select');
    options.forEach(function (o) { s.appendChild(el('option', { value: o }, o)); });
    s.addEventListener('change', onChange);
    wrap.appendChild(s);
    parent.appendChild(wrap);
    return s;
  }

  function rankingSection(parent, m) {
    var alertRankings = m.rankings.filter(function (r) { return r.ranker === 'alert_count'; }).sort(orderDrift);
    var corrRankings = m.rankings.filter(function (r) { return r.ranker === 'correlation'; }).sort(orderDrift);
    if (!alertRankings.length && !corrRankings.length) { return; }
    parent.appendChild(el('h3', null, 'Feature rankings (NannyML\u2019s rankers, analysis chunks)'));
    parent.appendChild(el('p', { 'class': 'muted' }, 'Alert count: features by their number of alerting analysis ' +
      'chunks. Correlation: Pearson\u2019s r between a feature\u2019s drift values and the absolute change of a ' +
      'performance metric from its reference mean, over the analysis chunks, sorted by r (descending). ' +
      'Also in the rankings Delta table.'));
    var grid = el('div', { 'class': 'grid' });
    parent.appendChild(grid);
    if (alertRankings.length) {
      var box = el('div');
      grid.appendChild(box);
      var controls = el('div', { 'class': 'controls' });
      box.appendChild(controls);
      var labels = alertRankings.map(driftLabel);
      var tableBox = el('div');
      var draw = function (div) {
        var r = alertRankings[labels.indexOf(sel.value)];
        var rows = r.rows.slice(0, 30);
        var traces = [{ type: 'bar', orientation: 'h', y: rows.map(function (x) { return x.column; }),
          x: rows.map(function (x) { return x.alerts; }),
          marker: { color: rows.map(function (x) { return x.alerts > 0 ? '#d62728' : '#9aa5b1'; }) },
          hovertemplate: '%{y}: %{x} alerts<extra></extra>' }];
        var layout = { title: { text: 'alert count ranking · ' + driftLabel(r), font: { size: 14 }, x: 0.01, xanchor: 'left' },
          height: Math.max(260, 60 + 22 * rows.length), margin: { l: 150, r: 10, t: 40, b: 40 },
          yaxis: { autorange: 'reversed', automargin: true }, xaxis: { title: { text: 'alerts' }, rangemode: 'tozero' } };
        tableBox.replaceChildren(table(['rank', 'column', 'alerts'], r.rows.map(function (x) {
          return [x.rank, x.column, x.alerts];
        }), function (i) { return r.rows[i].alerts > 0 ? 'alerting' : null; }));
        return Plotly.react(div, traces, layout, plotConfig);
      };
      var sel = select(controls, 'drift metric', labels, function () { draw(div1); });
      var div1 = chart(box, false, draw);
      box.appendChild(tableBox);
    }
    if (corrRankings.length) {
      var box2 = el('div');
      grid.appendChild(box2);
      var controls2 = el('div', { 'class': 'controls' });
      box2.appendChild(controls2);
      var driftLabels = [], perfLabels = [];
      corrRankings.forEach(function (r) {
        if (driftLabels.indexOf(driftLabel(r)) < 0) { driftLabels.push(driftLabel(r)); }
        if (perfLabels.indexOf(perfLabel(r)) < 0) { perfLabels.push(perfLabel(r)); }
      });
      var tableBox2 = el('div');
      var draw2 = function (div) {
        var r = corrRankings.filter(function (x) {
          return driftLabel(x) === selD.value && perfLabel(x) === selP.value;
        })[0];
        var rows = r ? r.rows.slice(0, 30) : [];
        var traces = [{ type: 'bar', orientation: 'h', y: rows.map(function (x) { return x.column; }),
          x: rows.map(function (x) { return x.r; }),
          customdata: rows.map(function (x) { return fmt(x.p); }),
          marker: { color: rows.map(function (x) { return x.drifted ? '#d62728' : '#3b6fb6'; }) },
          hovertemplate: '%{y}: r = %{x:.3f}, p = %{customdata}<extra></extra>' }];
        var layout = { title: { text: 'correlation ranking · ' + selD.value + ' vs ' + selP.value, font: { size: 13 },
          x: 0.01, xanchor: 'left' }, height: Math.max(260, 60 + 22 * rows.length),
          margin: { l: 150, r: 10, t: 40, b: 40 }, yaxis: { autorange: 'reversed', automargin: true },
          xaxis: { title: { text: 'Pearson r (red: drifted)' }, range: [-1.05, 1.05] } };
        tableBox2.replaceChildren(r ? table(['rank', 'column', 'r', 'p-value', 'drifted', 'alerts', 'chunks'],
          r.rows.map(function (x) { return [x.rank, x.column, x.r, x.p, x.drifted ? 'yes' : 'no', x.alerts, x.chunks]; }),
          function (i) { return r.rows[i].drifted ? 'alerting' : null; })
          : el('p', { 'class': 'muted' }, 'no ranking for this pair'));
        return Plotly.react(div, traces, layout, plotConfig);
      };
      var selD = select(controls2, 'drift metric', driftLabels, function () { draw2(div2); });
      var selP = select(controls2, 'performance', perfLabels, function () { draw2(div2); });
      var div2 = chart(box2, false, draw2);
      box2.appendChild(tableBox2);
    }
  }

  // the worst segment values per performance metric (tables only: no chart to draw)
  function segmentSection(parent, m) {
    var rankings = m.rankings.filter(function (r) { return r.ranker === 'underperforming_segments'; });
    if (!rankings.length) { return; }
    var shown = 10;
    parent.appendChild(el('h3', null, 'Underperforming segments (analysis chunks)'));
    parent.appendChild(el('p', { 'class': 'muted' }, 'Per performance metric, the segment values whose ' +
      'performance is furthest below the whole population\u2019s: relative = the mean over the analysis chunks ' +
      'of segment value \u2212 whole population value (for a loss, higher is worse), also in units of the ' +
      'segment\u2019s sampling error; realized performance, else estimated. The ' + shown + ' worst per metric; ' +
      'all are in the rankings Delta table.'));
    var grid = el('div', { 'class': 'grid' });
    parent.appendChild(grid);
    rankings.forEach(function (r) {
      var box = el('div');
      grid.appendChild(box);
      var higher = r.rows.length && r.rows[0].higher_is_better;
      box.appendChild(el('div', { 'class': 'muted' }, r.performance_metric + ' (' +
        (higher ? 'higher' : 'lower') + ' is better)'));
      box.appendChild(table(['rank', 'segment', 'relative', 'in sampling errors', 'source', 'alerts', 'chunks'],
        r.rows.slice(0, shown).map(function (x) {
          return [x.rank, x.column, x.relative, x.z, x.source === 'estimated_performance' ? 'estimated' : 'realized',
            x.alerts, x.chunks];
        }), function (i) { return r.rows[i].alerts > 0 ? 'alerting' : null; }));
    });
  }

  function summarySection(parent, m) {
    parent.appendChild(el('h3', null, 'Summary'));
    var row = el('div', { 'class': 'summary-row' });
    parent.appendChild(row);
    var run = m.latest_run || {};
    var runBox = el('div');
    runBox.appendChild(el('div', { 'class': 'muted' }, 'latest run (' + m.runs + ' run' + (m.runs === 1 ? '' : 's') +
      ' in the runs table)'));
    runBox.appendChild(table(['field', 'value'], Object.keys(run).map(function (k) { return [k, run[k]]; })));
    var sent = Object.keys(m.sent_alerts || {});
    if (sent.length) {
      runBox.appendChild(table(['alert destination', 'alerts sent'], sent.map(function (k) {
        return [k, m.sent_alerts[k]];
      })));
    }
    row.appendChild(runBox);
    var byCalc = {};
    m.summary.forEach(function (s) {
      var c = byCalc[s.calculator] || (byCalc[s.calculator] = { series: 0, alerting: 0, alerts: 0 });
      c.series++; c.alerts += s.alerts; if (s.alerts > 0) { c.alerting++; }
    });
    var calcBox = el('div');
    calcBox.appendChild(el('div', { 'class': 'muted' }, 'alerts in analysis chunks, per calculator'));
    calcBox.appendChild(table(['calculator', 'series', 'alerting series', 'alerts'], Object.keys(byCalc).map(function (k) {
      return [k, byCalc[k].series, byCalc[k].alerting, byCalc[k].alerts];
    }), function (i) { return byCalc[Object.keys(byCalc)[i]].alerts > 0 ? 'alerting' : null; }));
    row.appendChild(calcBox);
    var alerting = m.summary.filter(function (s) { return s.alerts > 0; })
      .sort(function (a, b) { return b.alerts - a.alerts; });
    var listBox = el('div');
    listBox.appendChild(el('div', { 'class': 'muted' }, alerting.length ? 'alerts per calculator, metric and column'
      : 'no alerts in the analysis chunks'));
    var headers = ['calculator', 'metric', 'column', 'alerts', 'analysis chunks'];
    var cells = function (s) { return [s.calculator, s.metric, s.column || '(model)', s.alerts, s.chunks]; };
    var first = 12;
    if (alerting.length) {
      listBox.appendChild(table(headers, alerting.slice(0, first).map(cells)));
    }
    if (alerting.length > first) {
      var more = el('details');
      more.appendChild(el('summary', null, (alerting.length - first) + ' more alerting series'));
      more.appendChild(table(headers, alerting.slice(first).map(cells)));
      listBox.appendChild(more);
    }
    row.appendChild(listBox);
  }

  function monitorSection(main, m) {
    var section = el('section');
    main.appendChild(section);
    section.appendChild(el('h2', null, 'Monitor ' + m.name));
    var nRef = m.chunks.filter(function (c) { return c.period === 'reference'; }).length;
    section.appendChild(el('p', { 'class': 'muted' }, nRef + ' reference and ' + (m.chunks.length - nRef) +
      ' analysis chunks; shaded: reference. Whole population (segment null).'));
    if (m.notes.length) {
      var ul = el('ul', { 'class': 'notes' });
      m.notes.forEach(function (n) { ul.appendChild(el('li', null, n)); });
      section.appendChild(ul);
    }
    summarySection(section, m);
    rankingSection(section, m);
    segmentSection(section, m);
    var current = null, grid = null;
    m.series.forEach(function (s) {
      if (s.calculator !== current) {
        current = s.calculator;
        section.appendChild(el('h3', null, current.replace(/_/g, ' ')));
        grid = el('div', { 'class': 'grid' });
        section.appendChild(grid);
      }
      chart(grid, false, seriesChart(m, s));
    });
    if (m.distributions.length) {
      section.appendChild(el('h3', null, 'distributions per chunk'));
      var dgrid = el('div', { 'class': 'grid' });
      section.appendChild(dgrid);
      m.distributions.forEach(function (d) { chart(dgrid, false, distributionChart(m, d)); });
    }
  }

  async function loadPlotly() {
    var packed = document.getElementById('vigil-plotly').textContent.trim();
    var bin = atob(packed);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { bytes[i] = bin.charCodeAt(i); }
    if (typeof DecompressionStream === 'undefined') {
      throw new Error('this browser has no DecompressionStream; open the report in a current browser');
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    var code = await new Response(stream).text();
    var script = document.createElement('script');
    script.textContent = code;
    document.head.appendChild(script);
    if (!window.Plotly) { throw new Error('plotly.js did not load'); }
  }

  async function main() {
    updateStatus(false);
    try {
      var data = JSON.parse(document.getElementById('vigil-data').textContent);
      var root = document.getElementById('vigil-main');
      var meta = document.querySelector('.meta');
      meta.appendChild(document.createTextNode(' · generated ' + data.generated_at + ' by Vigil ' + data.vigil_version));
      data.monitors.forEach(function (m) { monitorSection(root, m); });
      if (!data.monitors.length) { root.appendChild(el('p', null, 'The results table holds no monitor.')); }
      await loadPlotly();
      for (var i = 0; i < queue.length; i++) {
        try {
          await queue[i].draw(queue[i].div);
          if (queue[i].div.querySelector('.main-svg')) { drawn++; }
        } catch (e) {
          recordError('chart ' + i + ': ' + (e && e.stack ? e.stack : e));
        }
        updateStatus(false);
      }
      if (queue.length !== expected) {
        recordError('the page built ' + queue.length + ' charts, the report expected ' + expected);
      }
    } catch (e) {
      recordError(e && e.stack ? e.stack : e);
    }
    updateStatus(true);
  }
  main();
})();
