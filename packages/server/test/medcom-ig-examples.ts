// MedCom's own CareCommunication 5.0.4 examples "1st message" (a new message) and "3rd message" (the second reply,
// with an attachment), as JSON: their FSH (../shared/standards/medcom-carecommunication/fsh) compiled by hand as SUSHI
// would (meta.profile from InstanceOf, the identifier systems DK Core fixes, relative references), with the
// narrative the IG publisher generates reduced to one line. Test data: the IG's rules written out in
// medcom-rules.ts must accept them, or they are stricter than the IG.

const BASE = 'https://medcomfhir.dk/ig/carecommunication';
const MC = 'http://medcomfhir.dk/ig';
const profile = (path: string) => ({ profile: [`${MC}/${path}`] });
const text = (line: string) => ({ status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml"><p>${line}</p></div>` });
const entry = (resource: { resourceType: string; id: string }) => ({
  fullUrl: `${BASE}/${resource.resourceType}/${resource.id}`,
  resource,
});

const organization = (id: string, sor: string, gln: string, name: string) => ({
  resourceType: 'Organization',
  id,
  meta: profile('messaging/StructureDefinition/medcom-messaging-organization'),
  text: text(name),
  identifier: [
    { system: 'urn:oid:1.2.208.176.1.1', value: sor },
    { system: 'https://www.gs1.org/gln', value: gln },
  ],
  name,
});
const patient = (id: string) => ({
  resourceType: 'Patient',
  id,
  meta: profile('core/StructureDefinition/medcom-core-patient'),
  text: text('Bruno Test Elmer'),
  identifier: [{ system: 'urn:oid:1.2.208.176.1.2', value: '2509479989' }],
  name: [{ use: 'official', family: 'Elmer', given: ['Bruno'] }],
});
const practitioner = (id: string, given: string, family: string) => ({
  resourceType: 'Practitioner',
  id,
  meta: profile('core/StructureDefinition/medcom-core-practitioner'),
  text: text(`${given} ${family}`),
  name: [{ given: [given], family }],
});
const role = (id: string, practitionerId: string) => ({
  resourceType: 'PractitionerRole',
  id,
  meta: profile('core/StructureDefinition/medcom-core-practitionerrole'),
  text: text('sygeplejerske'),
  practitioner: { reference: `Practitioner/${practitionerId}` },
  code: [{ coding: [{ system: `${MC}/terminology/CodeSystem/medcom-core-PractitionerRolesSKSadministrativ`, code: 'sygeplejerske' }] }],
});
const header = (id: string, receiver: [string, string], sender: [string, string], focus: string) => ({
  resourceType: 'MessageHeader',
  id,
  meta: profile('carecommunication/StructureDefinition/medcom-careCommunication-messageHeader'),
  text: text('MessageHeader'),
  eventCoding: { system: `${MC}/terminology/CodeSystem/medcom-messaging-eventCodes`, code: 'care-communication-message' },
  destination: [
    {
      extension: [
        {
          url: `${MC}/messaging/StructureDefinition/medcom-messaging-destinationUseExtension`,
          valueCoding: { system: `${MC}/terminology/CodeSystem/medcom-messaging-destinationUse`, code: 'primary' },
        },
      ],
      endpoint: `https://sor2.sum.dsdn.dk/#id=${receiver[1]}`,
      receiver: { reference: `Organization/${receiver[0]}` },
    },
  ],
  sender: { reference: `Organization/${sender[0]}` },
  source: { endpoint: `https://sor2.sum.dsdn.dk/#id=${sender[1]}` },
  focus: [{ reference: `Communication/${focus}` }],
  definition: `${MC}/messagedefinitions/MessageDefinition/MedComCareCommunicationMessageDefinition|5.0`,
});
const payload = (at: string, id: string, assigner: string, author: string, phone: string, content: Record<string, unknown>) => ({
  extension: [
    { url: `${MC}/core/StructureDefinition/medcom-core-datetime-extension`, valueDateTime: at },
    {
      url: `${MC}/core/StructureDefinition/medcom-core-identifier-extension`,
      valueIdentifier: { value: `urn:uuid:${id}`, assigner: { reference: `Organization/${assigner}` } },
    },
    {
      url: `${MC}/core/StructureDefinition/medcom-core-practitioner-extension`,
      valueReference: { reference: `PractitionerRole/${author}` },
    },
    { url: `${MC}/core/StructureDefinition/medcom-core-contact-extension`, valueContactPoint: { system: 'phone', value: phone } },
  ],
  ...content,
});
const communication = (id: string, patientId: string, payloads: unknown[]) => ({
  resourceType: 'Communication',
  id,
  meta: profile('carecommunication/StructureDefinition/medcom-careCommunication-communication'),
  text: text('Forspørgsel på seneste resultater'),
  identifier: [{ value: 'urn:uuid:b2eb3d0e-5de5-4de9-b2a3-0ff321ad1c3a' }],
  status: 'unknown',
  category: [{ coding: [{ system: `${MC}/terminology/CodeSystem/medcom-careCommunication-categoryCodes`, code: 'examination-results' }] }],
  topic: { text: 'Forspørgsel på seneste resultater' },
  subject: { reference: `Patient/${patientId}` },
  payload: payloads,
});
const provenance = (id: string, target: string, at: string, activity: string, agent: string, sources: string[], revision?: string) => ({
  resourceType: 'Provenance',
  id,
  meta: profile('carecommunication/StructureDefinition/medcom-careCommunication-provenance'),
  text: text(activity),
  target: [{ reference: `MessageHeader/${target}` }],
  occurredDateTime: at,
  recorded: at,
  activity: { coding: [{ system: `${MC}/terminology/CodeSystem/medcom-messaging-activityCodes`, code: activity }] },
  agent: [{ who: { reference: `Organization/${agent}` } }],
  entity: [
    ...(revision ? [{ role: 'revision', what: { reference: `MessageHeader/${revision}` } }] : []),
    ...sources.map((s) => ({ role: 'source', what: { identifier: { value: `urn:uuid:${s}` } } })),
  ],
});

const first = '2024-05-01T12:00:00+02:00';
const michael = 'eda90bde-54f9-11ed-bdc3-0242ac120002';
const question =
  'Til rette vedkommende. Vi ønsker information om de seneste undersøgelser udført på Bruno. På forhånd tak. Hilsen Michael, sygeplejerske.';

/** 1st message: Hjerteafdelingen asks Plejecenter Herlev (new-message). */
export const medcomFirstMessage = {
  resourceType: 'Bundle',
  id: 'add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c',
  meta: profile('carecommunication/StructureDefinition/medcom-careCommunication-message'),
  type: 'message',
  timestamp: first,
  entry: [
    header(
      '42cb9200-f421-4d08-8391-7d51a2503cb4',
      ['487ac745-fd11-4879-9b59-c08c7d47260e', '953741000016009'],
      ['b581c63c-181f-46f6-990d-b9942c576724', '265161000016000'],
      '94e65db8-2f0c-4a2c-a7c9-06a160d59a12',
    ),
    patient('733cef33-3626-422b-955d-d506aaa65fe1'),
    communication('94e65db8-2f0c-4a2c-a7c9-06a160d59a12', '733cef33-3626-422b-955d-d506aaa65fe1', [
      payload(first, '24d01288-ad36-4af2-96a8-fd1432dadee1', 'b581c63c-181f-46f6-990d-b9942c576724', michael, '38683868', {
        contentString: question,
      }),
    ]),
    role(michael, '58c811a5-4082-44eb-9d66-ccbb112d4973'),
    practitioner('58c811a5-4082-44eb-9d66-ccbb112d4973', 'Michael', 'Burns'),
    organization('487ac745-fd11-4879-9b59-c08c7d47260e', '953741000016009', '5790001348120', 'Plejecenter Herlev'),
    organization(
      'b581c63c-181f-46f6-990d-b9942c576724',
      '265161000016000',
      '5790000209354',
      'Hjerteafdelingen på Herlev og Gentofte hospital',
    ),
    provenance(
      '4c284936-5454-4116-95fc-3c8eeeed2400',
      '42cb9200-f421-4d08-8391-7d51a2503cb4',
      first,
      'new-message',
      'b581c63c-181f-46f6-990d-b9942c576724',
      ['24d01288-ad36-4af2-96a8-fd1432dadee1'],
    ),
  ].map(entry),
};

const second = '2024-05-02T11:30:00+02:00';
const third = '2024-05-03T09:25:00+02:00';
const emma = '8bf63050-5504-11ed-bdc3-0242ac120002';
const heart = '82210440-6826-44fc-9fc8-2a29bab6a5c2';
const care = 'f20f31cd-5dd2-4a80-ab00-97f7109864a7';

/** 3rd message: Hjerteafdelingen replies to Plejecenter Herlev's reply (with its PDF) to the 1st message. */
export const medcomThirdMessage = {
  resourceType: 'Bundle',
  id: '3dcb5618-3055-406a-9034-1b8fc8de0fea',
  meta: profile('carecommunication/StructureDefinition/medcom-careCommunication-message'),
  type: 'message',
  timestamp: third,
  entry: [
    header(
      '4dff3695-218d-4878-838a-5f23cbba6f82',
      [care, '953741000016009'],
      [heart, '265161000016000'],
      'd2b79da8-acda-4985-a8ad-5ed7ec9a2800',
    ),
    patient('22d65545-f98a-4b4d-ba36-51b48b3eb3de'),
    communication('d2b79da8-acda-4985-a8ad-5ed7ec9a2800', '22d65545-f98a-4b4d-ba36-51b48b3eb3de', [
      payload(first, '24d01288-ad36-4af2-96a8-fd1432dadee1', heart, michael, '38683868', { contentString: question }),
      payload(second, 'a9becf76-fc4c-49aa-8a68-6a0584871fcd', care, emma, '44527000', {
        contentString: 'Hej Michael, Resultaterne for undersøgelsen kommer her. Se mere i den vedhæftede pdf. Mvh. Emma',
      }),
      payload(second, 'cd422e42-5bad-11ed-9b6a-0242ac120002', care, emma, '44527000', {
        contentAttachment: { contentType: 'application/pdf', creation: '2024-04-30T08:00:00+02:00', title: 'Blodprøveresultater' },
      }),
      payload(third, '07685582-3a8f-4bf3-bfa0-2f040133e922', heart, michael, '38683868', {
        contentString:
          'Mange tak for fremsendte. Kan I desuden hjælpe mig med at finde information vedr. kommunal udredning for sygdommen? / Michael',
      }),
    ]),
    role(emma, '7ffff970-5504-11ed-bdc3-0242ac120002'),
    practitioner('7ffff970-5504-11ed-bdc3-0242ac120002', 'Emma', 'Waters'),
    role(michael, '58c811a5-4082-44eb-9d66-ccbb112d4973'),
    practitioner('58c811a5-4082-44eb-9d66-ccbb112d4973', 'Michael', 'Burns'),
    organization(care, '953741000016009', '5790001348120', 'Plejecenter Herlev'),
    organization(heart, '265161000016000', '5790000209354', 'Hjerteafdelingen på Herlev og Gentofte hospital'),
    provenance(
      '5c748aa5-64ab-47a9-a74b-033b04a19dae',
      'd5bd2111-2576-48d3-84d4-8be0297a038d',
      second,
      'reply-message',
      care,
      ['cd422e42-5bad-11ed-9b6a-0242ac120002', 'a9becf76-fc4c-49aa-8a68-6a0584871fcd'],
      '42cb9200-f421-4d08-8391-7d51a2503cb4',
    ),
    provenance('af9b0255-1bdd-49c7-9d39-d652a587e4b2', '42cb9200-f421-4d08-8391-7d51a2503cb4', first, 'new-message', heart, [
      '24d01288-ad36-4af2-96a8-fd1432dadee1',
    ]),
    provenance(
      '73232102-649c-4c63-88f5-94ce189b94a7',
      '4dff3695-218d-4878-838a-5f23cbba6f82',
      third,
      'reply-message',
      heart,
      ['07685582-3a8f-4bf3-bfa0-2f040133e922'],
      'd5bd2111-2576-48d3-84d4-8be0297a038d',
    ),
  ].map(entry),
};
