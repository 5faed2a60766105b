import { AUTHORISATION_SYSTEM, CPR_SYSTEM, HENVIS_FHIR, SOR_SYSTEM, YDERNUMMER_SYSTEM } from '@henvis/contracts';

// The canonical URLs, code systems and identifier systems of MedCom CareCommunication 5.0.4 and the IGs it pins
// (MedCom Messaging 4.0.2, MedCom Core 3.0.1, MedCom Terminology 2.0.1, DK Core 3.4.0), and of the Acknowledgement.

const MEDCOM = 'http://medcomfhir.dk/ig';

/** The profiles each resource of a CareCommunication message claims in `meta.profile`. */
export const PROFILE = {
  message: `${MEDCOM}/carecommunication/StructureDefinition/medcom-careCommunication-message`,
  messageHeader: `${MEDCOM}/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader`,
  communication: `${MEDCOM}/carecommunication/StructureDefinition/medcom-careCommunication-communication`,
  provenance: `${MEDCOM}/carecommunication/StructureDefinition/medcom-careCommunication-provenance`,
  organization: `${MEDCOM}/messaging/StructureDefinition/medcom-messaging-organization`,
  patient: `${MEDCOM}/core/StructureDefinition/medcom-core-patient`,
  practitioner: `${MEDCOM}/core/StructureDefinition/medcom-core-practitioner`,
  practitionerRole: `${MEDCOM}/core/StructureDefinition/medcom-core-practitionerrole`,
} as const;

export const EXTENSION = {
  destinationUse: `${MEDCOM}/messaging/StructureDefinition/medcom-messaging-destinationUseExtension`,
  dateTime: `${MEDCOM}/core/StructureDefinition/medcom-core-datetime-extension`,
  identifier: `${MEDCOM}/core/StructureDefinition/medcom-core-identifier-extension`,
  author: `${MEDCOM}/core/StructureDefinition/medcom-core-practitioner-extension`,
  authorContact: `${MEDCOM}/core/StructureDefinition/medcom-core-contact-extension`,
  sender: `${MEDCOM}/core/StructureDefinition/medcom-core-sender-extension`,
} as const;

export const CODE_SYSTEM = {
  eventCodes: `${MEDCOM}/terminology/CodeSystem/medcom-messaging-eventCodes`,
  destinationUse: `${MEDCOM}/terminology/CodeSystem/medcom-messaging-destinationUse`,
  activityCodes: `${MEDCOM}/terminology/CodeSystem/medcom-messaging-activityCodes`,
  categoryCodes: `${MEDCOM}/terminology/CodeSystem/medcom-careCommunication-categoryCodes`,
  rolesAutorisationsregistret: `${MEDCOM}/terminology/CodeSystem/medcom-core-PractitionerRolesAutorisationsregistret`,
  rolesSks: `${MEDCOM}/terminology/CodeSystem/medcom-core-PractitionerRolesSKSadministrativ`,
  acknowledgementErrors: `${MEDCOM}/terminology/CodeSystem/medcom-acknowledgement-error-codes`,
  /** DK Core's profession groups of the authorisation register (Læge 7170, Sygeplejerske 5166, Jordemoder 5175). */
  professionGroups: 'http://hl7.dk/fhir/core/CodeSystem/DkCoreProfessionGroupCodes',
} as const;

export const IDENTIFIER_SYSTEM = {
  cpr: CPR_SYSTEM,
  sor: SOR_SYSTEM,
  /** DK Core 3.4.0's GLN identifier (dk-core-gln-identifier), which CareCommunication 5.0.4 uses for the EAN-ID. */
  gln: 'https://www.gs1.org/gln',
  ydernummer: YDERNUMMER_SYSTEM,
  authorisation: AUTHORISATION_SYSTEM,
} as const;

/** The MessageDefinition a CareCommunication 5.x MessageHeader names (medcom-carecommunication-definition-url). */
export const CARE_COMMUNICATION_DEFINITION = `${MEDCOM}/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0`;

export const EVENT = { careCommunication: 'care-communication-message', acknowledgement: 'acknowledgement-message' } as const;

/** Where a SOR unit is addressed, as MedCom's examples write MessageHeader's endpoints. */
export const sorEndpoint = (sorCode: string) => `https://sor2.sum.dsdn.dk/#id=${sorCode}`;

/** The category of the whole dialogue: a social prescribing referral (social henvisning), with its topic. */
export const CATEGORY = { code: 'regarding-referral', topic: 'Social henvisning' } as const;

/**
 * The base of every entry's fullUrl (Henvis' FHIR base, as its own definitions use): references inside a message are
 * relative (`Organization/<id>`, as MedCom's profiles ask), and resolve against it.
 */
export const FULL_URL_BASE = HENVIS_FHIR;
