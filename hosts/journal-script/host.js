// The journal's side of the integration: hand Henvis the consultation context and a way to get a token, and file
// what it reports in the record. No bundler: window.Henvis comes from the script tag in index.html.
(function () {
  var apiUrl = document.body.dataset.apiUrl;
  var context = {
    patient: { cpr: '010190-2345', name: 'Karen Jensen', contact: { phone: '+45 20 30 40 50' } },
    practice: { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678' },
  };

  // Tokens come from the journal's own backend, which signs them for the logged-in user and this patient. The widget
  // keeps each token until shortly before it expires, so this is asked once per token, not before every request.
  function getToken() {
    return fetch('/henvis/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patientCpr: context.patient.cpr }),
    })
      .then(function (response) {
        if (!response.ok) throw new Error('the token endpoint answered ' + response.status);
        return response.json();
      })
      .then(function (body) {
        return body.token;
      });
  }

  // This demo journal's patient record, kept in the browser per practice and patient (a real journal keeps it in its
  // database): the notes Henvis handed over, each once by its id, and the position of the last, where the next page
  // load catches up from.
  var recordKey = 'demo-journal:' + context.practice.id + ':' + context.patient.cpr;
  function readRecord() {
    try {
      var stored = JSON.parse(localStorage.getItem(recordKey) || '{}');
      return { notes: stored.notes || [], position: stored.position || null };
    } catch {
      return { notes: [], position: null };
    }
  }

  function showNote(text) {
    var item = document.createElement('li');
    item.textContent = text;
    document.getElementById('journal-notes').append(item);
  }

  // Files a note once by its id, with the position it came from, in one write: a reload neither loses nor repeats it.
  function fileInJournal(payload, meta) {
    var record = readRecord();
    var id = meta.noteId || 'note-' + record.notes.length;
    var isNew = !record.notes.some(function (note) {
      return note.id === id;
    });
    if (isNew) record.notes.push({ id: id, text: payload.journalNote });
    if (meta.position) record.position = meta.position;
    localStorage.setItem(recordKey, JSON.stringify(record));
    if (isNew) showNote(payload.journalNote);
  }

  var record = readRecord();
  record.notes.forEach(function (note) {
    showNote(note.text);
  });

  var options = {
    apiUrl: apiUrl,
    context: context,
    getToken: getToken,
    // Whatever happened while the journal was closed is handed over first, from where the record stands.
    catchUp: { after: record.position },
    locale: 'da',
    theme: { colorPrimary: '#005a70', fontFamily: 'Segoe UI, system-ui, sans-serif', fontSize: '14px', radius: '3px', density: 'compact' },
    // Every note Henvis hands over goes into the record: the referral, status changes with the closing reason, the
    // messages both ways, and each consent given, declined or withdrawn (Health Act § 44).
    onReferralSent: fileInJournal,
    onStatusChanged: fileInJournal,
    onConsentRecorded: fileInJournal,
    onConsentWithdrawn: fileInJournal,
    onMessageReceived: fileInJournal,
    onMessageSent: fileInJournal,
    onError: function (payload) {
      console.warn('Henvis:', payload.code, payload.message);
    },
  };
  window.Henvis.mount('#henvis-launcher', Object.assign({}, options, { view: 'launcher' }));
  window.Henvis.mount('#henvis-status', Object.assign({}, options, { view: 'status' }));
})();
