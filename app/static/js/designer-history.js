/* Versions page: 回退 makes a new draft holding an old version's XML, then opens it in the modeler. */
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  document.querySelectorAll('.js-rollback').forEach(function (button) {
    button.addEventListener('click', function () {
      fetch(button.dataset.url, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf }, body: '{}'
      }).then(function (r) { return r.json().then(function (data) { return { status: r.status, data: data }; }); })
        .then(function (response) {
          if (response.status === 201) { window.location.href = button.dataset.open; return; }
          button.insertAdjacentText('afterend', ' ' + (response.data.message || response.status));
        });
    });
  });
})();
