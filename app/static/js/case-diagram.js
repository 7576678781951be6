/* The case's process diagram in the bpmn-js NavigatedViewer with the current and completed steps marked. */
(function () {
  'use strict';
  var container = document.getElementById('diagram');
  if (!container || !window.BpmnJS) return;
  var viewer = new window.BpmnJS({ container: container });
  window.caseDiagram = viewer;

  fetch(container.dataset.src, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    })
    .then(function (data) {
      return viewer.importXML(data.bpmn_xml).then(function () {
        var canvas = viewer.get('canvas');
        var registry = viewer.get('elementRegistry');
        canvas.zoom('fit-viewport');
        var current = data.current_step_ids || [];
        var doneNames = data.completed_step_names || [];
        (data.completed_step_ids || []).forEach(function (id) { if (registry.get(id)) canvas.addMarker(id, 'step-done'); });
        registry.filter(function (el) {
          return el.type === 'bpmn:UserTask' && doneNames.indexOf(el.businessObject.name) >= 0 && current.indexOf(el.id) < 0;
        }).forEach(function (el) { canvas.addMarker(el.id, 'step-done'); });
        (data.current_step_ids || []).forEach(function (id) { if (registry.get(id)) canvas.addMarker(id, 'step-current'); });
        container.setAttribute('data-loaded', 'true');
        container.setAttribute('data-current', (data.current_step_ids || []).join(','));
      });
    })
    .catch(function (error) {
      container.setAttribute('data-loaded', 'error');
      container.textContent = '流程图加载失败：' + error.message;
    });
})();
