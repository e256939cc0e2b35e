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
  function apply() {
    var shown = 0;
    document.querySelectorAll('article.kpi').forEach(function (card) {
      var ok = (chosen.category === '' || card.dataset.category === chosen.category) &&
               (chosen.status === '' || card.dataset.status === chosen.status);
      card.hidden = !ok;
      if (ok) shown++;
    });
    var filtering = chosen.category !== '' || chosen.status !== '';
    var goals = Array.prototype.slice.call(document.querySelectorAll('section.goal')).reverse();
    goals.forEach(function (goal) {
      var visible = goal.querySelector('article.kpi:not([hidden])') !== null;
      goal.hidden = filtering && !visible;
    });
    var none = document.querySelector('.no-match');
    if (none) none.hidden = shown > 0 || !filtering;
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
