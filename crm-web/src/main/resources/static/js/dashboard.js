// The branch dashboard's charts. Each <canvas class="dash-chart"> carries its data as JSON in data-chart
// (type, labels, datasets, optional links per bar, and hints: horizontal, stacked, money, percent).
// A click on a bar or slice opens the list behind it. After drawing, the canvas gets data-drawn="true".
(function () {
  'use strict';
  if (!window.Chart) { return; }
  var palette = ['#0b3d91', '#3f7fd8', '#7fb0f0', '#f0a23b', '#2e9e6a', '#9aa5b8', '#c2546b', '#6a4fb3'];
  var lang = document.documentElement.lang || 'zh-CN';
  var number = new Intl.NumberFormat(lang);

  function money(v) {
    var n = Number(v);
    if (lang.indexOf('zh') === 0 && Math.abs(n) >= 10000) {
      return '¥' + number.format(Math.round(n / 100) / 100) + '万';
    }
    if (Math.abs(n) >= 1000000) {
      return '¥' + number.format(Math.round(n / 10000) / 100) + 'M';
    }
    return '¥' + number.format(n);
  }

  function format(cfg, v) {
    if (cfg.money) { return money(v); }
    if (cfg.percent) { return number.format(Math.abs(Number(v))) + '%'; }
    return number.format(v);
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
      var set = { label: d.label, data: d.data.map(Number), borderWidth: 0, borderRadius: doughnut ? 0 : 3 };
      if (d.type === 'line') {
        set.type = 'line';
        set.borderColor = palette[3];
        set.backgroundColor = palette[3];
        set.borderWidth = 2;
        set.tension = 0.3;
        set.yAxisID = 'y1';
      } else {
        set.backgroundColor = doughnut ? palette.slice(0, d.data.length) : color;
      }
      return set;
    });
    var hasLine = cfg.datasets.some(function (d) { return d.type === 'line'; });
    var valueAxis = { beginAtZero: true, stacked: !!cfg.stacked, ticks: { callback: function (v) { return format(cfg, v); } } };
    var categoryAxis = { stacked: !!cfg.stacked, grid: { display: false } };
    var scales = {};
    if (!doughnut) {
      scales[cfg.horizontal ? 'x' : 'y'] = valueAxis;
      scales[cfg.horizontal ? 'y' : 'x'] = categoryAxis;
      if (hasLine) {
        scales.y1 = { beginAtZero: true, position: 'right', grid: { display: false } };
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
            return (ctx.dataset.label ? ctx.dataset.label + ': ' : '') + format(cfg, v);
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
