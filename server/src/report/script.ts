/**
 * The scorecard's browser script: the category and status filters, and the
 * history chart dialogs (opened by their button, closed by Esc or Close,
 * focus back on the button). Plain
 * DOM code, inlined with a nonce in the HTML file and loaded by URI in the
 * editor preview. It reads only the page's own data attributes.
 */
export const SCORECARD_SCRIPT = `
(function () {
  'use strict';
  var chosen = { category: '', status: '' };
  // The style hides what does not match (report/filters.ts): a click sets three attributes of <body>.
  function mark(name, value) {
    if (value === '') document.body.removeAttribute(name);
    else document.body.setAttribute(name, value);
  }
  function apply() {
    var filtering = chosen.category !== '' || chosen.status !== '';
    mark('data-filter-category', chosen.category);
    mark('data-filter-status', chosen.status);
    mark('data-filter', filtering ? chosen.category + '/' + chosen.status : '');
    var none = document.querySelector('.no-match');
    if (!none) return;
    var match = 'article.kpi' + (chosen.category ? '[data-category="' + CSS.escape(chosen.category) + '"]' : '') +
      (chosen.status ? '[data-status="' + CSS.escape(chosen.status) + '"]' : '');
    none.hidden = !filtering || document.querySelector('#scorecard ' + match) !== null;
  }
  function pressed() {
    document.querySelectorAll('button[data-filter-category], button[data-filter-status]').forEach(function (b) {
      var name = b.hasAttribute('data-filter-category') ? 'category' : 'status';
      b.setAttribute('aria-pressed', (b.getAttribute('data-filter-' + name) || '') === chosen[name] ? 'true' : 'false');
    });
  }
  // The editor preview re-renders the scorecard in place: keep the filters chosen.
  document.addEventListener('kpi:rendered', function () {
    pressed();
    apply();
  });
  // History charts: the dialog follows its button; a modal dialog closes on Esc by itself.
  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var open = target ? target.closest('button.history-button') : null;
    var dialog = open ? open.nextElementSibling : null;
    if (dialog instanceof HTMLDialogElement && !dialog.open) {
      dialog.showModal();
      dialog.addEventListener('close', function () { open.focus(); }, { once: true });
      return;
    }
    var close = target ? target.closest('dialog.history button.close') : null;
    if (close) close.closest('dialog').close();
  });
  document.addEventListener('click', function (event) {
    var button = event.target instanceof Element ? event.target.closest('button[data-filter-category], button[data-filter-status]') : null;
    if (!button) return;
    var name = button.hasAttribute('data-filter-category') ? 'category' : 'status';
    chosen[name] = button.getAttribute('data-filter-' + name) || '';
    pressed();
    apply();
  });
})();
`;
