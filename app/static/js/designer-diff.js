/* Visual diff of two process versions (or a version and a draft): the server lists the elements added, changed
   and removed by id; the newer diagram marks added and changed ones, the older one (if shown) the removed ones.
   On the review page the same view comes with the approve / reject buttons. */
(function () {
  'use strict';
  var newer = document.getElementById('diff-new');
  if (!newer || !window.BpmnJS) return;
  var older = document.getElementById('diff-old');
  var list = document.getElementById('diff-list');
  var messages = JSON.parse(document.getElementById('diff-messages').textContent);
  var csrf = document.querySelector('meta[name="csrf-token"]').content;

  function viewer(node, xml, marks) {
    var v = new window.BpmnJS({ container: node });
    return v.importXML(xml).then(function () {
      v.get('canvas').zoom('fit-viewport');
      var registry = v.get('elementRegistry');
      marks.forEach(function (m) { if (registry.get(m[0])) v.get('canvas').addMarker(m[0], m[1]); });
      node.setAttribute('data-loaded', 'true');
      return v;
    });
  }
  function item(kind, e) {
    var li = document.createElement('li');
    li.className = 'diff-' + kind;
    li.setAttribute('data-element-id', e.id);
    li.setAttribute('data-kind', kind);
    li.textContent = messages[kind] + '：' + e.id + (e.name ? '（' + e.name + '）' : '') + ' ' + e.type;
    list.appendChild(li);
  }

  fetch(newer.dataset.src, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(function (diff) {
      var marks = diff.added.map(function (e) { return [e.id, 'diff-added']; })
        .concat(diff.changed.map(function (e) { return [e.id, 'diff-changed']; }));
      ['added', 'changed', 'removed'].forEach(function (kind) { diff[kind].forEach(function (e) { item(kind, e); }); });
      if (!diff.added.length && !diff.changed.length && !diff.removed.length) {
        var none = document.createElement('li');
        none.textContent = messages.none;
        list.appendChild(none);
      }
      var shown = [viewer(newer, diff.to_xml, marks)];
      if (older) shown.push(viewer(older, diff.from_xml, diff.removed.map(function (e) { return [e.id, 'diff-removed']; })));
      return Promise.all(shown);
    }).catch(function (error) { list.textContent = error.message; });

  var actions = document.getElementById('review-actions');
  if (!actions) return;
  var statusBox = document.getElementById('review-status');
  function decide(url) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
      body: JSON.stringify({ note: document.getElementById('review-note').value })
    }).then(function (r) { return r.json().then(function (data) { return { status: r.status, data: data }; }); });
  }
  document.getElementById('btn-approve').addEventListener('click', function () {
    decide(actions.dataset.approve).then(function (response) {
      if (response.status !== 201) { statusBox.textContent = response.data.message || messages.failed; statusBox.className = 'status bad'; return; }
      statusBox.textContent = messages.deployed.replace('{version}', response.data.draft.deployed_version);
      statusBox.className = 'status good';
      actions.setAttribute('data-deployed', String(response.data.draft.deployed_version));
    });
  });
  document.getElementById('btn-reject').addEventListener('click', function () {
    decide(actions.dataset.reject).then(function (response) {
      if (response.status !== 200) { statusBox.textContent = response.data.message || messages.failed; statusBox.className = 'status bad'; return; }
      statusBox.textContent = messages.rejected;
      statusBox.className = 'status good';
      actions.setAttribute('data-rejected', 'true');
    });
  });
})();
