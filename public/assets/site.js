// xaphuong public site: font-size controls, the print button, the footer's visitor counter, and the menus that fold on
// phones (the newsroom loads it for those only). No inline scripts anywhere.
(function () {
  'use strict';
  var KEY = 'xaphuong-co-chu';
  var MIN = -1;
  var MAX = 3;
  var root = document.documentElement;
  // Deferred, so the body is there: the newsroom keeps its own size and contrast.
  var newsroom = document.body.classList.contains('admin');

  function read() {
    try {
      return parseInt(localStorage.getItem(KEY) || '0', 10) || 0;
    } catch (e) {
      return 0;
    }
  }
  function apply(step) {
    step = Math.max(MIN, Math.min(MAX, step));
    if (step === 0) root.removeAttribute('data-font');
    else root.setAttribute('data-font', String(step));
    try {
      localStorage.setItem(KEY, String(step));
    } catch (e) {
      /* private mode: size lasts for this page only */
    }
    var buttons = document.querySelectorAll('[data-font-step]');
    for (var i = 0; i < buttons.length; i++) {
      var kind = buttons[i].getAttribute('data-font-step');
      // A- and A+ are actions, disabled at their limit; A shows whether the default size is on.
      if (kind === '0') buttons[i].setAttribute('aria-pressed', step === 0 ? 'true' : 'false');
      else buttons[i].setAttribute('aria-disabled', (kind === '1' ? step === MAX : step === MIN) ? 'true' : 'false');
    }
    return step;
  }

  var CONTRAST_KEY = 'xaphuong-tuong-phan';
  function setContrast(on) {
    if (on) root.setAttribute('data-contrast', 'cao');
    else root.removeAttribute('data-contrast');
    try {
      localStorage.setItem(CONTRAST_KEY, on ? '1' : '0');
    } catch (e) {
      /* private mode */
    }
    var toggle = document.querySelector('[data-contrast-toggle]');
    if (toggle) toggle.setAttribute('aria-pressed', on ? 'true' : 'false');
  }
  var contrast = false;
  try {
    contrast = localStorage.getItem(CONTRAST_KEY) === '1';
  } catch (e) {
    /* private mode */
  }
  if (contrast && !newsroom) root.setAttribute('data-contrast', 'cao');

  var current = newsroom ? 0 : apply(read());
  document.addEventListener('DOMContentLoaded', function () {
    var folds = document.querySelectorAll('.fold');
    for (var f = 0; f < folds.length; f++) fold(folds[f]);
    var group = document.querySelector('.font-controls');
    if (group) {
      group.hidden = false;
      setContrast(contrast);
      group.addEventListener('click', function (event) {
        if (event.target.closest('[data-contrast-toggle]')) {
          contrast = !contrast;
          setContrast(contrast);
          return;
        }
        var button = event.target.closest('[data-font-step]');
        if (!button) return;
        var delta = parseInt(button.getAttribute('data-font-step'), 10);
        current = apply(delta === 0 ? 0 : current + delta);
      });
      apply(current);
    }
    var printActions = document.querySelector('.print-actions');
    if (printActions) {
      printActions.hidden = false;
      var printButton = printActions.querySelector('[data-print]');
      if (printButton)
        printButton.addEventListener('click', function () {
          window.print();
        });
    }
    showVisitors(document.querySelector('[data-visitors]'));
  });

  // A menu that folds on phones: one button in place of the no-script open and close links, folding it in place.
  function fold(nav) {
    var list = nav.querySelector('ul');
    var open = nav.querySelector('.fold-open');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'fold-button';
    button.innerHTML = open.innerHTML;
    button.setAttribute('aria-controls', list.id);
    open.before(button);
    nav.setAttribute('data-fold-js', '');
    function set(expanded) {
      nav.toggleAttribute('data-open', expanded);
      button.setAttribute('aria-expanded', expanded);
    }
    set(false);
    button.onclick = function () {
      set(!nav.hasAttribute('data-open'));
    };
    nav.onkeydown = function (event) {
      if (event.key !== 'Escape' || !nav.hasAttribute('data-open')) return;
      set(false);
      button.focus();
    };
  }

  // Footer visitor counter: cached pages carry an empty slot; this request fills it and counts the view.
  function showVisitors(slot) {
    if (!slot || !window.fetch) return;
    fetch(slot.getAttribute('data-visitors'), { credentials: 'omit', cache: 'no-store' })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (f) {
        if (!f) return;
        var cells = slot.querySelectorAll('dd');
        [f.online, f.today, f.total].forEach(function (n, i) {
          cells[i].textContent = String(Math.floor(+n || 0)).replace(/\B(?=(\d{3})+(?!\d))/g, '.'); // vi-VN: 1.151.800
        });
        slot.hidden = false;
      })
      .catch(function () {
        /* the link to the statistics page remains */
      });
  }
})();
