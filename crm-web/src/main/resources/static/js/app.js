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

  // A list's filters on a phone: the button shows or hides the fields beyond the search words (fragments/forms).
  document.addEventListener('click', function (event) {
    var toggle = event.target.closest('.filters-toggle');
    if (!toggle) {
      return;
    }
    var open = toggle.closest('form').classList.toggle('filters-open');
    toggle.setAttribute('aria-expanded', String(open));
  });

  // A table whose box hides columns to its right fades out at that edge (.more-right), so that a phone shows there
  // is more to scroll to; the mark follows the scrolling and goes once the last column is in view.
  function markMoreRight(box) {
    box.classList.toggle('more-right', box.scrollLeft + box.clientWidth < box.scrollWidth - 2);
  }
  document.addEventListener('scroll', function (event) {
    if (event.target.classList && event.target.classList.contains('table-responsive')) {
      markMoreRight(event.target);
    }
  }, { passive: true, capture: true });

  // A table or board wider than its box scrolls in that box: it takes the keyboard focus, so that the arrow keys
  // scroll it for those without a mouse (and screen readers announce it), only while it really overflows.
  function focusScrollable() {
    document.querySelectorAll('.table-responsive').forEach(markMoreRight);
    // A box the server made focusable (one a poll may replace) stays so; only what this script added is taken back.
    document.querySelectorAll('.table-responsive, .board').forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        if (!box.hasAttribute('tabindex')) {
          box.setAttribute('tabindex', '0');
          box.setAttribute('data-scroll-focus', '');
        }
      } else if (box.hasAttribute('data-scroll-focus')) {
        box.removeAttribute('tabindex');
        box.removeAttribute('data-scroll-focus');
      }
    });
  }
  focusScrollable();
  window.addEventListener('resize', focusScrollable);
  window.addEventListener('load', focusScrollable);
  document.body.addEventListener('htmx:afterSettle', focusScrollable);
  // A table can grow after the first layout (late fonts, a polled fragment filling in): look again when it does.
  if ('ResizeObserver' in window) {
    var grown = new ResizeObserver(focusScrollable);
    document.querySelectorAll('.table-responsive, .table-responsive > table, .board').forEach(function (t) {
      grown.observe(t);
    });
  }

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
    // The lost reasons are drawn once for the page: the card's form takes its copy the first time it needs one.
    var reasons = document.getElementById('board-lost-reasons');
    if (stage === 'LOST' && reasons && !form.querySelector('.board-lost')) {
      var select = reasons.content.querySelector('select').cloneNode(true);
      form.querySelector('.board-won').after(select);
    }
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

// The customer picker (D40): a text field that takes a customer number, made an ARIA combobox (role combobox,
// aria-expanded, aria-activedescendant over a listbox of options) whose options are the server's suggestions for
// what is typed. Arrow keys choose, Enter picks, Escape closes; without this script the field still takes a number.
(function () {
  'use strict';
  document.querySelectorAll('.customer-picker').forEach(function (picker) {
    var input = picker.querySelector('input');
    var list = picker.querySelector('[role="listbox"]');
    var status = picker.querySelector('.picker-status');
    var url = picker.getAttribute('data-picker-url');
    var timer = null;
    var asked = 0;
    var active = -1;
    var chosen = input.value.trim();
    var chosenText = '';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-describedby', status.id + ' ' + input.getAttribute('aria-describedby'));

    function options() { return list.querySelectorAll('[role="option"]'); }
    function open() {
      if (!options().length) { return; }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
      options().forEach(function (o) { o.setAttribute('aria-selected', 'false'); o.classList.remove('active'); });
    }
    function highlight(index) {
      var all = options();
      if (!all.length) { return; }
      open();
      active = (index + all.length) % all.length;
      all.forEach(function (o, k) {
        o.setAttribute('aria-selected', k === active ? 'true' : 'false');
        o.classList.toggle('active', k === active);
      });
      input.setAttribute('aria-activedescendant', all[active].id);
      all[active].scrollIntoView({ block: 'nearest' });
    }
    function pick(option) {
      input.value = option.getAttribute('data-customer-no');
      chosen = input.value;
      chosenText = option.getAttribute('data-chosen');
      status.textContent = chosenText;
      close();
    }
    function show(html, ticket) {
      if (ticket !== asked) { return; }
      var box = document.createElement('template');
      box.innerHTML = html;
      var message = box.content.querySelector('.picker-message');
      if (!message) { throw new Error('no suggestions'); }
      var found = box.content.querySelectorAll('[role="option"]');
      found.forEach(function (o, k) { o.id = list.id + '-' + k; });
      list.replaceChildren.apply(list, Array.prototype.slice.call(found));
      status.textContent = message.textContent.trim();
      // A number typed in full names its customer as well as picking it would.
      var typed = input.value.trim();
      Array.prototype.forEach.call(found, function (o) {
        if (o.getAttribute('data-customer-no') === typed) {
          chosen = typed;
          chosenText = o.getAttribute('data-chosen');
          status.textContent = chosenText;
        }
      });
      active = -1;
      input.removeAttribute('aria-activedescendant');
      if (found.length) { open(); } else { close(); }
    }
    function search() {
      var q = input.value.trim();
      var ticket = ++asked;
      if (!q || q === chosen) {
        close();
        status.textContent = q ? chosenText : '';
        return;
      }
      fetch(url + (url.indexOf('?') < 0 ? '?' : '&') + 'q=' + encodeURIComponent(q),
        { headers: { Accept: 'text/html' }, credentials: 'same-origin' })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.text();
        })
        .then(function (html) { show(html, ticket); })
        .catch(function () {
          if (ticket === asked) {
            list.replaceChildren();
            close();
            status.textContent = picker.getAttribute('data-picker-error');
          }
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(search, 250);
    });
    input.addEventListener('keydown', function (event) {
      var expanded = input.getAttribute('aria-expanded') === 'true';
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (!options().length) { return; }
        event.preventDefault();
        highlight(!expanded && active < 0 ? (event.key === 'ArrowDown' ? 0 : -1)
          : active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if (event.key === 'Enter' && expanded && active >= 0) {
        event.preventDefault();
        pick(options()[active]);
      } else if (event.key === 'Escape' && expanded) {
        event.preventDefault();
        close();
      } else if (event.key === 'Tab') {
        close();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    // A pointer picks too; pressing on the list keeps the focus in the field.
    list.addEventListener('mousedown', function (event) { event.preventDefault(); });
    list.addEventListener('click', function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) { pick(option); input.focus(); }
    });
  });
})();

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

// The bell (D38): htmx polls its unread count every 30 s, but only while someone is at the page (visible, with
// input in the last two minutes), so that an unattended tab lets its session idle out as any other page does.
(function () {
  'use strict';
  var lastInput = Date.now();
  ['keydown', 'mousedown', 'mousemove', 'touchstart', 'wheel', 'scroll'].forEach(function (type) {
    document.addEventListener(type, function () { lastInput = Date.now(); }, { passive: true, capture: true });
  });
  document.addEventListener('htmx:beforeRequest', function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt && elt.id === 'bell' && (document.hidden || Date.now() - lastInput > 120000)) {
      event.preventDefault();
    }
  });
})();

