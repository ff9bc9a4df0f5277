// xaphuong newsroom: confirmation before destructive actions. Forms work without it.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var button = event.submitter || (event.target && event.target.querySelector('[data-confirm]'));
    var message = button && button.getAttribute && button.getAttribute('data-confirm');
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
