/* 事项申请表设计: the form-js editor on an item's draft version; "save" sends the schema to the server, which
   refuses what it could not enforce (unsupported field types, bad patterns, conditions naming missing fields). */
(function () {
  'use strict';
  var container = document.getElementById('form-editor');
  if (!container || !window.FormEditor) return;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var messages = JSON.parse(document.getElementById('form-editor-messages').textContent);
  var schema = JSON.parse(document.getElementById('form-editor-schema').textContent);
  var status = document.getElementById('form-status');
  var problems = document.getElementById('form-problems');
  var editor = new FormEditor.FormEditor({ container: container });

  function say(text, state) {
    status.textContent = text;
    status.setAttribute('data-state', state);
  }
  function showProblems(list) {
    problems.innerHTML = '';
    list.forEach(function (text) {
      var li = document.createElement('li');
      li.textContent = text;
      problems.appendChild(li);
    });
  }
  function flatten(node, out) {
    if (typeof node === 'string') out.push(node);
    else if (Array.isArray(node)) node.forEach(function (n) { flatten(n, out); });
    else if (node && typeof node === 'object') Object.keys(node).forEach(function (k) { flatten(node[k], out); });
    return out;
  }

  editor.importSchema(schema).then(function () {
    container.setAttribute('data-loaded', 'true');
    say(messages.loaded, 'loaded');
    editor.on('changed', function () { say(messages.dirty, 'dirty'); });
  }).catch(function (error) {
    container.setAttribute('data-loaded', 'error');
    say(String(error && error.message || error), 'failed');
  });

  document.getElementById('btn-save-form').addEventListener('click', function () {
    fetch(container.getAttribute('data-save'), {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
      body: JSON.stringify({ form_schema: editor.saveSchema() })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (result.ok) { showProblems([]); say(messages.saved, 'saved'); return; }
      showProblems(flatten(result.body.errors || {}, []));
      say(result.body.message || messages.failed, 'failed');
    }).catch(function () { say(messages.failed, 'failed'); });
  });
})();
