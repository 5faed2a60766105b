// The journal's side of the integration, through Module Federation: register the Henvis remote where this
// deployment serves it, load its embed API, hand it the consultation context and a way to get a token, and file
// what it reports in the record.
import { loadRemote, registerRemotes } from '@module-federation/enhanced/runtime';
import type { GetToken, Henvis, HenvisMountOptions } from '@henvis/sdk';

const { apiUrl = '', widgetUrl = '' } = document.body.dataset;

const context: HenvisMountOptions['context'] = {
  patient: { cpr: '120356-1039', name: 'Poul Nielsen', contact: { phone: '+45 86 48 12 34', email: 'poul.nielsen@example.dk' } },
  practice: { id: '045679', name: 'Lægerne i Auning', ydernummer: '045679' },
  practitioner: { id: 'gp-peter-dahl', name: 'Peter Dahl', role: 'doctor', authorisationId: '3F8P4' },
};

// Tokens come from the journal's own backend, which signs them for the logged-in user and this patient.
let cached: { token: string; expiresAt: number } | undefined;
const getToken: GetToken = async ({ refresh }) => {
  if (cached && !refresh && cached.expiresAt > Date.now() + 30_000) return cached.token;
  const response = await fetch('/henvis/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ patientCpr: context.patient.cpr }),
  });
  if (!response.ok) throw new Error(`the journal's token endpoint answered ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number };
  cached = { token, expiresAt: claims.exp * 1000 };
  return token;
};

/** An element the journal page has (public/index.html). */
function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the journal page has no #${id}`);
  return found;
}

function fileInJournal(text: string): void {
  const item = document.createElement('li');
  item.textContent = text;
  element('journal-notes').append(item);
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
  const options: HenvisMountOptions = {
    apiUrl,
    context,
    getToken,
    locale: 'da',
    theme: { colorPrimary: '#4a2f5b', fontFamily: 'Georgia, serif', fontSize: '15px', radius: '10px', density: 'comfortable' },
    onReferralSent: ({ journalNote }) => fileInJournal(journalNote),
    onStatusChanged: ({ journalNote }) => fileInJournal(journalNote),
    // Consents the navigator records are entered in the patient record as well (Health Act § 44).
    onConsentRecorded: ({ journalNote }) => fileInJournal(journalNote),
    onConsentWithdrawn: ({ journalNote }) => fileInJournal(journalNote),
    onMessageReceived: ({ journalNote }) => fileInJournal(journalNote),
    onError: ({ code, message }) => console.warn('Henvis:', code, message),
  };
  remote.henvis.mount('#henvis-launcher', { ...options, view: 'launcher' });
  remote.henvis.mount('#henvis-status', { ...options, view: 'status' });
}

start().catch((error: unknown) => {
  console.error('Henvis could not be loaded', error);
  showUnavailable();
});
