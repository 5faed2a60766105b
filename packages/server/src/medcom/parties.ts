import type { MedComAddress, Role } from '@henvis/contracts';
import { medcomId } from './ids.js';
import { narrative, type Narrative } from './narrative.js';
import { CODE_SYSTEM, IDENTIFIER_SYSTEM, PROFILE } from './terms.js';

/** An organisation of the dialogue with its MedCom address; a practice also with its ydernummer. */
export interface MedComParty extends MedComAddress {
  ydernummer?: string;
}

/** Who wrote a part of the dialogue, as Henvis recorded them. */
export interface DialogueAuthor {
  id: string;
  name: string;
  role: Role;
  /** Henvis' id of their organisation (the practice, or the navigator organisation). */
  orgId: string;
  authorisationId?: string | undefined;
}

/** A resource as the messages carry it: its type and id, profile, narrative and elements. */
export interface FhirResource {
  resourceType: string;
  id: string;
  meta: { profile: string[] };
  text: Narrative;
  [element: string]: unknown;
}

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });

/**
 * A role as MedCom names it (medcom-core-PractitionerRoles, an example binding): the authorised professions by their
 * code, the others in text (code or text, never both: medcom-careCommunication-7).
 */
const roles: Record<Role, { label: string; coding?: { system: string; code: string }; profession?: string }> = {
  doctor: { label: 'Læge', coding: { system: CODE_SYSTEM.rolesAutorisationsregistret, code: 'laege' }, profession: '7170' },
  nurse: { label: 'Sygeplejerske', coding: { system: CODE_SYSTEM.rolesSks, code: 'sygeplejerske' }, profession: '5166' },
  midwife: { label: 'Jordemoder', coding: { system: CODE_SYSTEM.rolesSks, code: 'jordemoder' }, profession: '5175' },
  practice_staff: { label: 'Praksispersonale' },
  navigator: { label: 'Socialnavigatør' },
  coordinator: { label: 'Projektkoordinator' },
};

export const roleLabel = (role: Role) => roles[role].label;

/** DK Core's authorisation ID: five consonants (and Y) or digits (authorization-id-format). */
const DK_CORE_AUTHORISATION_ID = /^[b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z0-9]{5}$/;

/** A person's name as FHIR's HumanName: the last word the family name (efternavn), the others given names. */
export function humanName(full: string): { family: string; given?: string[] } {
  const words = full.trim().split(/\s+/);
  const family = words.pop() ?? full;
  return words.length > 0 ? { family, given: words } : { family };
}

export const organizationId = (referralId: string, party: MedComAddress) => medcomId(referralId, 'organization', party.id);
export const practitionerId = (referralId: string, a: DialogueAuthor) => medcomId(referralId, 'practitioner', a.orgId, a.id);
export const practitionerRoleId = (referralId: string, a: DialogueAuthor) =>
  medcomId(referralId, 'practitionerrole', a.orgId, a.id, a.role);
export const organizationRef = (referralId: string, party: MedComAddress) => ref('Organization', organizationId(referralId, party));
export const practitionerRoleRef = (referralId: string, a: DialogueAuthor) => ref('PractitionerRole', practitionerRoleId(referralId, a));

/** MedComMessagingOrganization: a SOR identifier and an EAN (GLN) identifier, as DK Core 3.4.0 writes them. */
export function organizationResource(referralId: string, party: MedComParty): FhirResource {
  const id = organizationId(referralId, party);
  return {
    resourceType: 'Organization',
    id,
    meta: { profile: [PROFILE.organization] },
    text: narrative(`Organisation: ${party.name}`, [
      ['Id', id],
      ['Navn', party.name],
      [`SOR-kode (${IDENTIFIER_SYSTEM.sor})`, party.sorCode],
      [`Lokationsnummer, EAN-ID (${IDENTIFIER_SYSTEM.gln})`, party.gln],
      ...(party.ydernummer ? ([['Ydernummer', party.ydernummer]] as const) : []),
      ['Telefon', party.phone],
    ]),
    identifier: [
      { use: 'official', system: IDENTIFIER_SYSTEM.sor, value: party.sorCode },
      { use: 'official', system: IDENTIFIER_SYSTEM.gln, value: party.gln },
      ...(party.ydernummer ? [{ system: IDENTIFIER_SYSTEM.ydernummer, value: party.ydernummer }] : []),
    ],
    name: party.name,
    telecom: [{ system: 'phone', value: party.phone }],
  };
}

/** MedComCorePatient: the CPR number (10 digits) and the official name with its family name. */
export function patientResource(referralId: string, patient: { cpr: string; name: string }): FhirResource {
  const id = medcomId(referralId, 'patient');
  const cpr = patient.cpr.replace('-', '');
  return {
    resourceType: 'Patient',
    id,
    meta: { profile: [PROFILE.patient] },
    text: narrative(`Borger: ${patient.name}`, [
      ['Id', id],
      ['Navn (officielt)', patient.name],
      [`CPR-nummer (${IDENTIFIER_SYSTEM.cpr})`, cpr],
    ]),
    identifier: [{ use: 'official', system: IDENTIFIER_SYSTEM.cpr, value: cpr }],
    name: [{ use: 'official', ...humanName(patient.name) }],
  };
}

/** MedComCorePractitioner, with an authorised professional's authorisation ID (autorisations-ID) where DK Core takes it. */
export function practitionerResource(referralId: string, author: DialogueAuthor): FhirResource {
  const id = practitionerId(referralId, author);
  const profession = roles[author.role].profession;
  const authorised =
    profession && author.authorisationId && DK_CORE_AUTHORISATION_ID.test(author.authorisationId) ? author.authorisationId : undefined;
  return {
    resourceType: 'Practitioner',
    id,
    meta: { profile: [PROFILE.practitioner] },
    text: narrative(`Person: ${author.name}`, [
      ['Id', id],
      ['Navn', author.name],
      ...(authorised ? ([['Autorisations-ID', authorised]] as const) : []),
    ]),
    name: [humanName(author.name)],
    ...(authorised && profession
      ? {
          qualification: [
            {
              identifier: [{ system: IDENTIFIER_SYSTEM.authorisation, value: authorised }],
              code: { coding: [{ system: CODE_SYSTEM.professionGroups, code: profession, display: roles[author.role].label }] },
            },
          ],
        }
      : {}),
  };
}

/** MedComCorePractitionerRole: the author's role in their organisation, pointing at the person. */
export function practitionerRoleResource(referralId: string, author: DialogueAuthor, organisation: MedComParty): FhirResource {
  const id = practitionerRoleId(referralId, author);
  const role = roles[author.role];
  return {
    resourceType: 'PractitionerRole',
    id,
    meta: { profile: [PROFILE.practitionerRole] },
    text: narrative(`${role.label}: ${author.name}`, [
      ['Id', id],
      ['Person', `${author.name} (Practitioner/${practitionerId(referralId, author)})`],
      ['Organisation', `${organisation.name} (Organization/${organizationId(referralId, organisation)})`],
      ['Rolle', role.coding ? `${role.label} (${role.coding.system}#${role.coding.code})` : role.label],
    ]),
    practitioner: ref('Practitioner', practitionerId(referralId, author)),
    organization: organizationRef(referralId, organisation),
    code: [role.coding ? { coding: [{ ...role.coding, display: role.label }] } : { text: role.label }],
  };
}
