import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONSENT_TEXT_VERSION,
  CPR_SYSTEM,
  consentText,
  consentTextHash,
  type ConsentKind,
  type FhirBundle,
  type NewConsent,
} from '@henvis/contracts';
import { validateFhir } from './fhir-validate.js';
import { storages, suiteServer, type UntypedJson } from './harness.js';
import { AUNING, GRENAA, KAREN, NORDDJURS, key, referral } from './fixtures.js';

// Every FHIR resource /fhir serves, read through the API as a client would, checked by the three R4 validators of
// the suite (fhir-validate.ts: the official JSON schema, FHIR.js, the R4 invariants with fhirpath) and by the rules
// of the profiles each claims, written out below as checks that fail on a planted fault.

const SDOHCC = 'http://hl7.org/fhir/us/sdoh-clinicalcare';
const SDOHCC_CATEGORIES = `${SDOHCC}/CodeSystem/SDOHCC-CodeSystemTemporaryCodes`;
const KL = 'http://fhir.kl.dk/ffinst';
type R = UntypedJson;

const hasCoding = (concept: R, system: string, code?: string) =>
  (concept?.coding ?? []).some((c: R) => c.system === system && (code === undefined || c.code === code));
const narrated = (r: R) => r.text?.status === 'generated' && /^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">/.test(r.text.div);

