/* 材料复用 at the window: once the applicant's ID number checks out, ask the server which materials this
   applicant already gave in an earlier still-valid case (or holds as an e-licence of this system) and offer each
   with a tick "免提交（复用）"; a ticked reuse is posted as reuse=<material>:<file|licence>:<id> and ticks the
   material as received. The server checks every reuse again on submit. */
(function () {
  'use strict';
  var table = document.querySelector('[data-reuse-url]');
  var idInput = document.querySelector('[data-id-input]');
  var kind = document.querySelector('[data-id-kind]');
  var feedback = document.querySelector('[data-testid=id-feedback]');
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (!table || !idInput) return;
  var chosen = (table.getAttribute('data-reused') || '').split(' ').filter(Boolean);
  var label = function (name) { return table.getAttribute('data-label-' + name) || name; };
  var lastAsked = null;
  var timer = null;

  function clear() {
    table.querySelectorAll('[data-reuse-cell]').forEach(function (cell) { cell.textContent = ''; });
    table.setAttribute('data-reuse-state', 'none');
  }

  function offerRow(material) {
    var cell = table.querySelector('[data-reuse-cell="' + material.code + '"]');
    if (!cell) return;
    var file = (material.files || [])[0];
    var licence = (material.licences || [])[0];
    var value = file ? material.code + ':file:' + file.file_id : material.code + ':licence:' + licence.licence_id;
    var source = file ? label('case') + ' ' + file.case_no + ' · ' + file.filename
      : label('licence') + ' ' + licence.name + ' ' + licence.number;
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'reuse';
    box.value = value;
    box.setAttribute('data-testid', 'reuse-' + material.code);
    box.checked = chosen.indexOf(value) !== -1;
    box.addEventListener('change', function () {
      var received = document.getElementById('mat-' + material.code);
      if (box.checked && received) received.checked = true;
    });
    var text = document.createElement('label');
    text.className = 'small';
    text.appendChild(box);
    text.appendChild(document.createTextNode(' ' + label('reuse')));
    var note = document.createElement('div');
    note.className = 'muted small';
    note.textContent = source;
    cell.textContent = '';
    cell.appendChild(text);
    cell.appendChild(note);
  }

  function ask() {
    if (!feedback || feedback.getAttribute('data-valid') !== 'true') { lastAsked = null; clear(); return; }
    var applicant = { kind: kind ? kind.value : 'person', id_number: idInput.value };
    var body = JSON.stringify({ applicant: applicant });
    if (body === lastAsked) return;
    lastAsked = body;
    table.setAttribute('data-reuse-state', 'asking');
    fetch(table.getAttribute('data-reuse-url'), {
      method: 'POST', body: body, credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': meta ? meta.getAttribute('content') : '' }
    }).then(function (response) { return response.ok ? response.json() : null; })
      .then(function (offer) {
        if (body !== lastAsked) return;
        clear();
        (offer && offer.materials || []).forEach(offerRow);
        table.setAttribute('data-reuse-state', offer && offer.materials.length ? 'offered' : 'none');
      })
      .catch(function () { table.setAttribute('data-reuse-state', 'none'); });
  }

  function later() { clearTimeout(timer); timer = setTimeout(ask, 250); }
  idInput.addEventListener('input', later);
  if (kind) kind.addEventListener('change', later);
  ask();
})();
