// The journal's side of the integration: hand Henvis the consultation context and a way to get a token, and file
// what it reports in the record. No bundler: window.Henvis comes from the script tag in index.html.
(function () {
  var apiUrl = document.body.dataset.apiUrl;
  var context = {
    patient: { cpr: '010190-2345', name: 'Karen Jensen', contact: { phone: '+45 20 30 40 50' } },
    practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' },
    practitioner: { id: 'gp-mette-holm', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' },
  };

  // Tokens come from the journal's own backend, which signs them for the logged-in user and this patient.
  var cached = null;
  function getToken(request) {
    if (cached && !request.refresh && cached.expiresAt > Date.now() + 30000) return Promise.resolve(cached.token);
    return fetch('/henvis/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patientCpr: context.patient.cpr }),
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        var claims = JSON.parse(atob(body.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
        cached = { token: body.token, expiresAt: claims.exp * 1000 };
        return body.token;
      });
  }

  function fileInJournal(text) {
    var item = document.createElement('li');
    item.textContent = text;
    document.getElementById('journal-notes').append(item);
  }

  var options = {
    apiUrl: apiUrl,
    context: context,
    getToken: getToken,
    locale: 'da',
    theme: { colorPrimary: '#005a70', fontFamily: 'Segoe UI, system-ui, sans-serif', fontSize: '14px', radius: '3px', density: 'compact' },
    onReferralSent: function (payload) {
      fileInJournal(payload.journalNote);
    },
    onStatusChanged: function (payload) {
      fileInJournal(payload.journalNote);
    },
    onConsentRecorded: function (payload) {
      fileInJournal(payload.journalNote);
    },
    onConsentWithdrawn: function (payload) {
      fileInJournal(payload.journalNote);
    },
    onMessageReceived: function (payload) {
      fileInJournal(payload.journalNote);
    },
    onError: function (payload) {
      console.warn('Henvis:', payload.code, payload.message);
    },
  };
  window.Henvis.mount('#henvis-launcher', Object.assign({}, options, { view: 'launcher' }));
  window.Henvis.mount('#henvis-status', Object.assign({}, options, { view: 'status' }));
})();
