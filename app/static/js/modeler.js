/* Process designer: the bpmn-js Modeler (with the camunda: moddle extension) that saves by validating on the
   server and deploys a new version; problems are listed by element and highlighted on the canvas. */
(function () {
  'use strict';
  var container = document.getElementById('canvas');
  if (!container || !window.BpmnJS) return;
  var messages = JSON.parse(document.getElementById('modeler-messages').textContent);
  var statusBox = document.getElementById('modeler-status');
  var problemList = document.getElementById('problems');
  var fileName = document.getElementById('file-name');
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var marked = [];
  var modeler;

  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_m, key) { return values[key]; });
  }
  function status(text, kind) {
    statusBox.textContent = text;
    statusBox.className = 'status ' + (kind || '');
  }
  function getJSON(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    });
  }
  function postJSON(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
      body: JSON.stringify(body)
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

  function currentUpload() {
    return modeler.saveXML({ format: true }).then(function (result) {
      return { file_name: fileName.value.trim(), bpmn_xml: result.xml };
    });
  }
  function requestFailed(response) {
    var data = response.data || {};
    if (data.problems && data.problems.length) { showProblems(data.problems); }
    status((data.message || messages.failed) + ' (' + response.status + ')', 'bad');
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

  function deploy() {
    return currentUpload().then(function (upload) { return postJSON(container.dataset.deploy, upload); }).then(function (response) {
      if (response.status !== 201) return requestFailed(response);
      clearMarks();
      var texts = response.data.deployed.map(function (d) {
        return d.new_version ? fmt(messages.deployed, { name: d.process_key, version: d.version }) : fmt(messages.unchanged, { version: d.version });
      });
      problemList.innerHTML = '';
      status(texts.join('；'), 'good');
      container.setAttribute('data-deployed', response.data.deployed.map(function (d) { return d.process_key + ':' + d.version; }).join(','));
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

  status(messages.loading);
  Promise.all([getJSON(container.dataset.src), getJSON(container.dataset.moddle)]).then(function (loaded) {
    modeler = new window.BpmnJS({ container: container, keyboard: { bindTo: document }, moddleExtensions: { camunda: loaded[1] } });
    window.processModeler = modeler;
    return modeler.importXML(loaded[0].bpmn_xml).then(function () {
      modeler.get('canvas').zoom('fit-viewport');
      modeler.on('commandStack.changed', function () { status(messages.dirty); });
      container.setAttribute('data-loaded', 'true');
      status(messages.loaded);
    });
  }).catch(function (error) {
    container.setAttribute('data-loaded', 'error');
    status(messages.failed + '：' + error.message, 'bad');
  });

  document.getElementById('btn-validate').addEventListener('click', function () { validate().catch(function (e) { status(e.message, 'bad'); }); });
  var deployButton = document.getElementById('btn-deploy');
  if (deployButton) deployButton.addEventListener('click', function () { deploy().catch(function (e) { status(e.message, 'bad'); }); });
  document.getElementById('btn-download').addEventListener('click', download);
})();
