/* Electronic materials (电子材料): every [data-uploader] sends the chosen files, one request per file, as
   multipart/form-data to its data-url (staff pages: the session's CSRF token in X-CSRFToken; the applicant's
   page: the query code in X-Query-Code). The server checks the type by content and the size; its message is
   shown next to the input. On success the file is listed (linked when data-file-url is given), the material's
   checkbox (data-tick) is ticked, and data-reload reloads the page. With data-stage-input (the acceptance page's
   scans made before the decision) each file also gets a hidden input of that name, so that the enclosing form
   submits the staged file's id, and a button that takes it out of the submission again. */
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');

  function message(body, fallback) {
    if (!body) return fallback;
    var errors = body.errors || {};
    var files = errors.files || {};
    var path = errors.path || {};
    var first = (files.file || path.code || [])[0];
    return first || body.message || fallback;
  }

  function listItem(uploader, file) {
    var li = document.createElement('li');
    var template = uploader.getAttribute('data-file-url');
    var name = document.createElement(template ? 'a' : 'span');
    name.textContent = file.filename;
    if (template) {
      name.href = template.replace('{id}', String(file.id)) + '?disposition=inline';
      name.target = '_blank';
      name.rel = 'noopener';
    }
    li.appendChild(name);
    li.setAttribute('data-file-id', String(file.id));
    var note = document.createElement('span');
    note.className = 'muted small';
    note.textContent = ' ' + (file.stage_label || '') + ' · ' + (uploader.getAttribute('data-label-done') || '✓');
    li.appendChild(note);
    var stageInput = uploader.getAttribute('data-stage-input');
    if (stageInput) {
      var hidden = document.createElement('input');
      hidden.type = 'hidden';
      hidden.name = stageInput;
      hidden.value = String(file.id);
      li.appendChild(hidden);
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'small';
      remove.setAttribute('data-remove-scan', '');
      remove.textContent = uploader.getAttribute('data-label-remove') || '×';
      remove.setAttribute('aria-label', remove.textContent + ' ' + file.filename);
      li.appendChild(remove);
    }
    return li;
  }

  function upload(uploader, file) {
    var url = uploader.getAttribute('data-url');
    var select = uploader.querySelector('[data-material-select]');
    if (select) url = url.replace('{code}', encodeURIComponent(select.value));
    var body = new FormData();
    var description = uploader.querySelector('[data-description]');
    if (description && description.value.trim()) body.append('description', description.value.trim());
    body.append('file', file, file.name);
    var headers = {};
    var code = uploader.getAttribute('data-query-code');
    if (code) headers['X-Query-Code'] = code;
    else if (meta) headers['X-CSRFToken'] = meta.getAttribute('content');
    return fetch(url, { method: 'POST', body: body, headers: headers, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (json) {
          if (!response.ok) throw new Error(message(json, response.status + ' ' + response.statusText));
          return json;
        });
      });
  }

  function setup(uploader) {
    var input = uploader.querySelector('[data-file-input]');
    var list = uploader.querySelector('[data-file-list]');
    var status = uploader.querySelector('[data-upload-status]');
    if (!input) return;
    function count() { uploader.setAttribute('data-count', String(list ? list.children.length : 0)); }
    count();
    if (list) {
      list.addEventListener('click', function (event) {
        var button = event.target.closest('[data-remove-scan]');
        if (!button) return;
        button.closest('li').remove();
        count();
      });
    }
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      uploader.setAttribute('data-state', 'uploading');
      status.textContent = uploader.getAttribute('data-label-uploading') || '…';
      var chain = Promise.resolve();
      var failed = null;
      files.forEach(function (file) {
        chain = chain.then(function () {
          return upload(uploader, file).then(function (stored) {
            if (list) list.appendChild(listItem(uploader, stored));
            count();
            var tick = uploader.getAttribute('data-tick');
            var box = tick ? document.querySelector(tick) : null;
            if (box && !box.disabled) box.checked = true;
          }).catch(function (error) { failed = file.name + '：' + error.message; });
        });
      });
      chain.then(function () {
        input.value = '';
        status.textContent = failed || '';
        status.className = 'upload-status' + (failed ? ' bad' : ' good');
        uploader.setAttribute('data-state', failed ? 'error' : 'done');
        if (!failed && uploader.hasAttribute('data-reload')) window.location.reload();
      });
    });
  }

  document.querySelectorAll('[data-uploader]').forEach(setup);
})();
