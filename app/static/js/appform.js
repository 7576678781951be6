/* The item's application form (一表申请) in the form-js viewer: fill it (window, online application) or read it
   (case page). The answers are posted as JSON in a hidden input with the page's form; the server validates them
   against the same schema and its messages are shown on the fields. While the form is filled, the materials
   checklist asks the server which (situational) materials the answers require. */
(function () {
  'use strict';
  var el = document.querySelector('[data-app-form]');
  if (!el || !window.FormViewer) return;

  function json(selector, fallback) {
    var node = document.querySelector(selector);
    try { return node ? JSON.parse(node.textContent) : fallback; } catch (e) { return fallback; }
  }
  var schema = json('[data-app-form-schema]', null);
  var answers = json('[data-app-form-data]', {});
  var serverErrors = json('[data-app-form-errors]', {});
  var messages = json('[data-app-form-messages]', null);
  var readOnly = el.getAttribute('data-mode') === 'readonly';
  var input = el.getAttribute('data-input') ? document.querySelector('input[name="' + el.getAttribute('data-input') + '"]') : null;
  var checklistUrl = el.getAttribute('data-checklist-url');
  /* debounce: false — form-js passes each keystroke on at once (its default waits 300 ms), so the hidden input
     holds the typed answer at every moment and a fast submit never loses the last one */
  var form = new FormViewer.Form({ container: el, properties: { readOnly: readOnly }, debounce: false });

  /* form-js keeps errors by field id; the server names fields by key */
  function idsByKey(components, map) {
    (components || []).forEach(function (c) {
      if (c.key && c.id) map[c.key] = c.id;
      idsByKey(c.components, map);
    });
    return map;
  }

  function currentData() { return form._getState().data || {}; }

  var lastSent = null;
  var timer = null;
  function refreshChecklist() {
    if (!checklistUrl) return;
    var body = JSON.stringify({ form: currentData() });
    if (body === lastSent) return;
    lastSent = body;
    fetch(checklistUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result && body === lastSent) applyChecklist(result); })
      .catch(function () { /* the server checks again on submit */ });
  }

  function applyChecklist(result) {
    var table = document.querySelector('[data-testid=materials]');
    if (!table) return;
    result.materials.forEach(function (m) {
      var row = table.querySelector('tr[data-material="' + m.code + '"]');
      if (!row) return;
      var before = row.classList.contains('received-before');
      row.hidden = !m.applies && !before;
      row.setAttribute('data-applies', m.applies ? '1' : '0');
      row.classList.toggle('required', m.required);
      var box = row.querySelector('input[name=materials]');
      if (box) box.setAttribute('data-required', m.required ? '1' : '0');
      var spans = row.querySelectorAll('.required-cell span');
      if (spans.length === 2) { spans[0].hidden = !m.required; spans[1].hidden = m.required; }
    });
    table.setAttribute('data-required-codes', result.required.join(' '));
  }

  function syncInput() { if (input) input.value = JSON.stringify(currentData()); }

  /* The server's messages stay on their fields (next to form-js's own checks, which re-run on import) until
     the answer is changed. */
  var ids = {};
  var posted = JSON.stringify(answers || {});
  posted = JSON.parse(posted);
  function keepServerErrors() {
    var state = form._getState();
    var errors = state.errors || {};
    var add = {};
    var changed = false;
    Object.keys(serverErrors).forEach(function (key) {
      var id = ids[key];
      if (!id || JSON.stringify((state.data || {})[key]) !== JSON.stringify(posted[key])) return;
      var list = errors[id] || [];
      if (list.indexOf(serverErrors[key]) === -1) { add[id] = list.concat([serverErrors[key]]); changed = true; }
    });
    if (changed) form._setState({ errors: Object.assign({}, errors, add) });
  }

  /* form-js's own checks and placeholders are English: shown in the page's language instead */
  var CHECKS = [[/^Field is required\.$/, 'required'], [/^Field must have minimum length of (\d+)\.$/, 'min_length'],
    [/^Field must have maximum length of (\d+)\.$/, 'max_length'], [/^Field must have minimum value of (.+)\.$/, 'min'],
    [/^Field must have maximum value of (.+)\.$/, 'max'], [/^Field must /, 'invalid']];
  function localCheck(message) {
    if (!messages || typeof message !== 'string') return message;
    for (var i = 0; i < CHECKS.length; i += 1) {
      var match = CHECKS[i][0].exec(message);
      if (match) return messages[CHECKS[i][1]].replace('{n}', match[1] || '');
    }
    return message;
  }
  function localiseChecks() {
    var errors = form._getState().errors || {};
    var local = {};
    var changed = false;
    Object.keys(errors).forEach(function (id) {
      local[id] = (errors[id] || []).map(function (m) { var l = localCheck(m); if (l !== m) changed = true; return l; });
    });
    if (changed) form._setState({ errors: local });
  }
  var TEXTS = { 'Select': 'select', 'No results': 'no_results', 'All values selected': 'all_selected' };
  function localiseTexts() {
    if (!messages) return;
    /* the text node's data, never the node: Preact keeps its node and rewrites it only when its own text changes */
    el.querySelectorAll('.fjs-select-display, .fjs-dropdownlist-empty').forEach(function (node) {
      var text = node.firstChild;
      var key = text && text.nodeType === 3 ? TEXTS[text.data] : null;
      if (key) text.data = messages[key];
    });
    el.querySelectorAll('input[placeholder="Search"]').forEach(function (input) { input.placeholder = messages.search; });
  }
  if (messages && window.MutationObserver) {
    new MutationObserver(localiseTexts).observe(el, { childList: true, subtree: true, characterData: true });
  }

  form.importSchema(schema, answers).then(function () {
    ids = idsByKey(schema.components, {});
    localiseChecks();
    localiseTexts();
    keepServerErrors();
    syncInput();
    el.setAttribute('data-loaded', 'true');
    refreshChecklist();
  }).catch(function (error) {
    el.setAttribute('data-loaded', 'error');
    el.textContent = String(error && error.message || error);
  });

  form.on('changed', function () {
    localiseChecks();
    keepServerErrors();
    syncInput();
    clearTimeout(timer);
    timer = setTimeout(refreshChecklist, 200);
  });

  var page = el.closest('form');
  if (page && !readOnly) {
    page.addEventListener('submit', function () {
      syncInput(); /* the server validates; the client's checks are only shown */
      try { form.validate(); } catch (e) { /* shown by the server instead */ }
    });
  }
})();
