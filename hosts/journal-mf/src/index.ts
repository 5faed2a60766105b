// The journal's side of the integration, through Module Federation: register the Henvis remote where this
// deployment serves it, load its embed API, hand it the consultation context and a way to get a token, and file
// what it reports in the record.
import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import type { GetToken, Henvis, HenvisEventMeta, HenvisMountOptions } from '@henvis/sdk';

const { apiUrl = '', widgetUrl = '' } = document.body.dataset;

const context: HenvisMountOptions['context'] = {
  patient: { cpr: '120356-1039', name: 'Poul Nielsen', contact: { phone: '+45 86 48 12 34', email: 'poul.nielsen@example.dk' } },
  practice: { id: '045679', name: 'Lægerne i Auning', ydernummer: '045679' },
};

// Tokens come from the journal's own backend, which signs them for the logged-in user and this patient. The widget
// keeps each token until shortly before it expires, so this is asked once per token, not before every request.
const getToken: GetToken = async () => {
  const response = await fetch('/henvis/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patientCpr: context.patient.cpr }),
  });
  if (!response.ok) throw new Error(`the journal's token endpoint answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
};

/**
 * This demo journal's patient record, kept in the browser per practice and patient (a real journal keeps it in its
 * database): the notes Henvis handed over, each once by its id, and the position of the last, where the next page
 * load catches up from.
 */
interface JournalRecord {
  notes: { id: string; text: string }[];
  position: string | null;
}
const recordKey = `demo-journal:${context.practice.id}:${context.patient.cpr}`;
const readRecord = (): JournalRecord => {
  try {
    return { notes: [], position: null, ...(JSON.parse(localStorage.getItem(recordKey) ?? '{}') as Partial<JournalRecord>) };
  } catch {
    return { notes: [], position: null };
  }
};

/** An element the journal page has (public/index.html). */
function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the journal page has no #${id}`);
  return found;
}

function showNote(text: string): void {
  const item = document.createElement('li');
  item.textContent = text;
  element('journal-notes').append(item);
}

/** Files a note once by its id, with the position it came from, in one write: a reload neither loses nor repeats it. */
function fileInJournal({ journalNote }: { journalNote: string }, { noteId, position }: HenvisEventMeta): void {
  const record = readRecord();
  const id = noteId ?? `note-${record.notes.length}`;
  const isNew = !record.notes.some((note) => note.id === id);
  if (isNew) record.notes.push({ id, text: journalNote });
  if (position) record.position = position;
  localStorage.setItem(recordKey, JSON.stringify(record));
  if (isNew) showNote(journalNote);
}

function showUnavailable(): void {
  const notice = document.createElement('span');
  notice.setAttribute('role', 'status');
  notice.textContent = 'Social henvisning er ikke tilgængelig lige nu.';
  element('henvis-launcher').append(notice);
}

async function start(): Promise<void> {
  registerRemotes([{ name: 'henvis', entry: `${widgetUrl}/remote/remoteEntry.js` }]);
  const remote = await loadRemote<{ henvis: Henvis }>('henvis/embed');
  if (!remote) {
    showUnavailable();
    return;
  }
  const record = readRecord();
  for (const note of record.notes) showNote(note.text);
  const options: HenvisMountOptions = {
    apiUrl,
    context,
    getToken,
    // Whatever happened while the journal was closed is handed over first, from where the record stands.
    catchUp: { after: record.position },
    locale: 'da',
    theme: { colorPrimary: '#4a2f5b', fontFamily: 'Georgia, serif', fontSize: '15px', radius: '10px', density: 'comfortable' },
    onReferralSent: fileInJournal,
    onStatusChanged: fileInJournal,
    // Consents the navigator records are entered in the patient record as well (Health Act § 44).
    onConsentRecorded: fileInJournal,
    onConsentWithdrawn: fileInJournal,
    onMessageReceived: fileInJournal,
    onMessageSent: fileInJournal,
    onError: ({ code, message }) => console.warn('Henvis:', code, message),
  };
  remote.henvis.mount('#henvis-launcher', { ...options, view: 'launcher' });
  remote.henvis.mount('#henvis-status', { ...options, view: 'status' });
}

start().catch((error: unknown) => {
  console.error('Henvis could not be loaded', error);
  showUnavailable();
});