// Mentions in a comment (D44): typing "@" and the start of a name or login offers, from the list the page rendered
// (those who may see the opportunity), the matching people; arrow keys choose, Enter or a click puts "@login " in,
// Escape closes. Without this script "@login" typed by hand works the same.
(function () {
  'use strict';
  document.querySelectorAll('textarea[data-mention-list]').forEach(function (area) {
    var list = document.getElementById(area.getAttribute('data-mention-list'));
    if (!list) { return; }
    var all = Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    var shown = [];
    var active = -1;
    area.setAttribute('aria-controls', list.id);
    area.setAttribute('aria-autocomplete', 'list');

    function token() {
      var before = area.value.slice(0, area.selectionStart);
      var m = /(^|[^A-Za-z0-9_.-])@([^\s@]{0,50})$/.exec(before);
      return m ? { start: before.length - m[2].length - 1, q: m[2].toLowerCase() } : null;
    }
    function close() {
      list.hidden = true;
        area.removeAttribute('aria-activedescendant');
      all.forEach(function (o) { o.classList.remove('active'); o.setAttribute('aria-selected', 'false'); });
      active = -1;
    }
    function highlight(i) {
      if (!shown.length) { return; }
      active = (i + shown.length) % shown.length;
      shown.forEach(function (o, k) {
        o.classList.toggle('active', k === active);
        o.setAttribute('aria-selected', k === active ? 'true' : 'false');
      });
      area.setAttribute('aria-activedescendant', shown[active].id);
    }
    function update() {
      var t = token();
      if (!t) { close(); return; }
      shown = all.filter(function (o) {
        return o.getAttribute('data-username').toLowerCase().indexOf(t.q) === 0
          || o.textContent.toLowerCase().indexOf(t.q) >= 0;
      });
      all.forEach(function (o) { o.hidden = shown.indexOf(o) < 0; });
      if (!shown.length) { close(); return; }
      list.hidden = false;
      highlight(0);
    }
    function pick(option) {
      var t = token();
      if (!t) { close(); return; }
      var caret = area.selectionStart;
      var insert = '@' + option.getAttribute('data-username') + ' ';
      area.value = area.value.slice(0, t.start) + insert + area.value.slice(caret);
      var at = t.start + insert.length;
      area.setSelectionRange(at, at);
      close();
      area.focus();
    }
    area.addEventListener('input', update);
    area.addEventListener('keydown', function (event) {
      if (list.hidden) { return; }
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        highlight(active + (event.key === 'ArrowDown' ? 1 : -1));
      } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
        event.preventDefault();
        pick(shown[active]);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
    area.addEventListener('blur', function () { setTimeout(close, 150); });
    list.addEventListener('mousedown', function (event) { event.preventDefault(); });
    list.addEventListener('click', function (event) {
      var option = event.target.closest('[role="option"]');
      if (option) { pick(option); }
    });
  });
})();
