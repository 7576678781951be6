/* Acceptance form: live identity-number feedback and the decision-dependent parts of the form. */
(function () {
  'use strict';
  var form = document.getElementById('acceptance-form');
  if (!form) return;

  var kind = form.querySelector('[data-id-kind]');
  var idInput = form.querySelector('[data-id-input]');
  var feedback = form.querySelector('.id-feedback');

  // the server's message for the number, if the form came back with one: shown once, in place of the live
  // feedback, until the clerk edits the number
  var serverError = idInput ? idInput.parentNode.querySelector('.error[data-field="id_number"]') : null;

  function checkId() {
    if (!idInput || !window.IdCheck) return;
    if (serverError) { feedback.textContent = ''; feedback.className = 'id-feedback'; return; }
    var value = idInput.value;
    if (!value.trim()) { feedback.textContent = ''; feedback.className = 'id-feedback'; idInput.setCustomValidity(''); return; }
    var problem = kind && kind.value === 'organisation' ? IdCheck.creditCodeProblem(value) : IdCheck.citizenIdProblem(value);
    var partial = IdCheck.normalise(value).length < 18 && problem && /18位/.test(problem);
    feedback.textContent = problem ? problem : '✓ 校验通过';
    feedback.className = 'id-feedback ' + (problem ? (partial ? 'pending' : 'bad') : 'good');
    feedback.setAttribute('data-valid', problem ? 'false' : 'true');
    idInput.setCustomValidity(problem && !partial ? problem : '');
  }
  if (idInput) {
    idInput.addEventListener('input', function () {
      if (serverError) { serverError.remove(); serverError = null; }
      checkId();
    });
    if (kind) kind.addEventListener('change', function () {
      if (serverError) { serverError.remove(); serverError = null; }
      checkId();
    });
    checkId();
  }

  function decision() {
    var checked = form.querySelector('input[name="decision"]:checked');
    return checked ? checked.value : 'accept';
  }
  function refresh() {
    form.classList.toggle('deciding-supplement', decision() === 'supplement');
    form.classList.toggle('deciding-refuse', decision() === 'refuse');
  }
  form.querySelectorAll('input[name="decision"]').forEach(function (radio) { radio.addEventListener('change', refresh); });
  refresh();
})();
