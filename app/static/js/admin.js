/* 机构管理 pages: show only the fields that apply. A staff account shows the one assignment its role needs
   (department, window, region or station); a window form hides the sector when the chosen window kind
   accepts every item (全科窗口). The server decides and validates again; this only tidies the form. */
(function () {
  'use strict';

  function toggle(wrap, shown) {
    if (!wrap) return;
    wrap.hidden = !shown;
    var control = wrap.querySelector('select, input');
    if (control && !shown) control.value = '';
  }

  function setUpUserForm(form) {
    var assignment = JSON.parse(form.getAttribute('data-role-assignment') || '{}');
    var role = form.querySelector('[data-user-role]');
    var fields = ['department_id', 'window_id', 'region_id', 'centre_id'];
    function apply() {
      var needed = assignment[role.value];
      fields.forEach(function (name) {
        toggle(form.querySelector('[data-field-wrap="' + name + '"]'), name === needed);
      });
    }
    role.addEventListener('change', apply);
    apply();
  }

  function setUpWindowForm(kind) {
    var form = kind.form;
    var sectorWrap = form.querySelector('[data-field-wrap="sector"]');
    function apply() {
      var option = kind.options[kind.selectedIndex];
      toggle(sectorWrap, !(option && option.getAttribute('data-accepts') === 'all'));
    }
    kind.addEventListener('change', apply);
    apply();
  }

  document.querySelectorAll('form[data-role-assignment]').forEach(setUpUserForm);
  document.querySelectorAll('select[data-window-kind]').forEach(setUpWindowForm);
})();
