import { addYears, ageOn, parseCpr, referralReasons, type NewReferral, type ReferralReason } from '@henvis/contracts';
import { dateOf, shiftDate } from './clock.js';
import type { Random } from './random.js';
import { bestTimes, firstNames, referralNotes, surnames, wishes } from './texts.js';

/**
 * The demo citizens of the tests, the README, the examples and the journal hosts (their CPR numbers and names):
 * the history never uses them, so a demo or a test that refers one of them finds only what it made itself.
 */
export const reservedCprs: ReadonlySet<string> = new Set([
  '010190-2345',
  '310490-1234',
  '150610-4321',
  '150612-4007',
  '120356-1039',
  '070761-4285',
  '070761-4286',
  '020285-1113',
  '311299-9996',
  '290200-4001',
  '290200-1234',
  '251110-4001',
  '011390-1234',
  '010190-2346',
  '010160-5001',
  '010150-9001',
  '010137-4001',
  '010136-4001',
  '010120-9001',
  '010110-5001',
  '010105-4001',
  '230348-1442',
]);
export const reservedNames: ReadonlySet<string> = new Set([
  'Karen Jensen',
  'Ole Madsen',
  'Poul Nielsen',
  'Kirsten Holm',
  'Oliver Lund',
  'Peter Dahl',
  'Ole Sørensen',
  'Ole Hansen',
  'Ole Berg',
  'Jens Mølgaard',
  'Jens Lund',
  'Inge Hansen',
  'Hanne Holm',
  'Hanne Friis',
  'Birthe Lund',
]);

/** Age at referral: mostly 18-90, a few of 16-17 (who may be referred, but give no evaluation data). */
const ageBands: readonly (readonly [[number, number], number])[] = [
  [[16, 17], 1.5],
  [[18, 29], 11],
  [[30, 49], 19],
  [[50, 66], 26],
  [[67, 79], 29],
  [[80, 90], 13.5],
];
const reasonWeights: readonly (readonly [ReferralReason, number])[] = [
  ['loneliness', 50],
  ['inactivity', 20],
  ['low_wellbeing', 14],
  ['grief_or_loss', 8],
  ['life_change', 9],
  ['mental_strain', 9],
  ['other', 2],
];
const CPR_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

const ascii = (s: string) => s.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa').replace(/é/g, 'e');
const twoDigits = (r: Random) => String(r.int(0, 99)).padStart(2, '0');

/** A CPR number for a birth date that passes modulus 11, its last digit even for women and odd for men. */
function cprFor(r: Random, birthDate: string, female: boolean, taken: Set<string>): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const digit7 = Number(y) >= 2000 ? 4 : r.int(0, 3);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const digits = `${d}${m}${y.slice(2)}${digit7}${r.int(0, 9)}${r.int(0, 9)}`;
    const sum = CPR_WEIGHTS.reduce((total, w, i) => total + w * Number(digits[i]), 0);
    const check = (11 - (sum % 11)) % 11;
    if (check === 10 || (check % 2 === 0) !== female) continue;
    const cpr = `${digits.slice(0, 6)}-${digits.slice(6)}${check}`;
    if (reservedCprs.has(cpr) || taken.has(cpr)) continue;
    taken.add(cpr);
    return cpr;
  }
  throw new Error(`no free CPR number for ${birthDate}`);
}

export interface Citizen {
  cpr: string;
  name: string;
  age: number;
  female: boolean;
}

/** A fictitious citizen of Djursland, `age` at `at`. */
export function newCitizen(r: Random, at: number, taken: { cprs: Set<string>; names: Set<string> }): Citizen {
  const [from, to] = r.weighted(ageBands);
  const wanted = r.int(from, to);
  const birthDate = shiftDate(addYears(dateOf(at), -wanted), -r.int(1, 364));
  const female = r.chance(0.58);
  const cpr = cprFor(r, birthDate, female, taken.cprs);
  const parsed = parseCpr(cpr, new Date(at));
  if (!parsed.ok) throw new Error('the history made an invalid CPR number');
  const year = Number(birthDate.slice(0, 4));
  const names = firstNames[female ? 'female' : 'male'][year < 1960 ? 0 : year < 1990 ? 1 : 2];
  let name = '';
  for (let attempt = 0; attempt < 50 && (!name || taken.names.has(name) || reservedNames.has(name)); attempt++) {
    name = `${r.pick(names)} ${r.pick(surnames)}`;
    if (attempt > 20) name = `${r.pick(names)} ${r.pick(surnames)} ${r.pick(surnames)}`;
  }
  taken.names.add(name);
  return { cpr, name, age: ageOn(parsed.value.birthDate, new Date(at)), female };
}

/** What the GP sends for the citizen: reasons, a note, contact details, the inclusion checklist. */
export function referralContent(r: Random, citizen: Citizen): NewReferral {
  const primary = r.weighted(reasonWeights);
  const reasons = [primary];
  for (const extra of referralReasons) if (extra !== primary && extra !== 'other' && r.chance(0.12)) reasons.push(extra);
  const mobile = citizen.age < 80 || r.chance(0.5);
  const phone = r.chance(0.975)
    ? mobile
      ? `+45 ${r.pick(['2', '3', '4', '5', '6'])}${r.int(0, 9)} ${twoDigits(r)} ${twoDigits(r)} ${twoDigits(r)}`
      : `+45 86 ${twoDigits(r)} ${twoDigits(r)} ${twoDigits(r)}`
    : undefined;
  const [first = '', ...rest] = citizen.name.split(' ');
  const email = r.chance(phone ? (citizen.age < 67 ? 0.55 : 0.2) : 0.5) ? `${ascii(first)}.${ascii(rest.join(''))}@example.dk` : undefined;
  const wish = r.chance(0.6) ? r.pick(wishes) : undefined;
  const bestTime = r.chance(0.4) ? r.pick(bestTimes) : undefined;
  return {
    patient: { cpr: citizen.cpr, name: citizen.name },
    reasons,
    note: r.pick(referralNotes[primary]),
    ...(wish ? { wishes: wish } : {}),
    contact: {
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(phone && mobile ? { sms: r.chance(0.8) } : {}),
      ...(bestTime ? { bestTime } : {}),
    },
    companion: r.weighted([
      ['yes', 30],
      ['no', 50],
      ['unknown', 20],
    ] as const),
    inclusion: { motivated: r.chance(0.96), needsSocialSupport: r.chance(0.98), inArea: r.chance(0.97) },
  };
}
