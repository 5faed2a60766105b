import { MedComDirectory, parseContract, type MedComAddress } from '@henvis/contracts';
import { demoNavigatorOrgs, demoPractices } from '../auth/demo-directory.js';

/**
 * The MedCom addresses (SOR code, GLN, phone) of the demo's practices and navigator organisations: fictitious, and
 * valid by the same contract as a configured directory.
 */
export const demoMedComDirectory: MedComAddress[] = [...demoPractices, ...demoNavigatorOrgs].map(({ id, name, sorCode, gln, phone }) => ({
  id,
  name,
  sorCode,
  gln,
  phone,
}));

/**
 * Reads HENVIS_MEDCOM_DIRECTORY's JSON (`[{ "id", "name", "sorCode", "gln", "phone" }]`): a SOR code of 11-18
 * digits, a GLN with its GS1 check digit, a phone number, each id once. Throws with the entries and fields at fault.
 */
export function parseMedComDirectory(source: string): MedComAddress[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    throw new Error('must be JSON: [{ "id", "name", "sorCode", "gln", "phone" }]');
  }
  const result = parseContract(MedComDirectory, parsed);
  if (!result.ok) throw new Error(result.errors.map((e) => `[${e.path}] ${e.message}`).join('; '));
  return result.value;
}

/** The directory by organisation id. */
export const directoryById = (entries: readonly MedComAddress[]): ReadonlyMap<string, MedComAddress> =>
  new Map(entries.map((e) => [e.id, e]));
