// The branch dashboard's charts. Each <canvas class="dash-chart"> carries its data as JSON in data-chart
// (type, labels, datasets, optional links per bar) and hints: horizontal, stacked, mirrored (a pyramid: the
// left side negative), integer (counts: whole ticks only), valueTitle / categoryTitle / lineTitle (what an axis
// counts and its unit), lineMax (the top of a line's own axis). Values and tooltips come formatted from the
// server (D39: one formatter, Formats.java): an amount axis arrives already divided into the unit its title names,
// and "tips" holds each value as the page writes it. A click on a bar or slice opens the list behind it. After
// drawing, the canvas gets data-drawn.
(function () {
  'use strict';
  if (!window.Chart) { return; }
  var palette = ['#0b3d91', '#3f7fd8', '#7fb0f0', '#f0a23b', '#2e9e6a', '#9aa5b8', '#c2546b', '#6a4fb3'];
  var lang = document.documentElement.lang || 'zh-CN';
  var number = new Intl.NumberFormat(lang);

  function tick(cfg, v) {
    return number.format(cfg.mirrored ? Math.abs(Number(v)) : Number(v));
  }

  function title(text) {
    return { display: !!text, text: text || '' };
  }

  document.querySelectorAll('canvas.dash-chart').forEach(function (canvas) {
    var cfg;
    try {
      cfg = JSON.parse(canvas.getAttribute('data-chart'));
    } catch (e) {
      return;
    }
    var doughnut = cfg.type === 'doughnut';
    var datasets = cfg.datasets.map(function (d, i) {
      var color = palette[i % palette.length];
      // A value the server left null (a month without ratings has no average) stays a gap, not a zero.
      var values = d.data.map(function (v) { return v === null ? null : Number(v); });
      // the lowest order is drawn on top: a line over the bars it goes with
      var set = { label: d.label, data: values, borderWidth: 0, borderRadius: doughnut ? 0 : 3, order: 1 };
      if (d.type === 'line') {
        set.type = 'line';
        set.borderColor = palette[3];
        set.backgroundColor = palette[3];
        set.borderWidth = 2;
        set.tension = 0.3;
        set.yAxisID = 'y1';
        set.order = 0;
        // a point for each month, so that a single month's average shows beside its bar
        set.pointRadius = 4;
        set.spanGaps = true;
      } else {
        set.backgroundColor = doughnut ? palette.slice(0, d.data.length) : color;
      }
      return set;
    });
    var hasLine = cfg.datasets.some(function (d) { return d.type === 'line'; });
    var ticks = { callback: function (v) { return tick(cfg, v); } };
    if (cfg.integer) { ticks.precision = 0; }
    var valueAxis = { beginAtZero: true, stacked: !!cfg.stacked, ticks: ticks, title: title(cfg.valueTitle) };
    var categoryAxis = { stacked: !!cfg.stacked, grid: { display: false }, title: title(cfg.categoryTitle) };
    var scales = {};
    if (!doughnut) {
      scales[cfg.horizontal ? 'x' : 'y'] = valueAxis;
      scales[cfg.horizontal ? 'y' : 'x'] = categoryAxis;
      if (hasLine) {
        scales.y1 = { beginAtZero: true, position: 'right', grid: { display: false }, max: cfg.lineMax,
          ticks: { precision: cfg.integer ? 0 : undefined }, title: title(cfg.lineTitle) };
      }
    }
    var chart = new window.Chart(canvas, {
      type: cfg.type,
      data: { labels: cfg.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: cfg.horizontal ? 'y' : 'x',
        scales: scales,
        plugins: {
          legend: { display: doughnut || datasets.length > 1, position: 'bottom' },
          tooltip: { callbacks: { label: function (ctx) {
            var v = cfg.horizontal ? ctx.parsed.x : (doughnut ? ctx.parsed : ctx.parsed.y);
            var shown = cfg.tips && cfg.tips[ctx.datasetIndex] ? cfg.tips[ctx.datasetIndex][ctx.dataIndex] : tick(cfg, v);
            return (ctx.dataset.label ? ctx.dataset.label + ': ' : '') + shown;
          } } }
        },
        onHover: function (event, elements) {
          event.native.target.style.cursor = cfg.links && elements.length ? 'pointer' : 'default';
        },
        onClick: function (event, elements) {
          if (cfg.links && elements.length && cfg.links[elements[0].index]) {
            window.location.href = cfg.links[elements[0].index];
          }
        }
      }
    });
    canvas.setAttribute('data-drawn', String(chart.data.datasets.length > 0));
  });

  // The custom dates only matter for a custom period; picking dates makes the period custom.
  var period = document.getElementById('period');
  if (period) {
    var sync = function () {
      document.querySelectorAll('.dash-custom').forEach(function (el) {
        el.classList.toggle('dash-custom-off', period.value !== 'CUSTOM');
      });
    };
    period.addEventListener('change', sync);
    document.querySelectorAll('.dash-custom input').forEach(function (input) {
      input.addEventListener('change', function () { period.value = 'CUSTOM'; sync(); });
    });
    sync();
  }
})();
