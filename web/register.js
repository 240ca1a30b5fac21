// Progressive enhancement: without this script (or on a browser without fetch and FormData) the form
// posts as a plain HTML form and the server answers with pages.
(function () {
  if (!window.fetch || !window.FormData || !FormData.prototype.getAll || !window.JSON) { return; }
  var form = document.getElementById('register');
  var starts = document.getElementById('starts');
  var localTime = document.getElementById('local-time');
  var browserZone = '';
  try {
    browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    // a device without a configured zone reports Etc/Unknown: the server then uses the country's zone
    if (browserZone === 'Etc/Unknown') { browserZone = ''; }
    // some browsers still report old tz names (Asia/Katmandu): the page lists the current ones
    var aliases = document.getElementById('zone-aliases');
    if (browserZone && aliases) { browserZone = JSON.parse(aliases.textContent)[browserZone] || browserZone; }
  } catch (e) { /* the server derives it from the country */ }

  // the meeting's start in the visitor's own zone, beside UTC and the reference cities
  var localLine = '';
  if (starts && browserZone) {
    try {
      var when = new Intl.DateTimeFormat('en-GB', { timeZone: browserZone, weekday: 'long', day: 'numeric', month: 'long',
        year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true }).format(new Date(starts.getAttribute('datetime')));
      var option = document.querySelector('#timeZone option[value="' + browserZone + '"]');
      var place = option ? option.textContent.replace(/ \(.*\)$/, '') : browserZone.split('/').pop().replace(/_/g, ' ');
      localLine = 'Your time (' + place + '): ' + when.replace(/\bam\b/, 'AM').replace(/\bpm\b/, 'PM') + '.';
      localTime.textContent = localLine;
      localTime.hidden = false;
    } catch (e) { /* the UTC time and the reference cities are shown */ }
  }
  if (!form) { return; }
  var result = document.getElementById('result');
  var zone = document.getElementById('timeZone');
  if (browserZone && !zone.value) {
    if (!zone.querySelector('option[value="' + browserZone + '"]')) {
      var extra = document.createElement('option');
      extra.value = browserZone;
      extra.textContent = browserZone;
      zone.appendChild(extra);
    }
    zone.value = browserZone;
  }

  // The words of the form for a field the API names, and the element to mark and link to.
  function target(field) {
    var element = document.getElementById(field);
    if (!element) { return null; }
    var label = element.tagName === 'FIELDSET' ? element.querySelector('legend') : form.querySelector('label[for="' + field + '"]');
    return { element: element, label: label ? label.textContent.replace(/\s*\(.*\)\s*$/, '') : field };
  }

  function clearMarks() {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (p) { p.parentNode.removeChild(p); });
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (e) {
      e.removeAttribute('aria-invalid');
      e.removeAttribute('aria-describedby');
    });
  }

  function show(className, build) {
    result.className = className;
    result.textContent = '';
    build(result);
    result.focus();
  }

  function showErrors(errors) {
    show('error', function (box) {
      var intro = document.createElement('p');
      intro.textContent = errors.length === 1 ? 'Please fix this:' : 'Please fix these ' + errors.length + ' things:';
      var list = document.createElement('ul');
      errors.forEach(function (e) {
        var item = document.createElement('li');
        var t = e.field && target(e.field);
        if (t) {
          var link = document.createElement('a');
          link.href = '#' + e.field;
          link.textContent = t.label + ': ' + e.message;
          // a group's link takes focus to its first option, where the keyboard can answer it
          link.addEventListener('click', function (event) {
            var first = t.element.tagName === 'FIELDSET' ? t.element.querySelector('input') : t.element;
            if (first) { event.preventDefault(); first.focus(); }
          });
          item.appendChild(link);
          var note = document.createElement('p');
          note.className = 'field-error';
          note.id = e.field + '-error';
          note.textContent = e.message;
          if (t.element.tagName === 'FIELDSET') {
            t.element.querySelector('legend').insertAdjacentElement('afterend', note);
          } else {
            t.element.insertAdjacentElement('afterend', note);
          }
          if (t.element.tagName === 'FIELDSET') {
            // each option of the group carries the error, so it is read with whichever has focus
            Array.prototype.forEach.call(t.element.querySelectorAll('input'), function (input) {
              input.setAttribute('aria-describedby', note.id);
            });
          } else {
            t.element.setAttribute('aria-invalid', 'true');
            t.element.setAttribute('aria-describedby', note.id);
          }
        } else {
          item.textContent = e.message;
        }
        list.appendChild(item);
      });
      box.appendChild(intro);
      box.appendChild(list);
    });
  }

  function send(body, button, retried) {
    fetch(form.action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; },
          function () { return { status: response.status, json: {} }; });
      })
      .then(function (answer) {
        var errors = answer.json.errors || [];
        // a zone this browser reports but the server does not know: the country's zone will do
        var zoneRefused = errors.some(function (e) { return e.field === 'timeZone'; });
        if (zoneRefused) {
          zone.value = '';
          delete body.timeZone;
          errors = errors.filter(function (e) { return e.field !== 'timeZone'; });
          if (!retried && errors.length === 0) {
            send(body, button, true);
            return;
          }
        }
        button.disabled = false;
        if (answer.status === 200 || answer.status === 201) {
          form.hidden = true;
          var note = document.getElementById('required-note');
          if (note) { note.hidden = true; }
          show('done', function (box) {
            var heading = document.createElement('h2');
            heading.textContent = 'You are registered';
            var message = document.createElement('p');
            message.textContent = answer.json.message + (localLine ? ' ' + localLine : '');
            var next = document.createElement('p');
            next.textContent = 'Next: open the confirmation email and add the meeting to your calendar with the file attached. ';
            var back = document.createElement('a');
            back.href = 'https://decentralization.net';
            back.textContent = 'Back to Decentralization.Net';
            next.appendChild(back);
            box.appendChild(heading);
            box.appendChild(message);
            box.appendChild(next);
          });
          return;
        }
        if (errors.length) {
          showErrors(errors);
          return;
        }
        show('error', function (box) {
          box.textContent = 'The registration could not be sent (' + (answer.status === 429 ? 'too many at once' : 'error ' + answer.status)
            + '). Please try again in a minute.' + (answer.json.requestId ? ' Reference: ' + answer.json.requestId : '');
        });
      })
      .catch(function () {
        button.disabled = false;
        show('error', function (box) { box.textContent = 'The registration could not be sent. Check your connection and try again.'; });
      });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearMarks();
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
    // announced: the result box is an alert region
    result.textContent = 'Sending your registration...';
    send(body, button, false);
  });
})();
