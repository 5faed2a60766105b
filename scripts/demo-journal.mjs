// The demo practice and its logged-in GP, as a journal system knows them, and the token endpoint the journal
// hosts' pages call. A real journal system takes user, practice and patient from its own session.
import { readJson } from './serve.mjs';

export const demoPractice = { id: '045678', name: 'Lægehuset Grenaa', ydernummer: '045678', sorCode: '481471000016004' };
export const demoUser = { id: 'gp-mette-holm', name: 'Mette Holm', role: 'doctor', authorisationId: '0C4F1' };

/** POST /henvis/token { patientCpr } → { token } */
export function tokenRoute(tokens) {
  return async (req, res) => {
    try {
      const { patientCpr } = await readJson(req);
      if (typeof patientCpr !== 'string') throw new Error('patientCpr missing');
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ token: tokens.sign(demoUser, demoPractice, patientCpr) }));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'send { "patientCpr": "DDMMYY-SSSS" }' }));
    }
  };
}
