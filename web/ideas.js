// one id per page view, so a double click or a retry stores one idea (a file, as the site's CSP allows no inline script)
document.getElementById('submissionId').value =
  (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + '-' + Math.random().toString(36).slice(2);
