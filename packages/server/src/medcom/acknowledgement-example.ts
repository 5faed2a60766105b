import type { MedComAcknowledgement } from '@henvis/contracts';
import { CODE_SYSTEM, EVENT, EXTENSION, IDENTIFIER_SYSTEM, sorEndpoint } from './terms.js';

const ack = '6f1c2b8e-3f0a-4d7e-9b5c-2a8d4e6f1a30';
const acknowledged = '0b7e5d1c-9a3f-4c2e-8d6b-5f4a3c2b1e09';
const provenance = '9d2e4f6a-1b3c-4d5e-8f7a-0b1c2d3e4f5a';
const organization = (id: string, sorCode: string, gln: string, name: string) => ({
  resourceType: 'Organization',
  id,
  text: { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${name}, SOR ${sorCode}</div>` },
  identifier: [
    { use: 'official', system: IDENTIFIER_SYSTEM.sor, value: sorCode },
    { use: 'official', system: IDENTIFIER_SYSTEM.gln, value: gln },
  ],
  name,
});

/**
 * An Acknowledgement `ok` of a CareCommunication sent by Lægehuset Grenaa to Norddjurs' navigators, as Norddjurs'
 * system returns it (shaped like MedCom's own Acknowledgement examples): the request body example of the API.
 */
export const exampleAcknowledgement: MedComAcknowledgement = {
  resourceType: 'Bundle',
  id: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a',
  meta: { profile: ['http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgement'] },
  type: 'message',
  timestamp: '2026-05-04T09:15:00+02:00',
  entry: [
    {
      fullUrl: `https://kommune.example/fhir/MessageHeader/${ack}`,
      resource: {
        resourceType: 'MessageHeader',
        id: ack,
        text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Kvittering: ok</div>' },
        eventCoding: { system: CODE_SYSTEM.eventCodes, code: EVENT.acknowledgement },
        destination: [
          {
            extension: [{ url: EXTENSION.destinationUse, valueCoding: { system: CODE_SYSTEM.destinationUse, code: 'primary' } }],
            endpoint: sorEndpoint('481471000016004'),
            receiver: { reference: 'Organization/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
          },
        ],
        sender: { reference: 'Organization/7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f' },
        source: { endpoint: sorEndpoint('563561000016007') },
        response: { identifier: acknowledged, code: 'ok' },
      },
    },
    {
      fullUrl: `https://kommune.example/fhir/Provenance/${provenance}`,
      resource: {
        resourceType: 'Provenance',
        id: provenance,
        target: [{ reference: `MessageHeader/${ack}` }],
        occurredDateTime: '2026-05-04T09:15:00+02:00',
        recorded: '2026-05-04T09:15:00+02:00',
        activity: { coding: [{ system: CODE_SYSTEM.activityCodes, code: 'acknowledgement' }] },
        agent: [{ who: { reference: 'Organization/7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f' } }],
        entity: [{ role: 'revision', what: { reference: `MessageHeader/${acknowledged}` } }],
      },
    },
    {
      fullUrl: 'https://kommune.example/fhir/Organization/7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f',
      resource: organization(
        '7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f',
        '563561000016007',
        '5790001911010',
        'Norddjurs Kommune – Socialnavigatører',
      ),
    },
    {
      fullUrl: 'https://kommune.example/fhir/Organization/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      resource: organization('5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', '481471000016004', '5790001910013', 'Lægehuset Grenaa'),
    },
  ],
};
