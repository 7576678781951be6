/* The 办事指南 page: the item's process drawn read-only by the bpmn-js NavigatedViewer, and the print button. */
(function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });

  var container = document.getElementById('process-diagram');
  if (!container) return;
  function failed() {
    container.setAttribute('data-loaded', 'error');
    container.textContent = container.dataset.error;
  }
  if (!window.BpmnJS) { failed(); return; }
  var viewer = new window.BpmnJS({ container: container });
  fetch(container.dataset.src, { credentials: 'same-origin', headers: { Accept: 'application/xml' } })
    .then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.text();
    })
    .then(function (xml) { return viewer.importXML(xml); })
    .then(function () {
      viewer.get('canvas').zoom('fit-viewport');
      container.setAttribute('data-loaded', 'true');
    })
    .catch(failed);
  window.addEventListener('beforeprint', function () { viewer.get('canvas').zoom('fit-viewport'); });
})();
