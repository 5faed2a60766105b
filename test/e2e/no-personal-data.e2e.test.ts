/**
 * No personal data where it does not belong (issue 12, point 7), over a whole run of the demo: a GP refers a
 * citizen whose CPR number, name, phone, e-mail, note and wishes appear nowhere else; the navigator searches for
 * her by CPR number, takes her, records both consents and a WHO-5 baseline, logs a contact, writes a plan, links
 * an offer, writes to the GP, who replies, and closes the course; and a handful of bad requests carry the same
 * data. Afterwards none of it may be found in the API's output (at debug level), the audit log, any URL the
 * browser asked for, any error body or problem+json, the outbox or the webhooks the vendor received. Canaries
 * prove that the same scanner finds the values where they belong (the referral, the messages, the plan).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleNewReferral, parseCpr } from '@henvis/contracts';
import { openDatabase, signDevToken } from '@henvis/server';
import { demoJournals } from '../../scripts/demo-journal.mjs';
import { launchChromium, watchErrors } from './browser.js';
import { startDemoStack, type DemoStack } from './demo-stack.js';
import { answerWho5, logInToInbox, openCourseTab } from './inbox-steps.js';

const artifacts = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** A word that occurs nowhere but where this run put it. */
const marker = () => `zq${randomBytes(4).toString('hex')}`;
const letters = (n: number) => Array.from({ length: n }, () => 'bcdfghjklmnprstvxz'[randomInt(18)]).join('');

/** A CPR number valid by the contracts' rules (a real date, modulus 11), born 1950-1989, fresh for this run. */
function freshCpr(): string {
  for (;;) {
    const date = new Date(Date.UTC(1950 + randomInt(40), randomInt(12), 1 + randomInt(28)));
    const dd = String(date.getUTCDate()).padStart(2, '0');
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
    const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
    const cpr = `${dd}${mm}${yy}-${randomInt(4)}${String(randomInt(1000)).padStart(3, '0')}`;
    const parsed = parseCpr(cpr);
    if (parsed.ok && parsed.value.modulus11) return cpr;
  }
}

const cpr = freshCpr();
const surname = `Kvist${letters(6)}`;
const phoneDigits = `2${String(randomInt(10_000_000)).padStart(7, '0')}`;
/** What the run puts in, by name; each is looked for whole, and by its marker word where it has one. */
const planted = {
  cpr: { value: cpr },
  cprDigits: { value: cpr.replace('-', '') },
  name: { value: `Edel ${surname}` },
  surname: { value: surname },
  phone: { value: `+45 ${phoneDigits.replace(/(\d\d)(?=\d)/g, '$1 ')}` },
  phoneDigits: { value: phoneDigits },
  email: { value: `edel.${surname.toLowerCase()}@example.dk` },
  referralNote: ((m) => ({ value: `Enke siden foråret, ${m} går sjældent ud og sover dårligt.`, marker: m }))(marker()),
  wishes: ((m) => ({ value: `Vil gerne synge i kor og gå ture ved ${m}-stranden.`, marker: m }))(marker()),
  contactNote: ((m) => ({ value: `Første samtale om hendes søster i ${m}, hun græd lidt.`, marker: m }))(marker()),
  planGoal: ((m) => ({ value: `Jeg vil gerne synge sammen med andre i ${m}.`, marker: m }))(marker()),
  planNextStep: ((m) => ({ value: `Følges til koret i ${m}`, marker: m }))(marker()),
  planEnd: ((m) => ({ value: `Når hun synger fast i koret ${m}`, marker: m }))(marker()),
  planNote: ((m) => ({ value: `Hun har angst for busser ${m}.`, marker: m }))(marker()),
  navigatorMessage: ((m) => ({ value: `Edel er startet i koret ${m}. Må jeg ringe, hvis hun falder fra?`, marker: m }))(marker()),
  gpReply: ((m) => ({ value: `Ja, ring endelig ${m}. Hilsen Mette Holm`, marker: m }))(marker()),
  closingNote: ((m) => ({ value: `Edel synger fast i koret ${m} og kommer selv.`, marker: m }))(marker()),
} satisfies Record<string, { value: string; marker?: string }>;
type Planted = keyof typeof planted;

