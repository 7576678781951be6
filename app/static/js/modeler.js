/* Process designer: the bpmn-js modeler with the properties panel (审批属性) that saves drafts on the server
   (explicitly and by autosave, warning before leaving with unsaved changes), validates, and submits a draft
   for review; problems are listed by element and highlighted on the canvas. */
(function () {
  'use strict';
  var container = document.getElementById('canvas');
  if (!container || !window.BpmnPanelModeler) return;
  var messages = JSON.parse(document.getElementById('modeler-messages').textContent);
  var statusBox = document.getElementById('modeler-status');
  var problemList = document.getElementById('problems');
  var fileName = document.getElementById('file-name');
  var noteBox = document.getElementById('draft-note');
  var badge = document.getElementById('draft-badge');
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var AUTOSAVE_MS = 4000;
  var marked = [];
  var modeler, draft = null, dirty = false, autosaveTimer = null, saving = null;

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }
  function status(text, kind) {
    statusBox.textContent = text;
    statusBox.className = 'status ' + (kind || '');
  }
  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }
  function postJSON(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
      body: JSON.stringify(body || {})
    }).then(function (r) { return r.json().then(function (data) { return { status: r.status, data: data }; }); });
  }

  function clearMarks() {
    var canvas = modeler.get('canvas');
    marked.forEach(function (id) { canvas.removeMarker(id, 'has-problem'); });
    marked = [];
  }
  function showProblems(problems) {
    clearMarks();
    problemList.innerHTML = '';
    var canvas = modeler.get('canvas');
    var registry = modeler.get('elementRegistry');
    problems.forEach(function (p) {
      var li = document.createElement('li');
      li.className = 'problem';
      var where = p.element_id ? p.element_id + (p.element_name ? '（' + p.element_name + '）' : '') : messages.file_level;
      li.textContent = where + '：' + p.message + (p.line ? ' [' + messages.line + ' ' + p.line + ']' : '');
      if (p.element_id && registry.get(p.element_id)) {
        canvas.addMarker(p.element_id, 'has-problem');
        marked.push(p.element_id);
        li.tabIndex = 0;
        li.addEventListener('click', function () {
          modeler.get('selection').select(registry.get(p.element_id));
          canvas.scrollToElement(registry.get(p.element_id));
        });
      }
      li.setAttribute('data-element-id', p.element_id || '');
      problemList.appendChild(li);
    });
  }
  function requestFailed(response) {
    var data = response.data || {};
    if (data.problems && data.problems.length) { showProblems(data.problems); }
    status((data.message || messages.failed) + ' (' + response.status + ')', 'bad');
    return null;
  }

  function showDraft() {
    var withdrawButton = document.getElementById('btn-withdraw');
    if (withdrawButton) withdrawButton.hidden = !draft || draft.status !== 'in_review';
    if (!draft) { badge.hidden = true; return; }
    badge.hidden = false;
    badge.textContent = draft.status === 'in_review' ? messages.in_review : messages.draft;
    container.setAttribute('data-draft-id', String(draft.id));
    container.setAttribute('data-draft-status', draft.status);
    container.setAttribute('data-revision', String(draft.revision));
  }
  function markDirty() {
    dirty = true;
    container.setAttribute('data-dirty', 'true');
    status(messages.dirty);
    if (!draft || draft.status === 'draft') {
      clearTimeout(autosaveTimer);
      autosaveTimer = setTimeout(function () { save(true); }, AUTOSAVE_MS);
    }
  }

  function currentUpload() {
    return modeler.saveXML({ format: true }).then(function (result) {
      return { file_name: fileName.value.trim(), bpmn_xml: result.xml };
    });
  }

  function save(auto) {
    clearTimeout(autosaveTimer);
    if (saving) return saving;
    if (draft && draft.status !== 'draft') return Promise.resolve(draft);
    var wasDirty = dirty;
    saving = currentUpload().then(function (upload) {
      upload.base_version = Number(container.dataset.version);
      upload.revision = draft ? draft.revision : null;
      upload.note = noteBox.value;
      return postJSON(container.dataset.draft, upload);
    }).then(function (response) {
      saving = null;
      if (response.status !== 200) return requestFailed(response);
      draft = response.data;
      if (wasDirty === dirty) { dirty = false; container.setAttribute('data-dirty', 'false'); }
      showDraft();
      status(fmt(auto ? messages.autosaved : messages.saved, { revision: draft.revision }), 'good');
      return draft;
    }, function (error) { saving = null; throw error; });
    return saving;
  }

  function validate() {
    return currentUpload().then(function (upload) { return postJSON(container.dataset.validate, upload); }).then(function (response) {
      if (response.status !== 200) return requestFailed(response);
      showProblems(response.data.problems || []);
      if (response.data.valid) {
        problemList.innerHTML = '<li class="good">' + messages.valid + '</li>';
        status(messages.valid, 'good');
      } else {
        status(fmt(messages.invalid, { n: response.data.problems.length }), 'bad');
      }
      container.setAttribute('data-valid', String(response.data.valid));
      return response.data;
    });
  }

  function submit() {
    if (!noteBox.value.trim()) { status(messages.need_note, 'bad'); noteBox.focus(); return Promise.resolve(); }
    return save(false).then(function (saved) {
      if (!saved) return null;
      return postJSON('/designer/drafts/' + saved.id + '/submit.json', { note: noteBox.value });
    }).then(function (response) {
      if (!response) return;
      if (response.status !== 200) return requestFailed(response);
      draft = response.data;
      clearMarks();
      problemList.innerHTML = '';
      showDraft();
      status(messages.submitted, 'good');
    });
  }

  function withdraw() {
    return postJSON('/designer/drafts/' + draft.id + '/withdraw.json', {}).then(function (response) {
      if (response.status !== 200) return requestFailed(response);
      draft = response.data;
      showDraft();
      status(messages.withdrawn, 'good');
    });
  }

  function download() {
    currentUpload().then(function (upload) {
      var link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([upload.bpmn_xml], { type: 'application/xml' }));
      link.download = upload.file_name || 'process.bpmn';
      link.click();
    });
  }

  window.addEventListener('beforeunload', function (event) {
    if (!dirty) return undefined;
    event.preventDefault();
    event.returnValue = messages.leave;
    return messages.leave;
  });

  status(messages.loading);
  var hasDraft = container.dataset.hasDraft === 'true';
  Promise.all([getJSON(container.dataset.src), getJSON(container.dataset.options),
               hasDraft ? getJSON(container.dataset.draft) : Promise.resolve(null)]).then(function (loaded) {
    draft = loaded[2];
    modeler = window.BpmnPanelModeler.create({
      container: container, propertiesParent: document.getElementById('properties'),
      language: container.dataset.lang, approvalOptions: loaded[1]
    });
    window.processModeler = modeler;
    window.processDesigner = { modeler: modeler, save: function () { return dirty || !draft ? save(false) : Promise.resolve(draft); },
                               draft: function () { return draft; } };
    if (draft) { fileName.value = draft.file_name; if (!noteBox.value) noteBox.value = draft.note || ''; }
    return modeler.importXML(draft ? draft.bpmn_xml : loaded[0].bpmn_xml).then(function () {
      modeler.get('canvas').zoom('fit-viewport');
      modeler.on('commandStack.changed', markDirty);
      showDraft();
      container.setAttribute('data-loaded', 'true');
      container.dispatchEvent(new CustomEvent('designer:loaded'));
      status(messages.loaded);
    });
  }).catch(function (error) {
    container.setAttribute('data-loaded', 'error');
    status(messages.failed + '：' + error.message, 'bad');
  });

  function on(id, action) {
    var button = document.getElementById(id);
    if (button) button.addEventListener('click', function () {
      Promise.resolve(action()).catch(function (e) { status(e.message, 'bad'); });
    });
  }
  on('btn-save', function () { return save(false); });
  on('btn-validate', validate);
  on('btn-submit', submit);
  on('btn-withdraw', withdraw);
  on('btn-download', download);
  noteBox.addEventListener('input', function () { if (modeler) markDirty(); });
})();
