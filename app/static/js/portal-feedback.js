// 咨询投诉 form: show only the chooser of the selected subject (事项 / 窗口 / 部门 / 办件). Without JavaScript every
// chooser stays visible and the server takes the one the subject names.
(function () {
  'use strict';
  var select = document.getElementById('subject_kind');
  if (!select) { return; }
  var groups = document.querySelectorAll('[data-subject]');
  function update() {
    for (var i = 0; i < groups.length; i += 1) {
      groups[i].hidden = groups[i].getAttribute('data-subject') !== select.value;
    }
  }
  select.addEventListener('change', update);
  update();
}());