const needles = Object.entries(planted).flatMap(([name, { value, ...rest }]) =>
  [value, ...('marker' in rest ? [rest.marker] : [])].map((text) => ({ name: name as Planted, text: text.toLowerCase() })),
);
const tryDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
/** What runs of base64url in a text (a JWT's parts, an opaque cursor or state) say, decoded. */
const base64Runs = (text: string) => (text.match(/[A-Za-z0-9_-]{16,}/g) ?? []).map((run) => Buffer.from(run, 'base64url').toString('utf8'));
/** The planted values found in a text, as it is, percent- or form-decoded, and in its base64url runs. */
function plantedIn(text: string): Planted[] {
  const decoded = [text, tryDecode(text), tryDecode(text.replace(/\+/g, ' '))];
  const forms = [...decoded, ...decoded.flatMap((t) => base64Runs(t))].map((t) => t.toLowerCase());
  return [...new Set(needles.filter((n) => forms.some((f) => f.includes(n.text))).map((n) => n.name))];
}
/** Every place where a planted value was found: `where: value names`. */
function leaks(where: string, texts: readonly string[], labels: readonly string[] = []): string[] {
  return texts.flatMap((text, i) => {
    const found = plantedIn(text);
    return found.length ? [`${where} ${labels[i] ?? i}: ${found.join(', ')} in ${text.slice(0, 300)}`] : [];
  });
}

const apiOutput: string[] = [];
const browserUrls: string[] = [];
/** Every answer with status >= 400 or of type problem+json, from the browser and from the probes below: its
 * headers and body, and (apart, not scanned: the URLs are scanned as URLs) what it answered. */
const errorBodies: Promise<{ what: string; text: string }>[] = [];
const UNREAD = '(body not read)';
const headerText = (headers: Record<string, string>) =>
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
const webhookBodies: string[] = [];
let receiver: Server;
let stack: DemoStack;
let browser: Browser;
let gpWindow: BrowserContext;
let navWindow: BrowserContext;

const WEBHOOK_SECRET = 'a-secret-for-the-no-personal-data-run-of-32+';
const navigatorToken = (org = 'norddjurs-navigatorer') => signDevToken({ role: 'navigator', org, audience: 'henvis-api' });

function watch(context: BrowserContext) {
  context.setDefaultTimeout(10_000);
  context.on('request', (request) => browserUrls.push(request.url()));
  context.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (response.status() >= 400 || type.includes('problem+json')) {
      const what = `${response.status()} ${response.request().method()} ${response.url()}`;
      // A body the browser never finishes (nobody read it) would wait for ever: it counts as unread.
      const unread = new Promise<string>((resolve) => setTimeout(() => resolve(UNREAD), 5_000));
      errorBodies.push(
        Promise.race([response.text(), unread]).then(
          (body) => ({ what, text: `${headerText(response.headers())}\n\n${body}` }),
          () => ({ what, text: UNREAD }),
        ),
      );
    }
  });
}

