// xaphuong newsroom: confirmation before destructive actions, and the progress of statement imports. Forms work without it.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var button = event.submitter || (event.target && event.target.querySelector('[data-confirm]'));
    var message = button && button.getAttribute && button.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
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
