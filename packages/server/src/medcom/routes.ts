import type { MedComAcknowledgement, MedComAcknowledgementRecord, MedComAddress } from '@henvis/contracts';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../auth/principal.js';
import { HttpProblem } from '../http-problem.js';
import { parseJsonBodiesOf } from '../http/json-body.js';
import { answer, body, params, problems, tagRoutes } from '../http/schemas.js';
import { exampleAcknowledgement } from './acknowledgement-example.js';
import { parseAcknowledgement, type ParsedAcknowledgement } from './acknowledgement.js';
import { careCommunicationExport, careCommunicationMessages } from './care-communication.js';
import { dialogueOf } from './dialogue.js';
import { directoryById } from './directory.js';
import { dialogueSource, findAcknowledgement, insertAcknowledgement, listAcknowledgements } from './store.js';

export interface MedComOptions {
  /** The MedCom address of every practice and navigator organisation whose dialogue is exported. */
  directory: readonly MedComAddress[];
}

const FHIR_JSON = 'application/fhir+json';

/** Whether a recorded Acknowledgement says the same as one received again under its id. */
const sameAcknowledgement = (recorded: MedComAcknowledgementRecord, ack: ParsedAcknowledgement) =>
  recorded.messageHeaderId === ack.acknowledgedId &&
  recorded.code === ack.code &&
  recorded.sender.sorCode === ack.sender.sorCode &&
  JSON.stringify(recorded.issues) === JSON.stringify(ack.issues);

/**
 * `/v1/referrals/{id}/care-communications`: the referral's dialogue as MedCom CareCommunication messages, for the
 * journal or the municipality's system to send through the existing message channel, and the MedCom
 * Acknowledgements that come back for them. Both sides of the referral may do either; every call is audited.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- a Fastify plugin is async so a registration error rejects ready(), not the process; lint can't see it
export const medcomRoutes: FastifyPluginAsync<MedComOptions> = async (app, { directory }) => {
  const { guard } = app;
  tagRoutes(app, 'medcom');
  if (!app.hasContentTypeParser(FHIR_JSON)) parseJsonBodiesOf(app, FHIR_JSON);
  const addresses = directoryById(directory);

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/care-communications',
    {
      schema: {
        operationId: 'exportCareCommunications',
        summary:
          "The referral's dialogue (the referral, the messages both ways, the closing) as MedCom CareCommunication 5.0.4 messages, one Bundle each, threaded by Provenance",
        params: params('id'),
        response: {
          200: {
            description: 'A FHIR Bundle (collection) of the message Bundles',
            content: { [FHIR_JSON]: { schema: { $ref: 'CareCommunicationExport#' } } },
          },
          ...problems(401, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const bundle = await guard.onReferral(request, 'medcom.export', async (tx, row, audit) => {
        const result = dialogueOf(await dialogueSource(tx, row), addresses);
        if (!result.ok) {
          audit.refuse('medcom_address_missing');
          return new HttpProblem('medcom_address_missing', result.detail);
        }
        audit.ok({ detail: `${result.dialogue.entries.length} messages` });
        return careCommunicationExport(result.dialogue, new Date());
      });
      return reply.type(`${FHIR_JSON}; charset=utf-8`).send(bundle);
    },
  );

  app.post<{ Params: { id: string }; Body: MedComAcknowledgement }>(
    '/referrals/:id/care-communications/acknowledgements',
    {
      schema: {
        operationId: 'recordMedComAcknowledgement',
        summary:
          'Record a MedCom Acknowledgement (ok, transient-error, fatal-error) of one of the exported messages; the same Acknowledgement again is answered 200',
        params: params('id'),
        consumes: [FHIR_JSON, 'application/json'],
        body: body('MedComAcknowledgement', exampleAcknowledgement),
        response: {
          201: answer('Recorded', 'MedComAcknowledgementRecord'),
          200: answer('Recorded before (a retransmission)', 'MedComAcknowledgementRecord'),
          ...problems(400, 401, 404, 409, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { record, replayed } = await guard.onReferral(request, 'medcom.acknowledgement.record', async (tx, row, audit) => {
        const parsed = parseAcknowledgement(request.body);
        if (!parsed.ok) {
          audit.refuse('acknowledgement_invalid');
          return new HttpProblem('acknowledgement_invalid', undefined, parsed.errors);
        }
        const ack = parsed.acknowledgement;
        const over = { resourceType: 'medcom_acknowledgement', resourceId: ack.id };
        const earlier = await findAcknowledgement(tx, ack.id);
        if (earlier) {
          if (earlier.referralId !== row.id || !sameAcknowledgement(earlier.record, ack))
            return audit.refuse('acknowledgement_conflict', over);
          audit.ok({ ...over, detail: 'replayed' });
          return { record: earlier.record, replayed: true };
        }
        const dialogue = dialogueOf(await dialogueSource(tx, row), addresses);
        if (!dialogue.ok) {
          audit.refuse('medcom_address_missing', over);
          return new HttpProblem('medcom_address_missing', dialogue.detail);
        }
        const message = careCommunicationMessages(dialogue.dialogue).find((m) => m.messageHeaderId === ack.acknowledgedId);
        if (!message) return audit.refuse('acknowledged_message_unknown', over);
        // The Acknowledgement comes from the message's receiver and goes to its sender.
        const misaddressed = [
          ...(ack.sender.sorCode !== message.receiver.sorCode
            ? [
                {
                  path: 'entry.0.resource.sender',
                  message: 'The sender is not the organisation the message was sent to (another SOR code).',
                },
              ]
            : []),
          ...(ack.receiverSorCode && ack.receiverSorCode !== message.sender.sorCode
            ? [
                {
                  path: 'entry.0.resource.destination',
                  message: 'The destination is not the organisation that sent the message (another SOR code).',
                },
              ]
            : []),
        ];
        if (misaddressed.length > 0) {
          audit.refuse('acknowledgement_invalid', over);
          return new HttpProblem(
            'acknowledgement_invalid',
            undefined,
            misaddressed.map((m) => ({ ...m, code: 'invalid_value' })),
          );
        }
        const inserted = await insertAcknowledgement(tx, {
          referralId: row.id,
          ack,
          about: { part: message.part, id: message.sourceId },
          by: actorOf(request.principal),
          at: new Date(),
        });
        // Recorded meanwhile by a request racing this one: answered as a retransmission of it, or a conflict.
        const raced = inserted ? undefined : await findAcknowledgement(tx, ack.id);
        const recorded = inserted ?? raced?.record;
        if (!recorded || (raced && (raced.referralId !== row.id || !sameAcknowledgement(raced.record, ack))))
          return audit.refuse('acknowledgement_conflict', over);
        audit.ok({ ...over, detail: ack.code });
        return { record: recorded, replayed: !inserted };
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(record);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/referrals/:id/care-communications/acknowledgements',
    {
      schema: {
        operationId: 'listMedComAcknowledgements',
        summary: "The MedCom Acknowledgements recorded for the referral's exported messages, oldest first",
        params: params('id'),
        response: { 200: answer('Acknowledgements', 'MedComAcknowledgementList'), ...problems(401, 404) },
      },
    },
    async (request) =>
      guard.onReferral(request, 'medcom.acknowledgement.list', async (tx, row, audit) => {
        audit.ok();
        return { items: await listAcknowledgements(tx, row.id) };
      }),
  );
};
