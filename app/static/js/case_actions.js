// The operation forms of the case page (templates/cases/_actions.html): a chosen special procedure fills in
// its usual length (rules/special_procedures.toml), and 终止 asks once more before it is sent.
(function () {
  'use strict';
  document.querySelectorAll('select[data-days-target]').forEach(function (select) {
    var target = document.getElementById(select.getAttribute('data-days-target'));
    if (!target) { return; }
    select.addEventListener('change', function () {
      var option = select.options[select.selectedIndex];
      target.value = option ? (option.getAttribute('data-days') || '') : '';
    });
  });
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
    });
  });
}());
