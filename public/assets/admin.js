// xaphuong newsroom: confirmation before destructive actions, the progress of statement imports, and list tables that phones read as cards. Pages work without it.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var button = event.submitter || (event.target && event.target.querySelector('[data-confirm]'));
    var message = button && button.getAttribute && button.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // Each cell is labelled with its column's heading so that a narrow screen can stack a row as a card
  // (admin.css); the roles keep it a table for screen readers once CSS stops displaying it as one.
  var roles = { TABLE: 'table', THEAD: 'rowgroup', TBODY: 'rowgroup', TR: 'row', TH: 'columnheader', TD: 'cell' };
  document.querySelectorAll('.table-wrap > table.data-table').forEach(function (table) {
    var headings = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) {
      return th.textContent.trim();
    });
    table.querySelectorAll('thead, tbody, tr, th, td').forEach(function (el) {
      el.setAttribute('role', roles[el.tagName]);
    });
    table.setAttribute('role', 'table');
    table.querySelectorAll('tbody tr').forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (cell.colSpan === 1 && headings[column]) cell.setAttribute('data-label', headings[column]);
        column += cell.colSpan;
      });
    });
    table.classList.add('stacks');
  });
})();

// Statement imports: the progress bar of a running import follows its job, then the page reloads to show the outcome.
(function () {
  'use strict';
  var box = document.querySelector('[data-progress-url]');
  if (!box || !window.fetch) return;
  var bar = box.querySelector('progress');
  var text = box.querySelector('[data-progress-text]');
  function poll() {
    fetch(box.getAttribute('data-progress-url'), { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (job) {
        if (!job) return setTimeout(poll, 3000);
        if (bar) bar.value = job.percent;
        if (text) text.textContent = job.text;
        if (job.running) setTimeout(poll, 1000);
        else window.location.assign(box.getAttribute('data-done-url'));
      })
      .catch(function () {
        setTimeout(poll, 3000);
      });
  }
  setTimeout(poll, 1000);
})();

// Forms marked data-warn-unsaved ask before the page is left with changes nobody saved: typing marks the form changed,
// its own submit (any button, the workflow ones included) or an autosave ("xaphuong:saved") clears the mark.
(function () {
  'use strict';
  var changed = [];
  function watched(target) {
    var form = target && target.form;
    return form && form.hasAttribute('data-warn-unsaved') ? form : null;
  }
  function mark(event) {
    var form = watched(event.target);
    if (form && changed.indexOf(form) < 0) changed.push(form);
  }
  function clear(form) {
    changed = changed.filter(function (f) {
      return f !== form;
    });
  }
  document.addEventListener('input', mark, true);
  document.addEventListener('change', mark, true);
  // Registered after the confirmation handler above, so a cancelled submit is already marked as such.
  document.addEventListener('submit', function (event) {
    if (!event.defaultPrevented) clear(event.target);
  });
  document.addEventListener('xaphuong:saved', function (event) {
    clear(event.target);
  });
  window.addEventListener('beforeunload', function (event) {
    if (changed.length === 0) return;
    event.preventDefault();
    event.returnValue = 'Bạn có thay đổi chưa lưu. Rời trang sẽ mất các thay đổi này.';
    return event.returnValue;
  });
})();