/** The rules of the profile a resource claims (meta.profile), or of the guide it follows, that can be checked here. */
export function profileFaults(r: R): string[] {
  const faults: string[] = [];
  const want = (ok: unknown, rule: string) => {
    if (!ok) faults.push(`${r.resourceType}/${r.id}: ${rule}`);
  };
  const profile: string | undefined = r.meta?.profile?.[0];
  want(narrated(r), 'a generated XHTML narrative');
  switch (r.resourceType) {
    case 'ServiceRequest':
      want(profile === `${SDOHCC}/StructureDefinition/SDOHCC-ServiceRequest`, 'claims SDOHCC ServiceRequest');
      want(['active', 'completed', 'revoked', 'entered-in-error'].includes(r.status), 'status');
      want(r.intent === 'order', 'intent order');
      want(
        r.category?.some((c: R) => hasCoding(c, SDOHCC_CATEGORIES)),
        'an SDOHCC category (SDOHCategory, required binding)',
      );
      want(hasCoding(r.code, 'http://snomed.info/sct', '871731000000106'), 'code SNOMED CT 871731000000106 (social prescribing)');
      want(/^Patient\//.test(r.subject?.reference), 'subject a Patient');
      want(!!r.authoredOn, 'authoredOn');
      want(/^PractitionerRole\//.test(r.requester?.reference), 'requester a PractitionerRole');
      want(r.performer?.length === 1 && /^Organization\//.test(r.performer[0].reference), 'performer the navigator organisation');
      want(r.reasonCode?.length > 0, 'reasonCode for the reasons');
      want(
        (r.supportingInfo ?? []).every((s: R) => /^Consent\//.test(s.reference)),
        'supportingInfo the consents',
      );
      want(r.specimen === undefined && r.bodySite === undefined, 'no specimen or bodySite (0..0)');
      break;
    case 'Task':
      want(profile === `${SDOHCC}/StructureDefinition/SDOHCC-TaskForReferralManagement`, 'claims SDOHCC TaskForReferralManagement');
      // SDOHCC ValueSet ReferralTaskStatus: TaskStatus without ready and received.
      want(!['ready', 'received'].includes(r.status), 'status from SDOHCC ReferralTaskStatus');
      want(r.intent === 'order', 'intent order (exactly)');
      want(hasCoding(r.code, 'http://hl7.org/fhir/CodeSystem/task-code', 'fulfill'), 'code fulfill');
      want(/^ServiceRequest\//.test(r.focus?.reference), 'focus the ServiceRequest (1..)');
      want(/^Patient\//.test(r.for?.reference), 'for the Patient (1..)');
      want(!!r.authoredOn, 'authoredOn (1..)');
      want(/^(PractitionerRole|Organization)\//.test(r.requester?.reference), 'requester a PractitionerRole or Organization (1..)');
      want(/^Organization\//.test(r.owner?.reference), 'owner the navigator organisation');
      want(r.businessStatus?.coding?.length > 0, 'a businessStatus');
      want(!r.statusReason || !!r.statusReason.text, 'statusReason.text when there is a statusReason (1..)');
      break;
    case 'Consent': {
      want(profile === `${SDOHCC}/StructureDefinition/SDOHCC-Consent`, 'claims SDOHCC Consent');
      const idscl = r.category?.filter((c: R) => hasCoding(c, 'http://terminology.hl7.org/CodeSystem/v3-ActCode', 'IDSCL'));
      want(idscl?.length === 1, 'category IDSCL (1..1)');
      want(/^Patient\//.test(r.patient?.reference), 'patient (1..)');
      want(!!r.dateTime, 'dateTime (1..)');
      want(r.organization?.length === 1 && /^Organization\//.test(r.organization[0].reference), 'organization (1..1)');
      want(!!r.sourceAttachment || !!r.sourceReference, 'source[x] (1..)');
      want(r.status !== 'rejected', 'a declined consent is active with provision deny, not rejected');
      want(
        r.performer?.every((p: R) => /^Patient\//.test(p.reference)),
        'performer the citizen who consents; who informed in verification',
      );
      want(r.verification?.[0]?.verifiedWith?.display, 'verification names who informed the citizen');
      want(
        r.provision?.actor?.some((a: R) => hasCoding(a.role, 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', 'IRCP')),
        'provision.actor the recipient',
      );
      want(r.provision?.class?.length > 0 && r.provision?.data?.length > 0, 'provision.class and data say which data');
      want(
        r.policy?.every((p: R) => /^(https:\/\/www\.retsinformation\.dk\/eli\/|http:\/\/data\.europa\.eu\/eli\/)/.test(p.uri)),
        'official legal references (ELI)',
      );
      want(r.sourceAttachment?.url || r.sourceAttachment?.data, 'the written text, inline or by URL');
      break;
    }
    case 'QuestionnaireResponse':
      want(profile === `${KL}/StructureDefinition/KLToolsQuestionnaireResponse`, "claims KL's QuestionnaireResponse");
      want(r.questionnaire === `${KL}/Questionnaire/KLToolsCareWHO5`, "answers KL's WHO-5");
      want(
        r.extension?.filter((e: R) => e.url === `${KL}/StructureDefinition/FindingInformer` && e.valueCodeableConcept).length === 1,
        'findingInformer (1..1)',
      );
      want(r.item?.length === 5, 'the five WHO-5 items');
      for (const item of r.item ?? []) {
        const coding = item.answer?.[0]?.valueCoding;
        want(
          coding?.system === `${KL}/CodeSystem/KLToolsCodes` &&
            /^WHO-5 .+ - [0-5] \((glad|rolig|aktiv|frisk|interesseret)\)$/.test(coding?.display),
          `KL's code and display for ${item.linkId}`,
        );
      }
      break;
    case 'Observation':
      want(r.status === 'final' && r.valueQuantity?.value >= 0 && r.valueQuantity?.value <= 100, 'a final score 0-100');
      want(r.derivedFrom?.length === 1 && /^QuestionnaireResponse\//.test(r.derivedFrom[0].reference), 'derivedFrom the response (KL)');
      break;
  }
  return faults;
}

/** KL's display texts for WHO-5 answer codes, as KLToolsCodes lists them (../shared/standards/kl-who5). */
const KL_DISPLAYS: Record<string, string> = {
  'c4002c8a-91c5-4737-bba6-ce364e83fd28': 'WHO-5 Lidt af tiden - 1 (glad)',
  '1ab11c78-6258-4069-9065-0f076833b133': 'WHO-5 Lidt mere end halvdelen af tiden - 3 (rolig)',
  '3d3c13a6-befa-4a52-aef0-7e775ca11fdd': 'WHO-5 Hele tiden - 5 (aktiv)',
  'd092cdf0-e4e0-4cf6-a506-0adf95f56a8d': 'WHO-5 På intet tidspunkt - 0 (glad)',
  '314ab944-2f8a-453d-8653-b46cacf5f480': 'WHO-5 Lidt af tiden - 1 (interesseret)',
};

async function newConsent(kind: ConsentKind, decision: 'given' | 'declined'): Promise<NewConsent> {
  const text = consentText(kind, 'da');
  return {
    kind,
    decision,
    method: 'signed_on_screen',
    textVersion: CONSENT_TEXT_VERSION,
    locale: 'da',
    textHash: await consentTextHash(text),
  };
}

describe.each(storages)('the FHIR API on %s', (kind) => {
  const s = suiteServer(kind);
  const doctor = () => s.token('doctor', GRENAA);
  const navigator = () => s.token('navigator', NORDDJURS);
  let id = '';
  let consentIds: string[] = [];
  let who5Id = '';
  let bundle: FhirBundle;

  beforeAll(async () => {
    const created = await s.request('POST', '/v1/referrals', {
      token: doctor(),
      body: referral({ reasons: ['loneliness', 'mental_strain'] }),
      headers: { 'idempotency-key': key() },
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    for (const to of ['received', 'accepted'])
      expect((await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to } })).status).toBe(200);
    const journal = await s.request('POST', `/v1/referrals/${id}/consents`, {
      token: navigator(),
      body: await newConsent('journal_data', 'given'),
    });
    const wellbeing = await s.request('POST', `/v1/referrals/${id}/consents`, {
      token: navigator(),
      body: await newConsent('wellbeing_data', 'given'),
    });
    consentIds = [journal.body.id, wellbeing.body.id];
    const who5 = await s.request('POST', `/v1/referrals/${id}/who5`, {
      token: navigator(),
      body: { kind: 'baseline', answers: [1, 3, 5, 0, 1] },
    });
    expect(who5.status).toBe(201);
    who5Id = who5.body.id;
    const read = await s.request('GET', `/fhir/Bundle/${id}`, { token: navigator() });
    expect(read.status).toBe(200);
    bundle = read.body;
  });

  it('serves every resource of a referral in one Bundle that the three R4 validators pass, and each by its own read', async () => {
    expect(bundle.entry.map((e) => e.resource.resourceType).sort()).toEqual(
      [
        'Consent',
        'Consent',
        'Observation',
        'Organization',
        'Organization',
        'Patient',
        'PractitionerRole',
        'QuestionnaireResponse',
        'ServiceRequest',
        'Task',
      ].sort(),
    );
    expect(await validateFhir(bundle)).toEqual([]);
    // Kept for review beside the e2e's FHIR artifacts (a fictitious citizen).
    const artifacts = fileURLToPath(new URL('../../../test/artifacts/fhir/', import.meta.url));
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(`${artifacts}referral-bundle-${kind}.json`, `${JSON.stringify(bundle, null, 2)}\n`);
    for (const { fullUrl, resource } of bundle.entry) {
      expect(fullUrl).toMatch(new RegExp(`^http://[^/]+/fhir/${resource.resourceType}/${resource.id}$`));
      expect(profileFaults(resource), resource.resourceType).toEqual([]);
    }
    // Each referral resource read on its own is the same resource, as application/fhir+json, and valid alone.
    for (const type of ['ServiceRequest', 'Task', 'Consent', 'QuestionnaireResponse', 'Observation']) {
      for (const entry of bundle.entry.filter((e) => e.resource.resourceType === type)) {
        const one = await s.request('GET', `/fhir/${type}/${entry.resource.id}`, { token: navigator() });
        expect(one.status, type).toBe(200);
        expect(one.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
        expect(one.body).toEqual(entry.resource);
        expect(await validateFhir(one.body), type).toEqual([]);
      }
    }
  });

  it('the referral as SDOHCC ServiceRequest and its status as SDOHCC Task, through the course to its closing', async () => {
    const sr = bundle.entry.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource as R;
    expect(sr).toMatchObject({
      id,
      status: 'active',
      intent: 'order',
      code: { coding: [{ system: 'http://snomed.info/sct', code: '871731000000106', display: 'Referral to social prescribing service' }] },
    });
    expect(sr.supportingInfo.map((r: R) => r.reference).sort()).toEqual(consentIds.map((c) => `Consent/${c}`).sort());
    expect(sr.category.map((c: R) => c.coding[0].code).sort()).toEqual(['social-connection', 'stress']);
    const requester = bundle.entry.find((e) => `PractitionerRole/${e.resource.id}` === sr.requester.reference)?.resource as R;
    expect(requester.practitioner.identifier).toEqual({
      system: 'https://autregweb.sst.dk',
      value: expect.stringMatching(/^[0-9A-Z]{5}$/),
    });
    const patient = bundle.entry.find((e) => `Patient/${e.resource.id}` === sr.subject.reference)?.resource as R;
    expect(patient.identifier).toEqual([{ system: CPR_SYSTEM, value: KAREN.replace('-', '') }]);
    // The Patient's id is a pseudonym: no CPR number in any URL of the Bundle.
    expect(bundle.entry.map((e) => e.fullUrl).join(' ')).not.toContain(KAREN.replace('-', ''));

    const task = async () => (await s.request('GET', `/fhir/Task/${id}`, { token: doctor() })).body;
    expect(await task()).toMatchObject({ status: 'accepted', businessStatus: { coding: [{ code: 'accepted' }] } });
    for (const to of ['contacted', 'plan_made'])
      await s.request('POST', `/v1/referrals/${id}/transitions`, { token: navigator(), body: { to } });
    expect(await task()).toMatchObject({ status: 'in-progress', businessStatus: { coding: [{ code: 'plan_made' }], text: 'Plan lagt' } });
    const closed = await s.request('POST', `/v1/referrals/${id}/transitions`, {
      token: navigator(),
      body: { to: 'closed', reason: 'joined_community', note: 'Går i strikkeklubben.' },
    });
    expect(closed.status).toBe(200);
    const done = await task();
    expect(done).toMatchObject({
      status: 'completed',
      businessStatus: { coding: [{ code: 'closed' }] },
      statusReason: { coding: [{ code: 'joined_community' }] },
    });
    expect(done.executionPeriod.end).toBeDefined();
    expect(profileFaults(done)).toEqual([]);
    expect(await validateFhir(done)).toEqual([]);
    const after = (await s.request('GET', `/fhir/ServiceRequest/${id}`, { token: doctor() })).body;
    expect(after.status).toBe('completed');
    expect(await validateFhir(after)).toEqual([]);
  });

  it('a declined consent is active with a deny provision; a withdrawn one inactive; both valid', async () => {
    const other = await s.request('POST', '/v1/referrals', { token: doctor(), body: referral(), headers: { 'idempotency-key': key() } });
    const declined = await s.request('POST', `/v1/referrals/${other.body.id}/consents`, {
      token: doctor(),
      body: await newConsent('wellbeing_data', 'declined'),
    });
    const given = await s.request('POST', `/v1/referrals/${other.body.id}/consents`, {
      token: doctor(),
      body: await newConsent('journal_data', 'given'),
    });
    await s.request('POST', `/v1/referrals/${other.body.id}/consents/${given.body.id}/withdrawal`, { token: doctor(), body: {} });
    const no = (await s.request('GET', `/fhir/Consent/${declined.body.id}`, { token: doctor() })).body;
    expect(no).toMatchObject({ status: 'active', provision: { type: 'deny' }, policyRule: { coding: [{ code: 'OPTOUT' }] } });
    expect(no.provision.period.end).toBeUndefined();
    const withdrawn = (await s.request('GET', `/fhir/Consent/${given.body.id}`, { token: doctor() })).body;
    expect(withdrawn).toMatchObject({ status: 'inactive', provision: { type: 'permit' } });
    for (const c of [no, withdrawn]) {
      expect(profileFaults(c)).toEqual([]);
      expect(await validateFhir(c)).toEqual([]);
    }
    expect(withdrawn.verification[0].verifiedWith.display).toBe('Mette Holm');
    expect(withdrawn.sourceAttachment.url).toMatch(/\/v1\/consent-texts\//);
  });

  it("WHO-5 as KL's QuestionnaireResponse with KL's display texts, and its score as an Observation derived from it", async () => {
    const qr = (await s.request('GET', `/fhir/QuestionnaireResponse/${who5Id}`, { token: navigator() })).body;
    const displays = Object.fromEntries(qr.item.map((i: R) => [i.answer[0].valueCoding.code, i.answer[0].valueCoding.display]));
    for (const code of [
      'c4002c8a-91c5-4737-bba6-ce364e83fd28',
      '1ab11c78-6258-4069-9065-0f076833b133',
      '3d3c13a6-befa-4a52-aef0-7e775ca11fdd',
      '314ab944-2f8a-453d-8653-b46cacf5f480',
    ])
      expect(displays[code]).toBe(KL_DISPLAYS[code]);
    expect(qr.extension).toEqual([
      {
        url: `${KL}/StructureDefinition/FindingInformer`,
        valueCodeableConcept: {
          coding: [{ system: `${KL}/CodeSystem/KLToolsCodes`, code: 'a3d30bf2-4a3c-4c49-9001-5363ae11681c', display: 'Borger' }],
        },
      },
    ]);
    const score = (await s.request('GET', `/fhir/Observation/${who5Id}`, { token: navigator() })).body;
    expect(score).toMatchObject({
      valueQuantity: { value: 40 },
      component: [{ valueQuantity: { value: 10 } }],
      derivedFrom: [{ reference: `QuestionnaireResponse/${who5Id}` }],
    });
  });

  it('has the authorisation and audit of the rest of the API', async () => {
    const before = await s.count('audit_log');
    expect((await s.request('GET', `/fhir/ServiceRequest/${id}`)).status).toBe(401);
    // Another practice, and the navigators of an organisation that does not serve it: 404, as for a referral.
    expect((await s.request('GET', `/fhir/ServiceRequest/${id}`, { token: s.token('doctor', AUNING) })).status).toBe(404);
    expect((await s.request('GET', `/fhir/Consent/${consentIds[0]}`, { token: s.token('navigator', 'syddjurs-navigatorer') })).status).toBe(
      404,
    );
    // WHO-5 answers are the navigators'; the practice's Bundle leaves them out.
    expect((await s.request('GET', `/fhir/QuestionnaireResponse/${who5Id}`, { token: doctor() })).status).toBe(403);
    const practiceBundle = (await s.request('GET', `/fhir/Bundle/${id}`, { token: doctor() })).body as FhirBundle;
    expect(practiceBundle.entry.map((e) => e.resource.resourceType)).not.toContain('QuestionnaireResponse');
    expect(await validateFhir(practiceBundle)).toEqual([]);
    // An id that is none, and one of nothing.
    expect((await s.request('GET', '/fhir/Consent/00000000-0000-4000-8000-000000000000', { token: doctor() })).status).toBe(404);
    expect((await s.request('GET', '/fhir/Task/not-an-id', { token: doctor() })).status).toBe(404);
    const rows = await s.db.query<{ action: string; outcome: string }>('select action, outcome from audit_log order by id desc limit 20');
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(
      expect.arrayContaining([
        'fhir.service_request.read:denied',
        'fhir.bundle.read:ok',
        'fhir.consent.read:denied',
        'fhir.questionnaire_response.read:refused',
      ]),
    );
    expect(await s.count('audit_log')).toBeGreaterThan(before);
    expect(s.logs.join('')).not.toContain(KAREN);
  });

  it('publishes its CapabilityStatement and its own definitions, without a token, valid R4', async () => {
    const metadata = await s.request('GET', '/fhir/metadata');
    expect(metadata.status).toBe(200);
    expect(metadata.body).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      kind: 'instance',
      format: ['application/fhir+json'],
    });
    expect(await validateFhir(metadata.body)).toEqual([]);
    const types = metadata.body.rest[0].resource.map((r: R) => r.type);
    expect(types).toEqual(expect.arrayContaining(['ServiceRequest', 'Task', 'Consent', 'QuestionnaireResponse', 'Observation', 'Bundle']));
    // Every canonical URL of Henvis's own that the Bundle uses is served: the extension and the code systems.
    const ours = [...new Set(JSON.stringify(bundle).match(/https:\/\/henvis\.dk\/fhir\/(StructureDefinition|CodeSystem)\/[a-z0-9-]+/g))];
    expect(ours.length).toBeGreaterThan(2);
    for (const url of ours) {
      const [type, defId] = url.split('/').slice(-2) as [string, string];
      const def = await s.request('GET', `/fhir/${type}/${defId}`);
      expect(def.status, url).toBe(200);
      expect(def.body.url).toBe(url);
      expect(await validateFhir(def.body), url).toEqual([]);
    }
    expect((await s.request('GET', '/fhir/CodeSystem/nope')).status).toBe(404);
  });

  it('the profile checks catch a planted fault in each resource type', () => {
    const of = (type: string) => structuredClone(bundle.entry.find((e) => e.resource.resourceType === type)!.resource) as R;
    const planted: [string, (r: R) => void, RegExp][] = [
      ['ServiceRequest', (r) => (r.intent = 'plan'), /intent order/],
      ['ServiceRequest', (r) => (r.code.coding[0].code = '3457005'), /871731000000106/],
      ['Task', (r) => (r.status = 'received'), /ReferralTaskStatus/],
      ['Task', (r) => delete r.focus, /focus/],
      ['Consent', (r) => (r.category = r.category.slice(1)), /IDSCL/],
      ['Consent', (r) => (r.status = 'rejected'), /not rejected/],
      ['QuestionnaireResponse', (r) => (r.extension = []), /findingInformer/],
      [
        'QuestionnaireResponse',
        (r) => (r.item[0].answer[0].valueCoding.display = 'WHO-5 Lidt af tiden (1)(glad)'),
        /KL's code and display/,
      ],
      ['Observation', (r) => delete r.derivedFrom, /derivedFrom/],
    ];
    for (const [type, plant, caught] of planted) {
      const r = of(type);
      plant(r);
      expect(profileFaults(r).join(), type).toMatch(caught);
    }
  });
});
