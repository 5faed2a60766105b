import {
  collectionBundle,
  consentTextOf,
  consentTextPath,
  consentToFhir,
  isPracticeRole,
  organizationsToFhir,
  patientToFhir,
  referralTaskToFhir,
  referralToFhir,
  requesterToFhir,
  who5ScoreToFhir,
  who5ToFhir,
  type ConsentRecord,
  type ConsentTextCatalogue,
  type Ending,
  type FhirBundle,
  type FhirConsent,
  type FhirParties,
  type FhirResource,
  type Who5Response,
} from '@henvis/contracts';
import type { Principal } from '../auth/principal.js';
import type { Queryable } from '../db/database.js';
import { consentTextAttachment } from '../evaluation/consent-texts.js';
import { listConsents, listWho5 } from '../evaluation/store.js';
import { pseudonymise } from '../pseudonym.js';
import { listEvents, toReferral, type ReferralRow } from '../referrals/store.js';

/** How the FHIR views are made: the consent texts of every version and the pseudonym key. */
export interface FhirViewOptions {
  consentTexts: ConsentTextCatalogue;
  pseudonymKey: string;
}

/** One read: in the caller's transaction, of one referral, for the caller, at the API's origin as they reach it. */
export interface FhirRead {
  tx: Queryable;
  row: ReferralRow;
  principal: Principal;
  /** The API's origin (HENVIS_PUBLIC_URL, or the request's): Bundle fullUrls and consent text URLs are absolute. */
  origin: string;
}

export type FhirViews = ReturnType<typeof fhirViews>;

/** The FHIR R4 resources of one referral, read in the caller's transaction. */
export function fhirViews({ consentTexts, pseudonymKey }: FhirViewOptions) {
  /** The navigator organisation serving the referral's practice: the caller's own, when the caller is one. */
  async function partiesOf(tx: Queryable, row: ReferralRow, principal: Principal): Promise<FhirParties> {
    const navigatorOrg = isPracticeRole(principal.role)
      ? await servingOrganisation(tx, row.practice_id)
      : { id: principal.org.id, name: principal.org.name };
    return {
      // The Patient id is keyed by the purpose, so it is not the audit log's pseudonym of the same citizen.
      patientId: pseudonymise(`${pseudonymKey}:fhir-patient`, row.content.patient.cpr),
      patient: { cpr: row.content.patient.cpr, name: row.content.patient.name },
      practice: row.practice,
      referrer: row.referrer,
      navigatorOrg,
    };
  }

  async function endingOf(tx: Queryable, row: ReferralRow): Promise<Ending | undefined> {
    if (row.status !== 'closed' && row.status !== 'rejected' && row.status !== 'cancelled') return undefined;
    const last = (await listEvents(tx, row.id)).filter((e) => e.to === row.status).at(-1);
    return last?.reason ? { reason: last.reason, at: last.at } : undefined;
  }

  const consent = (record: ConsentRecord, parties: FhirParties, origin: string, at: Date): FhirConsent => {
    const text = consentTextOf(record.kind, record.locale, record.textVersion, consentTexts);
    const withUrl = text ? { ...record, textUrl: `${origin}${consentTextPath(record.textVersion, record.kind, record.locale)}` } : record;
    return consentToFhir(withUrl, parties, text && consentTextAttachment(text), at);
  };

  return {
    partiesOf,
    async serviceRequest({ tx, row, principal }: FhirRead) {
      const consents = await listConsents(tx, row.id);
      return referralToFhir(
        toReferral(row),
        await partiesOf(tx, row, principal),
        consents.map((c) => c.id),
        await endingOf(tx, row),
      );
    },
    async task({ tx, row, principal }: FhirRead) {
      return referralTaskToFhir(toReferral(row), await partiesOf(tx, row, principal), await endingOf(tx, row));
    },
    async consent({ tx, row, principal, origin }: FhirRead, record: ConsentRecord) {
      return consent(record, await partiesOf(tx, row, principal), origin, new Date());
    },
    async questionnaireResponse({ tx, row, principal }: FhirRead, response: Who5Response) {
      return who5ToFhir(response, await partiesOf(tx, row, principal));
    },
    async who5Score({ tx, row, principal }: FhirRead, response: Who5Response) {
      return who5ScoreToFhir(response, await partiesOf(tx, row, principal));
    },
    /**
     * Every resource of the referral as one collection Bundle: the request, its Task, the citizen, the parties,
     * the consents, and (for the navigators' side, who keep them) the WHO-5 answers with their scores.
     */
    async bundle({ tx, row, principal, origin }: FhirRead): Promise<FhirBundle> {
      const parties = await partiesOf(tx, row, principal);
      const referral = toReferral(row);
      const ending = await endingOf(tx, row);
      const consents = await listConsents(tx, row.id);
      const responses = isPracticeRole(principal.role) ? [] : await listWho5(tx, row.id);
      const now = new Date();
      const resources: FhirResource[] = [
        referralToFhir(
          referral,
          parties,
          consents.map((c) => c.id),
          ending,
        ),
        referralTaskToFhir(referral, parties, ending),
        patientToFhir(parties),
        requesterToFhir(parties),
        ...organizationsToFhir(parties),
        ...consents.map((c) => consent(c, parties, origin, now)),
        ...responses.flatMap((r) => [who5ToFhir(r, parties), who5ScoreToFhir(r, parties)]),
      ];
      return collectionBundle(row.id, resources, `${origin}/fhir`, now);
    },
  };
}

/** The navigator organisation that serves a practice (the first by id, should several). */
async function servingOrganisation(tx: Queryable, practiceId: string): Promise<{ id: string; name?: string }> {
  const [row] = await tx.query<{ navigator_org_id: string }>(
    'select navigator_org_id from navigator_org_practices where practice_id = $1 order by navigator_org_id limit 1',
    [practiceId],
  );
  return { id: row?.navigator_org_id ?? 'unassigned' };
}
