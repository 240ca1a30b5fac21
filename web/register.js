// Progressive enhancement: without this script the form posts as a plain HTML form.
(function () {
  var form = document.getElementById('register');
  var result = document.getElementById('result');
  var zone = document.getElementById('timeZone');
  try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; } catch (e) { /* the server derives it from the country */ }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData(form);
    var body = {
      name: data.get('name'), email: data.get('email'), organization: data.get('organization'),
      role: data.get('role') || '', country: data.get('country'), interests: data.getAll('interests'),
      newsletter: data.get('newsletter') === 'on', timeZone: data.get('timeZone') || undefined,
      invitedBy: data.get('invitedBy') || undefined, formVersion: data.get('formVersion'), website: data.get('website') || undefined
    };
    var button = form.querySelector('button');
    button.disabled = true;
    result.className = '';
    result.textContent = 'Sending...';
    fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) { return response.json().then(function (json) { return { status: response.status, json: json }; }); })
      .then(function (answer) {
        button.disabled = false;
        if (answer.status === 200 || answer.status === 201) {
          result.textContent = answer.json.message;
          form.hidden = true;
          return;
        }
        result.className = 'error';
        var errors = answer.json.errors || [{ field: '', message: answer.json.message + ' (request ' + answer.json.requestId + ')' }];
        result.textContent = '';
        var intro = document.createElement('p');
        intro.textContent = errors.length === 1 ? 'Please fix this:' : 'Please fix these ' + errors.length + ' things:';
        var list = document.createElement('ul');
        errors.forEach(function (e) {
          var item = document.createElement('li');
          item.textContent = e.message;
          list.appendChild(item);
          var input = e.field && form.elements[e.field];
          if (input && input.setAttribute) { input.setAttribute('aria-invalid', 'true'); }
        });
        result.appendChild(intro);
        result.appendChild(list);
        result.focus();
      })
      .catch(function () {
        button.disabled = false;
        result.className = 'error';
        result.textContent = 'The registration could not be sent. Check your connection and try again.';
      });
  });
})();
