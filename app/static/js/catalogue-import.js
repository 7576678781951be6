/* 导入事项目录: send the workbook with an upload progress bar, then show the drafts made or every bad cell
   (sheet, row, column, problem) in a table. Without this script the form posts and the server renders the same. */
(function () {
  'use strict';
  var form = document.getElementById('import-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var progress = document.getElementById('import-progress');
  var bar = progress.querySelector('progress');
  var label = progress.querySelector('span');
  var result = document.getElementById('import-result');

  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    row.appendChild(td);
    return td;
  }

  function fill(tableId, rows, columns) {
    var table = result.querySelector('[data-testid="' + tableId + '"]');
    var body = table.querySelector('tbody');
    body.textContent = '';
    rows.forEach(function (item) {
      var tr = document.createElement('tr');
      columns.forEach(function (column) { cell(tr, typeof column === 'function' ? column(item) : item[column]); });
      body.appendChild(tr);
    });
    table.hidden = rows.length === 0;
  }

  function show(answer) {
    var message = result.querySelector('[data-testid="import-message"]');
    message.textContent = answer.message || '';
    message.className = answer.drafts && answer.drafts.length ? 'flash flash-success' : 'problems';
    fill('import-drafts', answer.drafts || [], ['code', function (d) { return 'v' + d.version; }, 'name']);
    fill('import-errors', answer.rows || [], ['sheet', 'row', 'column', 'message']);
    result.hidden = false;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('Accept', 'application/json');
    progress.hidden = false;
    bar.removeAttribute('value');
    request.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) { return; }
      var percent = Math.round(100 * e.loaded / e.total);
      bar.value = percent;
      label.textContent = label.dataset.labelUploading.replace('%s', percent).replace('%%', '%');
    });
    request.upload.addEventListener('load', function () {
      bar.removeAttribute('value');
      label.textContent = label.dataset.labelChecking;
    });
    request.addEventListener('load', function () {
      progress.hidden = true;
      var answer;
      try { answer = JSON.parse(request.responseText); } catch (e) { answer = {message: request.statusText}; }
      show(answer);
    });
    request.addEventListener('error', function () {
      progress.hidden = true;
      show({message: request.statusText || 'network error'});
    });
    request.send(new FormData(form));
  });
}());
