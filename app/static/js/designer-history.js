/* Versions page: 回退 makes a new draft holding an old version's XML and opens it; 迁移在办件 previews which running
   cases of a version can move to a newer one (and why the others cannot), then moves them. */
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

  var migration = document.getElementById('migration');
  if (!migration) return;
  var texts = JSON.parse(document.getElementById('migration-messages').textContent);
  var result = document.getElementById('migration-result');
  var migrateButton = document.getElementById('btn-migrate');
  function url() {
    return migration.dataset.url + '?from=' + document.getElementById('migrate-from').value +
      '&to=' + document.getElementById('migrate-to').value;
  }
  function show(report, done) {
    result.innerHTML = '';
    if (!report.cases) { result.textContent = report.message || ''; return; }
    if (!report.cases.length) { result.textContent = texts.none; }
    report.cases.forEach(function (c) {
      var li = document.createElement('li');
      li.setAttribute('data-case-no', c.case_no);
      var state = done ? (c.migrated ? texts.migrated : texts.stays) : (c.possible ? texts.movable : texts.stays);
      li.textContent = c.case_no + ' · ' + state + (c.reasons.length ? '：' + c.reasons.join('；') : '');
      result.appendChild(li);
    });
    migrateButton.disabled = done || !report.movable;
  }
  document.getElementById('btn-migration-report').addEventListener('click', function () {
    fetch(url(), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); }).then(function (report) { show(report, false); });
  });
  migrateButton.addEventListener('click', function () {
    fetch(url(), { method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf }, body: '{}' })
      .then(function (r) { return r.json(); }).then(function (report) { show(report, true); });
  });
})();