/** A request from outside the browser whose answer is kept with the error bodies; returns its status. */
async function probe(path: string, init: RequestInit & { token?: string | null } = {}): Promise<number> {
  const { token = navigatorToken(), headers, ...rest } = init;
  const response = await fetch(stack.apiUrl + path, {
    ...rest,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string> | undefined) },
  });
  const body = await response.text();
  const what = `${response.status} ${init.method ?? 'GET'} ${path}`;
  errorBodies.push(Promise.resolve({ what, text: `${headerText(Object.fromEntries(response.headers))}\n\n${body}` }));
  return response.status;
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      webhookBodies.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/henvis`;
  [stack, browser] = await Promise.all([
    startDemoStack({
      // Debug, the most the API says: what it would print at info or warn in production is a part of it.
      apiEnv: {
        LOG_LEVEL: 'debug',
        HENVIS_WEBHOOKS: JSON.stringify([{ id: 'no-pii-vendor', url: webhookUrl, secret: WEBHOOK_SECRET, practices: ['045678'] }]),
      },
      onApiOutput: (line) => apiOutput.push(line),
    }),
    launchChromium(),
  ]);
  gpWindow = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  navWindow = await browser.newContext({ viewport: { width: 1200, height: 1400 } });
  watch(gpWindow);
  watch(navWindow);
  // The journal's consultation is about this run's citizen instead of the demo's Karen Jensen.
  await gpWindow.route('**/host.js', async (route) => {
    const response = await route.fetch();
    const body = (await response.text())
      .replace("'010190-2345'", `'${cpr}'`)
      .replace("'Karen Jensen'", `'${planted.name.value}'`)
      .replace("{ phone: '+45 20 30 40 50' }", `{ phone: '${planted.phone.value}', email: '${planted.email.value}' }`);
    expect(body).toContain(cpr);
    await route.fulfill({ response, body });
  });
}, 90_000);
afterAll(async () => {
  /* eslint-disable @typescript-eslint/no-unnecessary-condition */
  await browser?.close();
  await stack?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  /* eslint-enable @typescript-eslint/no-unnecessary-condition */
});

describe('no personal data where it does not belong', () => {
  it('keeps CPR number, name, phone, notes and messages out of logs, audit, URLs, errors, outbox and webhooks', async () => {
    // The GP refers the citizen from the journal, with a note and her wishes.
    const gp = await gpWindow.newPage();
    const gpErrors = watchErrors(gp);
    await gp.goto(stack.journalUrl.script);
    await gp.getByRole('button', { name: 'Social henvisning' }).click();
    await gp.getByLabel('Ensomhed').check();
    expect(await gp.getByLabel('Telefon').inputValue()).toBe(planted.phone.value);
    await gp.getByLabel('Bemærkning til socialnavigatøren').fill(planted.referralNote.value);
    await gp.getByLabel('Borgerens ønsker og interesser').fill(planted.wishes.value);
    await gp.getByRole('button', { name: 'Send henvisning' }).click();
    await gp.getByText('Henvisningen er sendt').waitFor();
    await gp.getByRole('button', { name: 'Luk' }).click();
    await gp.getByRole('dialog').waitFor({ state: 'detached' });

    // The navigator finds her by CPR number, and takes her.
    const nav = await navWindow.newPage();
    const navErrors = watchErrors(nav);
    await logInToInbox(nav, stack.inboxUrl, 'Sofie Kjær');
    await nav.getByLabel('Søg på navn eller CPR-nummer').fill(cpr);
    await nav.getByLabel('Søg på navn eller CPR-nummer').press('Enter');
    await nav.getByRole('link', { name: planted.name.value }).click();
    await nav.getByRole('heading', { name: planted.name.value, level: 1 }).waitFor();
    const referralId = /#\/referrals\/([0-9a-f-]{36})/.exec(nav.url())?.[1];
    expect(referralId).toBeDefined();
    await nav.getByRole('button', { name: 'Acceptér og tag borgeren' }).click();

    // Both consents, and a WHO-5 baseline.
    await openCourseTab(nav, 'Samtykker og WHO-5');
    await nav.getByRole('heading', { name: 'Samtykker og WHO-5' }).waitFor();
    for (const region of ['Samtykke til journaldata', 'Samtykke til trivselsdata']) {
      const section = nav.getByRole('region', { name: region });
      await section.getByLabel('Borgeren har læst teksten og bekræfter sit valg her på skærmen').check();
      await section.getByRole('button', { name: 'Borgeren giver samtykke' }).click();
      await section.getByText('Samtykket er registreret.').waitFor();
    }
    await answerWho5(nav, ['Lidt af tiden', 'Hele tiden', 'På intet tidspunkt', 'Det meste af tiden', 'Lidt af tiden']);
    await nav.getByText('Tak. Svarene er gemt.').waitFor();

    // A contact, and the plan.
    await openCourseTab(nav, 'Kontakter');
    const contacts = nav.getByRole('region', { name: 'Kontakter' });
    await contacts.getByText('Registrér kontakt').click();
    await contacts.getByLabel('Kontaktform').selectOption({ label: 'Telefon' });
    await contacts.getByLabel('Talt med borgeren').check();
    await contacts.getByLabel('Varighed i minutter').fill('25');
    await contacts.getByLabel('Notat').fill(planted.contactNote.value);
    await contacts.getByRole('button', { name: 'Gem kontakt' }).click();
    await contacts.getByText(/1 kontakt \(typisk/).waitFor();
    await openCourseTab(nav, 'Plan');
    await nav.getByLabel('Mål, med borgerens egne ord').fill(planted.planGoal.value);
    await nav.getByRole('tabpanel', { name: 'Plan' }).getByLabel('Næste skridt', { exact: true }).fill(planted.planNextStep.value);
    await nav.getByLabel('Dato for næste skridt').fill('2027-02-01');
    await nav.getByLabel(/Slutkriterium/).fill(planted.planEnd.value);
    await nav.getByLabel('Andet', { exact: true }).fill(planted.planNote.value);
    await nav.getByRole('button', { name: 'Gem plan' }).click();
    await nav.getByText(/Version 1, gemt/).waitFor();

    // An offer from the catalogue, started: the course is linked, and may be closed later.
    await openCourseTab(nav, 'Tilbud');
    await nav.getByText('Find tilbud i kataloget').click();
    await nav.getByRole('search', { name: 'Find tilbud i kataloget' }).getByLabel('Fritekst').fill('gå');
    await nav.getByRole('button', { name: 'Søg', exact: true }).click();
    await nav.getByRole('button', { name: 'Kobl til: Gåture for alle' }).click();
    await nav.getByRole('button', { name: 'Markér: Startet' }).click();
    await nav.getByRole('button', { name: 'Markér: Stoppet' }).waitFor();

    // The navigator writes to the GP; the GP replies from the journal.
    await nav.getByLabel('Skriv til lægen').fill(planted.navigatorMessage.value);
    await nav.getByRole('button', { name: 'Send besked' }).click();
    await gp.locator('#henvis-status').getByText(planted.navigatorMessage.marker).first().waitFor({ timeout: 15_000 });
    await gp.getByLabel('Skriv til socialnavigatøren').fill(planted.gpReply.value);
    await gp.getByRole('button', { name: 'Send besked' }).click();
    await gp.getByText('Beskeden er sendt.').waitFor();
    await nav.locator('.messages li.theirs', { hasText: planted.gpReply.marker }).waitFor({ timeout: 15_000 });

    // The course closes, with a note to the GP.
    await nav.getByRole('button', { name: 'Afslut forløbet' }).click();
    await nav.getByLabel('Afslutningsårsag').selectOption({ label: 'En del af et fællesskab' });
    await nav.getByLabel(/Afslutningsnotat til lægen/).fill(planted.closingNote.value);
    await nav.getByRole('button', { name: 'Afslut og send notat til lægen' }).click();
    await nav.getByText('Forløbet er afsluttet.').waitFor();
    await gp.locator('#henvis-status').getByText('Afsluttet').first().waitFor({ timeout: 15_000 });
    expect(gpErrors).toEqual([]);
    expect(navErrors).toEqual([]);

    // A search from the inbox's page that the API refuses (too long): the browser's error answers are read too.
    const pageSearch = await nav.evaluate(
      async ({ apiUrl, text }) => {
        const session = JSON.parse(sessionStorage.getItem('henvis-inbox-session') ?? '{}') as { accessToken?: string };
        const response = await fetch(`${apiUrl}/v1/referrals/search`, {
          method: 'POST',
          headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
        await response.text(); // read, or the browser never finishes the answer and its body cannot be read here
        return response.status;
      },
      { apiUrl: stack.apiUrl, text: `${planted.name.value} ${cpr} ${'y'.repeat(200)}` },
    );
    expect(pageSearch).toBe(400);

    // Bad requests carrying the same data, each refused.
    const json = { 'content-type': 'application/json' };
    const create = { ...json, 'idempotency-key': crypto.randomUUID() };
    const gpToken = stack.token('script');
    const referral = { ...exampleNewReferral, patient: { cpr, name: planted.name.value }, note: planted.referralNote.value };
    const refused = {
      // A search in the query string, which only POST /v1/referrals/search takes.
      queryString: await probe(`/v1/referrals?text=${cpr}&name=${encodeURIComponent(planted.name.value)}`),
      // A CPR number where an id belongs.
      pathId: await probe(`/v1/referrals/${cpr}`),
      pathIdTimeline: await probe(`/v1/referrals/${cpr.replace('-', '')}/messages`),
      // A route that does not exist, a path Fastify cannot decode, a segment longer than any id, a bare preflight.
      unknownRoute: await probe(`/v1/patients/${cpr}/${encodeURIComponent(planted.name.value)}`),
      badEncoding: await probe(`/v1/referrals/${cpr}%E0%A4%A`),
      longSegment: await probe(`/v1/referrals/${cpr}-${encodeURIComponent(planted.referralNote.value)}-${'w'.repeat(100)}`),
      preflight: await probe(`/v1/referrals/${cpr}`, { method: 'OPTIONS', token: null }),
      // JSON that does not parse, and a field the contract does not know (named by the phone number).
      brokenJson: await probe('/v1/referrals', {
        method: 'POST',
        headers: create,
        token: gpToken,
        body: `{"patient":{"cpr":"${cpr}","name":"${planted.name.value}"`,
      }),
      unknownField: await probe('/v1/referrals', {
        method: 'POST',
        headers: { ...json, 'idempotency-key': crypto.randomUUID() },
        token: gpToken,
        body: JSON.stringify({ ...referral, patient: { ...referral.patient, [planted.phone.value]: planted.email.value } }),
      }),
      // Invalid values: a CPR number with an impossible date beside the real name, a phone number that is too long.
      invalidValues: await probe('/v1/referrals', {
        method: 'POST',
        headers: { ...json, 'idempotency-key': crypto.randomUUID() },
        token: gpToken,
        body: JSON.stringify({
          ...referral,
          patient: { cpr: `32${cpr.slice(2)}`, name: planted.name.value },
          contact: { phone: `${planted.phone.value} 99 99 99 99 99` },
        }),
      }),
      // Without an Idempotency-Key, as text/plain, and over the body limit.
      noIdempotencyKey: await probe('/v1/referrals', { method: 'POST', headers: json, token: gpToken, body: JSON.stringify(referral) }),
      textPlain: await probe('/v1/referrals', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'idempotency-key': crypto.randomUUID() },
        token: gpToken,
        body: JSON.stringify(referral),
      }),
      tooLarge: await probe('/v1/referrals', {
        method: 'POST',
        headers: { ...json, 'idempotency-key': crypto.randomUUID() },
        token: gpToken,
        body: JSON.stringify({ ...referral, wishes: `${planted.wishes.value} ${'x'.repeat(70_000)}` }),
      }),
      // A search whose text is too long, and an Idempotency-Key that is a CPR number.
      longSearch: await probe('/v1/referrals/search', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ text: `${planted.name.value} ${cpr} ${'y'.repeat(200)}` }),
      }),
      cprAsKey: await probe('/v1/referrals', {
        method: 'POST',
        headers: { ...json, 'idempotency-key': cpr },
        token: gpToken,
        body: JSON.stringify({ ...referral, reasons: [] }),
      }),
      // Another organisation writes to her course, and reads it; a GP bound to another patient reads it.
      otherOrgMessage: await probe(`/v1/referrals/${referralId}/messages`, {
        method: 'POST',
        headers: json,
        token: navigatorToken('syddjurs-navigatorer'),
        body: JSON.stringify({ body: planted.navigatorMessage.value }),
      }),
      otherOrgRead: await probe(`/v1/referrals/${referralId}`, { token: navigatorToken('syddjurs-navigatorer') }),
      otherPatient: await probe(`/v1/referrals/${referralId}`, {
        token: stack.tokens.sign(demoJournals.script.user, demoJournals.script.practice, '010190-2345'),
      }),
      // A note that is too long, on a closed course; a forged token that carries her CPR number and name.
      longNote: await probe(`/v1/referrals/${referralId}/contacts`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          kind: 'phone',
          outcome: 'reached',
          at: new Date().toISOString(),
          durationMinutes: 5,
          note: `${planted.contactNote.value}${'z'.repeat(2100)}`,
        }),
      }),
      forgedToken: await probe('/v1/referrals/search', {
        method: 'POST',
        headers: json,
        token: `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ name: planted.name.value, patient: { cpr } })).toString('base64url')}.`,
        body: JSON.stringify({ text: cpr }),
      }),
    };
    for (const [what, status] of Object.entries(refused)) expect([what, status >= 400 && status < 500]).toEqual([what, true]);
    // A search by her CPR number from the organisation that does not serve her practice finds no one.
    const otherSearch = await fetch(`${stack.apiUrl}/v1/referrals/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${navigatorToken('syddjurs-navigatorer')}`, ...json },
      body: JSON.stringify({ text: cpr }),
    });
    expect(otherSearch.status).toBe(200);
    expect(plantedIn(await otherSearch.text())).toEqual([]);

    // The vendor's webhooks have caught up with the closing (they carry ids and codes; closed is in the payload).
    await expect.poll(() => webhookBodies.some((b) => b.includes(referralId!) && b.includes('closed')), { timeout: 20_000 }).toBe(true);

    // The API stops, so its PGlite folder can be opened here.
    await stack.stopApi();
    const db = await openDatabase({ kind: 'pglite', dataDir: stack.dataDir });
    const rows = async (sql: string, params: unknown[] = []) => (await db.query<{ row: string }>(sql, params)).map((r) => r.row);
    const audit = await rows('select a::text as row from audit_log a order by a.id');
    const outbox = await rows('select o::text as row from outbox_events o order by o.seq');
    const deliveries = await rows('select d::text as row from webhook_deliveries d order by d.id');
    const allowed = {
      referral: await rows('select r::text as row from referrals r where r.id = $1', [referralId]),
      events: await rows('select e::text as row from referral_events e where e.referral_id = $1', [referralId]),
      messages: await rows('select m::text as row from messages m where m.referral_id = $1', [referralId]),
      contacts: await rows('select c::text as row from contact_log c where c.referral_id = $1', [referralId]),
      plans: await rows('select p::text as row from plans p where p.referral_id = $1', [referralId]),
    };
    // Not scanned as a leak: the answer kept for an Idempotency-Key is the referral itself, until the purge.
    const idempotencyAnswers = await rows('select k::text as row from idempotency_keys k');
    const patientKey = (await db.query<{ k: string }>('select patient_key as k from referrals where id = $1', [referralId]))[0]?.k;
    await db.close();
    const errors = await Promise.all(errorBodies);
    expect(errors.filter((e) => e.text.endsWith(UNREAD)).map((e) => e.what)).toEqual([]);
    expect(errors.filter((e) => /^5/.test(e.what))).toEqual([]);
    expect(errors.some((e) => e.what === `400 POST ${stack.apiUrl}/v1/referrals/search`)).toBe(true);

    // Canaries: the scanner finds each value where it belongs, so an empty result below means something.
    const foundIn = (texts: string[]) => new Set(texts.flatMap(plantedIn));
    expect([...foundIn(allowed.referral)]).toEqual(expect.arrayContaining(['cpr', 'name', 'phone', 'email', 'referralNote', 'wishes']));
    expect(foundIn(allowed.events).has('closingNote')).toBe(true);
    expect([...foundIn(allowed.messages)]).toEqual(expect.arrayContaining(['navigatorMessage', 'gpReply']));
    expect(foundIn(allowed.contacts).has('contactNote')).toBe(true);
    expect([...foundIn(allowed.plans)]).toEqual(expect.arrayContaining(['planGoal', 'planNextStep', 'planEnd', 'planNote']));
    expect(plantedIn(`http://x/?q=${encodeURIComponent(planted.name.value)}&c=${cpr.replace('-', '')}`)).toEqual([
      'cprDigits',
      'name',
      'surname',
    ]);
    expect(plantedIn(`http://x/?t=${stack.tokens.sign(demoJournals.script.user, demoJournals.script.practice, cpr)}`)).toEqual(['cpr']);
    // ... and each place scanned holds what this run did there.
    expect(apiOutput.some((line) => line.includes('"route":"/v1/referrals/:id/messages"'))).toBe(true);
    expect(audit.filter((row) => row.includes(referralId!)).length).toBeGreaterThan(10);
    expect(audit.some((row) => patientKey !== undefined && row.includes(patientKey))).toBe(true);
    expect(outbox.filter((row) => row.includes(referralId!)).length).toBeGreaterThan(5);
    expect(deliveries.length).toBeGreaterThan(0);
    expect(browserUrls.some((url) => url.includes(`/v1/referrals/${referralId}`))).toBe(true);
    expect(errors.length).toBeGreaterThanOrEqual(Object.keys(refused).length);

    // What was scanned, for the record (counts and statuses only).
    mkdirSync(artifacts, { recursive: true });
    const summary = {
      apiOutputLines: apiOutput.length,
      auditRows: audit.length,
      auditRowsOfThisReferral: audit.filter((row) => row.includes(referralId!)).length,
      browserUrls: browserUrls.length,
      errorAnswers: errors.length,
      outboxRows: outbox.length,
      webhookDeliveries: deliveries.length,
      webhookBodies: webhookBodies.length,
      idempotencyAnswersHoldingPlantedValues: idempotencyAnswers.filter((row) => plantedIn(row).length > 0).length,
      refused,
    };
    writeFileSync(`${artifacts}no-personal-data-api-output.log`, `${apiOutput.join('\n')}\n`);
    writeFileSync(`${artifacts}no-personal-data-summary.json`, `${JSON.stringify(summary, null, 2)}\n`);

    // None of it anywhere else.
    expect([
      ...leaks('api output', apiOutput),
      ...leaks('audit_log', audit),
      ...leaks('browser url', browserUrls),
      ...leaks(
        'error',
        errors.map((e) => e.text),
        errors.map((e) => e.what),
      ),
      ...leaks('outbox_events', outbox),
      ...leaks('webhook_deliveries', deliveries),
      ...leaks('webhook body', webhookBodies),
    ]).toEqual([]);
  }, 150_000);
});
