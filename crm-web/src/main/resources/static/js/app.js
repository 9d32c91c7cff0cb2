// Behaviour shared by every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  'use strict';

  // htmx requests carry the CSRF token like forms do.
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  document.body.addEventListener('htmx:configRequest', function (event) {
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // Forms that ask before they act (data-confirm="question").
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }
    // A second click while the first submit is on its way does nothing.
    form.querySelectorAll('[data-disable-on-submit]').forEach(function (button) {
      setTimeout(function () { button.disabled = true; }, 0);
    });
  });

  // A table or board wider than its box scrolls in that box: it takes the keyboard focus, so that the arrow keys
  // scroll it for those without a mouse (and screen readers announce it), only while it really overflows.
  function focusScrollable() {
    document.querySelectorAll('.table-responsive, .board').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute('tabindex', '0');
      } else if (box.getAttribute('tabindex') === '0') {
        box.removeAttribute('tabindex');
      }
    });
  }
  focusScrollable();
  window.addEventListener('resize', focusScrollable);
  document.body.addEventListener('htmx:afterSettle', focusScrollable);

  // The home-screen app's service worker (sw.js, next to the manifest): an offline page when the network fails.
  var manifest = document.querySelector('link[rel="manifest"]');
  if (manifest && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register(new URL('sw.js', manifest.href).href).catch(function () { /* no offline page */ });
  }
})();

// The pipeline board: drag a card onto another column to move it (the card's own form does the same
// from the keyboard). The server answers with the whole board, which replaces this one.
(function () {
  'use strict';
  var dragged = null;
  function showClosingInput(form) {
    var stage = form.querySelector('select[name="toStage"]').value;
    form.classList.remove('to-WON', 'to-LOST');
    if (stage === 'WON' || stage === 'LOST') { form.classList.add('to-' + stage); }
  }
  document.addEventListener('change', function (event) {
    if (event.target.classList && event.target.classList.contains('board-target')) {
      showClosingInput(event.target.form);
    }
  });
  document.addEventListener('dragstart', function (event) {
    var card = event.target.closest && event.target.closest('.board-card');
    if (!card) { return; }
    dragged = card;
    card.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.getAttribute('data-id'));
  });
  document.addEventListener('dragend', function () {
    if (dragged) { dragged.classList.remove('dragging'); }
    document.querySelectorAll('.board-column.drag-over').forEach(function (c) { c.classList.remove('drag-over'); });
    dragged = null;
  });
  document.addEventListener('dragover', function (event) {
    var column = event.target.closest && event.target.closest('.board-column');
    if (column && dragged) {
      event.preventDefault();
      column.classList.add('drag-over');
    }
  });
  document.addEventListener('dragleave', function (event) {
    var column = event.target.closest && event.target.closest('.board-column');
    if (column && !column.contains(event.relatedTarget)) { column.classList.remove('drag-over'); }
  });
  document.addEventListener('drop', function (event) {
    var column = event.target.closest && event.target.closest('.board-column');
    if (!column || !dragged) { return; }
    event.preventDefault();
    var form = dragged.querySelector('form.board-move');
    var stage = column.getAttribute('data-stage');
    if (!form || dragged.closest('.board-column') === column) { return; }
    var select = form.querySelector('select[name="toStage"]');
    if (!select.querySelector('option[value="' + stage + '"]')) {
      // An earlier stage: the card's separate "move back" form, which asks before it moves (hx-confirm).
      var back = dragged.querySelector('.board-back form');
      var backSelect = back && back.querySelector('select[name="toStage"]');
      if (!backSelect || !backSelect.querySelector('option[value="' + stage + '"]')) { return; }
      backSelect.value = stage;
      if (window.htmx) {
        window.htmx.trigger(back, 'submit');
      } else if (window.confirm(back.getAttribute('hx-confirm'))) {
        back.submit();
      }
      return;
    }
    select.value = stage;
    showClosingInput(form);
    if (stage === 'WON' || stage === 'LOST') {
      // The rules need an amount or a reason first: the card's form asks for it.
      var input = form.querySelector(stage === 'WON' ? '.board-won' : '.board-lost');
      input.focus();
      return;
    }
    if (window.htmx) {
      window.htmx.trigger(form, 'submit');
    } else {
      form.submit();
    }
  });
})();

// The referral form's customer finder: picking a hit fills in the customer number.
document.addEventListener('click', function (event) {
  'use strict';
  var hit = event.target.closest && event.target.closest('.customer-hit');
  if (!hit) { return; }
  var input = document.getElementById('customerNo');
  input.value = hit.getAttribute('data-customer-no');
  document.getElementById('customer-hits').innerHTML = '';
});

// Charts drawn from data attributes (no inline scripts): the customer's AUM trend.
(function () {
  'use strict';
  var canvas = document.getElementById('aum-chart');
  if (!canvas || !window.Chart) { return; }
  var labels = canvas.getAttribute('data-labels').split(',');
  var values = canvas.getAttribute('data-values').split(',').map(Number);
  new window.Chart(canvas, {
    type: 'line',
    data: { labels: labels, datasets: [{ label: canvas.getAttribute('data-label'), data: values,
      borderColor: '#0b3d91', backgroundColor: 'rgba(11, 61, 145, .1)', fill: true, tension: .25 }] },
    options: { animation: false, plugins: { legend: { display: false } },
      // The amounts are a record's (full yuan, D39): grouped ticks, the unit in the axis title.
      scales: { y: { ticks: { callback: function (v) { return Number(v).toLocaleString(); } },
        title: { display: true, text: canvas.getAttribute('data-value-title') } },
      x: { title: { display: true, text: canvas.getAttribute('data-category-title') } } } }
  });
})();

// Buttons that ask before they act (data-confirm-button="question"), e.g. activating a scoring model.
document.addEventListener('click', function (event) {
  'use strict';
  var button = event.target.closest && event.target.closest('[data-confirm-button]');
  if (button && !window.confirm(button.getAttribute('data-confirm-button'))) {
    event.preventDefault();
  }
});

// The scoring preview: conversion per band, active model next to the proposal.
(function () {
  'use strict';
  var canvas = document.getElementById('band-chart');
  if (!canvas || !window.Chart) { return; }
  var numbers = function (name) { return canvas.getAttribute(name).split(',').map(function (v) { return Number(v) * 100; }); };
  new window.Chart(canvas, {
    type: 'bar',
    data: {
      labels: canvas.getAttribute('data-bands').split(','),
      datasets: [
        { label: canvas.getAttribute('data-label-current'), data: numbers('data-current'), backgroundColor: '#9fb3d9' },
        { label: canvas.getAttribute('data-label-proposed'), data: numbers('data-proposed'), backgroundColor: '#0b3d91' }
      ]
    },
    // Conversion in percent: the unit is in the axis title (D39).
    options: { animation: false, scales: {
      y: { min: 0, max: 100, title: { display: true, text: canvas.getAttribute('data-value-title') } },
      x: { title: { display: true, text: canvas.getAttribute('data-category-title') } } } }
  });
})();
