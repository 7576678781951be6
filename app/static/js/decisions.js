/* Decision-table page: the dmn-js editor (opened on the decision table, zh-CN labels through its translate
   service), saving a draft, and the test panel: the server evaluates the table shown (a draft with its unsaved
   changes) with the engine the processes use; matched rules are listed and marked in the table, errors are shown
   next to the input they name. */
(function () {
  'use strict';
  var container = document.getElementById('dmn-editor');
  if (!container || !window.DmnJS) return;
  var messages = JSON.parse(document.getElementById('decision-messages').textContent);
  var source = JSON.parse(document.getElementById('dmn-source').textContent);
  var statusBox = document.getElementById('editor-status');
  var testForm = document.getElementById('test-form');
  var resultBox = document.getElementById('test-result');
  var submitForm = document.getElementById('submit-form');
  var saveButton = document.getElementById('btn-save');
  var editable = container.dataset.editable === 'true';
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var labels = window.DMN_JS_ZH_CN || {};
  var dirty = false;
  var watched = [];

  function translate(template, replacements) {
    var text = labels[template] || template;
    replacements = replacements || {};
    return text.replace(/{([^}]+)}/g, function (match, key) {
      return replacements[key] !== undefined ? replacements[key] : match;
    });
  }
  // dmn-js passes only each view's own additionalModules to its viewer (not the common ones)
  var translation = { additionalModules: [{ translate: ['value', translate] }] };
  var modeler = new window.DmnJS({
    container: container, drd: translation, decisionTable: translation, literalExpression: translation
  });

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, key) { return values[key] !== undefined ? values[key] : m; });
  }
  function status(text, kind) {
    statusBox.textContent = text;
    statusBox.className = 'status ' + (kind || '');
  }
  function postJSON(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (data) { return { status: r.status, data: data }; }); });
  }
  function markDirty() {
    if (!editable) return;
    dirty = true;
    status(messages.dirty, 'bad');
  }
  function watchActiveViewer() {
    var viewer = modeler.getActiveViewer();
    if (!viewer || watched.indexOf(viewer) >= 0) return;
    watched.push(viewer);
    viewer.get('eventBus').on('elements.changed', markDirty);
  }
  function openTable() {
    var table = modeler.getViews().filter(function (view) { return view.type === 'decisionTable'; })[0];
    return table ? modeler.open(table) : Promise.resolve();
  }
  modeler.on('views.changed', watchActiveViewer);
  modeler.importXML(source).then(openTable).then(function () {
    watchActiveViewer();
    status(messages.loaded, 'good');
    container.setAttribute('data-ready', 'true');
  }).catch(function (error) { status(messages.failed + ': ' + error.message, 'bad'); });

  function currentXML() {
    return modeler.saveXML({ format: true }).then(function (result) { return result.xml; });
  }
  function failure(response) {
    var data = response.data || {};
    return (data.message || messages.failed) + ' (' + response.status + ')';
  }
  function save() {
    return currentXML().then(function (xml) { return postJSON(container.dataset.save, { dmn_xml: xml }); })
      .then(function (response) {
        if (response.status !== 200) { status(failure(response), 'bad'); return false; }
        dirty = false;
        status(messages.saved, 'good');
        return true;
      });
  }
  if (saveButton) saveButton.addEventListener('click', save);
  if (submitForm) {
    submitForm.addEventListener('submit', function (event) {
      if (!dirty) return;
      event.preventDefault();
      save().then(function (saved) { if (saved) submitForm.submit(); });
    });
  }
  window.addEventListener('beforeunload', function (event) {
    if (dirty && editable) { event.preventDefault(); event.returnValue = messages.leave; }
  });

  // -- test -------------------------------------------------------------------------------------------
  function clearMarks() {
    Array.prototype.forEach.call(container.querySelectorAll('.rule-matched, .rule-used'), function (cell) {
      cell.classList.remove('rule-matched', 'rule-used');
    });
    Array.prototype.forEach.call(testForm.querySelectorAll('[data-error-for]'), function (box) { box.textContent = ''; });
    Array.prototype.forEach.call(testForm.querySelectorAll('input.invalid'), function (input) {
      input.classList.remove('invalid');
    });
  }
  function markRows(ids, cls) {
    ids.forEach(function (id) {
      Array.prototype.forEach.call(container.querySelectorAll('[data-row-id="' + id + '"]'), function (cell) {
        cell.classList.add(cls);
      });
    });
  }
  function element(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function showResult(data) {
    resultBox.innerHTML = '';
    resultBox.appendChild(element('h3', messages.output));
    var output = element('dl', undefined, 'test-output');
    Object.keys(data.output).forEach(function (key) {
      output.appendChild(element('dt', key, 'mono'));
      output.appendChild(element('dd', JSON.stringify(data.output[key]), 'mono'));
    });
    if (!Object.keys(data.output).length) output.appendChild(element('dd', messages.none, 'muted'));
    output.setAttribute('data-testid', 'test-output');
    resultBox.appendChild(output);
    resultBox.appendChild(element('h3', messages.matched));
    var list = element('ol', undefined, 'test-matched');
    data.matched.forEach(function (row) {
      var used = data.used.indexOf(row.id) >= 0;
      var item = element('li', fmt(messages.row, { n: row.number }) + (row.description ? '：' + row.description : '') +
        ' → ' + row.outputs.join('，') + (used ? '（' + messages.used + '）' : ''), used ? 'good' : '');
      item.setAttribute('data-rule-id', row.id);
      list.appendChild(item);
    });
    resultBox.appendChild(list);
    markRows(data.matched.map(function (row) { return row.id; }), 'rule-matched');
    markRows(data.used, 'rule-used');
  }
  function showError(response) {
    resultBox.innerHTML = '';
    var box = element('p', failure(response), 'error');
    box.setAttribute('role', 'alert');
    box.setAttribute('data-testid', 'test-error');
    resultBox.appendChild(box);
    var named = ((response.data.errors || {}).json || {}).inputs || {};
    Object.keys(named).forEach(function (name) {
      var input = testForm.querySelector('input[name="' + name + '"]');
      var slot = testForm.querySelector('[data-error-for="' + name + '"]');
      if (input) input.classList.add('invalid');
      if (slot) slot.textContent = [].concat(named[name]).join('；');
    });
  }
  testForm.addEventListener('submit', function (event) {
    event.preventDefault();
    clearMarks();
    resultBox.textContent = messages.testing;
    var inputs = {};
    Array.prototype.forEach.call(testForm.querySelectorAll('input[name]'), function (input) {
      inputs[input.name] = input.value.trim();
    });
    currentXML().then(function (xml) {
      return postJSON(container.dataset.test, { inputs: inputs, dmn_xml: xml });
    }).then(function (response) {
      if (response.status === 200) showResult(response.data); else showError(response);
    }).catch(function (error) { resultBox.textContent = messages.failed + ': ' + error.message; });
  });
}());
