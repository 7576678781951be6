/* 试运行 on the modeler page: pick an item and the decision each step takes the first time it is reached
   (and which co-departments refuse); the server runs a throwaway case of the saved draft and the path taken is
   highlighted on the diagram, with each task, who would get it and its deadline. */
(function () {
  'use strict';
  var panel = document.getElementById('dry-run');
  if (!panel) return;
  var messages = JSON.parse(document.getElementById('modeler-messages').textContent);
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var itemSelect = document.getElementById('dry-item');
  var decisionsBox = document.getElementById('dry-decisions');
  var refusingBox = document.getElementById('dry-refusing');
  var resultList = document.getElementById('dry-result');
  var container = document.getElementById('canvas');
  var marked = [];

  function designer() { return window.processDesigner; }
  function label(key) { return (messages.decisions && messages.decisions[key]) || key; }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function propertyOf(bo, name) {
    var ext = bo.extensionElements;
    var values = (ext && ext.values) || [];
    for (var i = 0; i < values.length; i++) {
      var props = values[i].values || [];
      for (var j = 0; j < props.length; j++) if (props[j].name === name) return props[j].value || '';
    }
    return '';
  }

  function renderDecisions() {
    decisionsBox.innerHTML = '';
    var d = designer();
    if (!d) return;
    d.modeler.get('elementRegistry').filter(function (e) { return e.type === 'bpmn:UserTask'; }).forEach(function (task) {
      var bo = task.businessObject;
      var choices = bo.get('camunda:formKey') === 'acceptance' ? ['accept', 'supplement', 'refuse']
        : propertyOf(bo, 'decisions').split(',').map(function (s) { return s.trim(); })
          .filter(function (s) { return ['approve', 'reject', 'return'].indexOf(s) >= 0; });
      if (choices.length < 2) return;
      var select = el('select', { 'data-element-id': task.id, 'data-testid': 'dry-decision-' + task.id });
      choices.forEach(function (c) { select.appendChild(el('option', { value: c }, label(c))); });
      var row = el('label', { class: 'dry-row' }, (bo.name || task.id) + ' · ' + messages.first_visit + ' ');
      row.appendChild(select);
      decisionsBox.appendChild(row);
    });
  }

  function renderRefusing() {
    refusingBox.innerHTML = '';
    var option = itemSelect.options[itemSelect.selectedIndex];
    var co = option ? JSON.parse(option.getAttribute('data-co') || '[]') : [];
    if (!co.length) return;
    refusingBox.appendChild(el('span', {}, messages.refusing + '：'));
    co.forEach(function (c) {
      var box = el('input', { type: 'checkbox', value: c.code, 'data-testid': 'dry-refuse-' + c.code });
      var row = el('label', {}, ' ' + c.name);
      row.insertBefore(box, row.firstChild);
      refusingBox.appendChild(row);
    });
  }

  function clearMarks() {
    var canvas = designer().modeler.get('canvas');
    marked.forEach(function (m) { canvas.removeMarker(m[0], m[1]); });
    marked = [];
  }
  function mark(id, cls) {
    var d = designer();
    if (!d.modeler.get('elementRegistry').get(id)) return;
    d.modeler.get('canvas').addMarker(id, cls);
    marked.push([id, cls]);
  }

  function show(result) {
    clearMarks();
    resultList.innerHTML = '';
    result.path.forEach(function (id) { mark(id, 'dry-path'); });
    result.tasks.forEach(function (t) {
      var text = (t.name || t.element_id) + (t.co_department ? '（' + t.co_department + '）' : '') + ' → ' + label(t.decision) +
        ' · ' + t.candidate_groups.join(', ') + ' · ' + fmt(messages.people, { n: t.people_count }) +
        (t.people.length ? '（' + t.people.join('、') + '）' : '') + (t.due_at ? ' · ' + messages.due + ' ' + t.due_at.slice(0, 10) : '');
      resultList.appendChild(el('li', { 'data-element-id': t.element_id }, text));
    });
    var summary;
    if (result.error) {
      summary = fmt(messages.dry_error, { error: result.error });
      if (result.error_element) mark(result.error_element, 'has-problem');
    } else if (result.completed) {
      summary = messages.dry_ok;
    } else {
      summary = fmt(messages.dry_stopped, { where: result.waiting.join(', ') });
    }
    resultList.appendChild(el('li', { class: result.error ? 'problem' : 'good', 'data-testid': 'dry-summary' }, summary));
    container.setAttribute('data-dry-run', result.error ? 'error' : (result.completed ? 'completed' : 'stopped'));
    container.setAttribute('data-dry-path', result.path.join(','));
  }
  function fmt(text, values) { return text.replace(/\{(\w+)\}/g, function (_m, k) { return values[k]; }); }

  function run() {
    var d = designer();
    container.removeAttribute('data-dry-run');
    return d.save().then(function (draft) {
      if (!draft) return null;
      var decisions = {};
      decisionsBox.querySelectorAll('select').forEach(function (s) { decisions[s.getAttribute('data-element-id')] = s.value; });
      var refusing = [];
      refusingBox.querySelectorAll('input:checked').forEach(function (b) { refusing.push(b.value); });
      return fetch('/designer/drafts/' + draft.id + '/dry-run.json', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
        body: JSON.stringify({ item_code: itemSelect.value, decisions: decisions, refusing: refusing })
      }).then(function (r) { return r.json(); });
    }).then(function (result) {
      if (result && result.path) show(result);
      else if (result) { resultList.innerHTML = ''; resultList.appendChild(el('li', { class: 'problem' }, result.message || messages.failed)); }
    });
  }

  itemSelect.addEventListener('change', renderRefusing);
  document.getElementById('btn-dry-run').addEventListener('click', function () { run().catch(function (e) { resultList.textContent = e.message; }); });
  container.addEventListener('designer:loaded', function () {
    renderDecisions();
    renderRefusing();
    designer().modeler.on('elements.changed', renderDecisions);
  });
})();
