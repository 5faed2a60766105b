import { createHmac } from 'node:crypto';
import {
  RESEARCH_K,
  ageBand,
  ageOn,
  consentValidity,
  danishDate,
  kAnonymity,
  parseCpr,
  periodOf,
  researchColumns,
  scoreWho5,
  sexOfCpr,
  toCsv,
  type ConsentKind,
  type QuasiIdentifiers,
  type ResearchExport,
  type ResearchRow,
  type Who5Answers,
} from '@henvis/contracts';
import type { AuditEntry } from '../audit.js';
import type { ResearchProject } from '../config.js';
import type { Queryable } from '../db/database.js';
import { HttpProblem } from '../http-problem.js';

interface ConsentJson {
  id: string;
  kind: ConsentKind;
  decision: 'given' | 'declined';
  decided_at: string;
  withdrawn_at: string | null;
}
interface Who5Json {
  answers: Who5Answers;
  taken_at: string;
  late?: boolean;
}

interface CourseRow {
  id: string;
  practice_id: string;
  patient_key: string;
  status: string;
  created_at: Date;
  cpr: string;
  reasons: string[];
  flags: string[];
  first_contact_at: Date | null;
  contacts: number;
  linked_at: Date | null;
  offers_started: number;
  attending: boolean;
  closing_reason: string | null;
  journal_consent: ConsentJson | null;
  wellbeing_consent: ConsentJson | null;
  baseline: Who5Json | null;
  follow_up: Who5Json | null;
}

/** Every course (referral, not cancelled) of these practices, with what the export may take from it. */
const courses = (tx: Queryable, practiceIds: string[]) =>
  tx.query<CourseRow>(
    `select r.id, r.practice_id, r.patient_key, r.status, r.created_at, r.content->'patient'->>'cpr' as cpr,
            r.content->'reasons' as reasons, r.flags,
            (select min(k.at) from contact_log k where k.referral_id = r.id and k.outcome = 'reached') as first_contact_at,
            (select count(*)::int from contact_log k where k.referral_id = r.id and k.outcome = 'reached') as contacts,
            (select min((h->>'at')::timestamptz) from offer_links l cross join lateral jsonb_array_elements(l.history) h
              where l.referral_id = r.id and h->>'state' = 'started') as linked_at,
            (select count(*)::int from offer_links l where l.referral_id = r.id and l.history @> '[{"state":"started"}]') as offers_started,
            exists (select 1 from offer_links l where l.referral_id = r.id and l.history @> '[{"state":"attending_3_months"}]') as attending,
            (select e.reason from referral_events e where e.referral_id = r.id and e.to_status = 'closed' order by e.seq desc limit 1)
              as closing_reason,
            (select row_to_json(c) from (select id, kind, decision, decided_at, withdrawn_at from consents c
              where c.referral_id = r.id and c.kind = 'journal_data' order by c.decided_at desc, c.id limit 1) c) as journal_consent,
            (select row_to_json(c) from (select id, kind, decision, decided_at, withdrawn_at from consents c
              where c.referral_id = r.id and c.kind = 'wellbeing_data' order by c.decided_at desc, c.id limit 1) c) as wellbeing_consent,
            (select row_to_json(w) from (select answers, taken_at from who5_responses w
              where w.referral_id = r.id and w.kind = 'baseline') w) as baseline,
            (select row_to_json(w) from (select answers, taken_at, late from who5_responses w
              where w.referral_id = r.id and w.kind = 'follow_up') w) as follow_up
       from referrals r
      where r.practice_id = any($1::text[]) and r.status <> 'cancelled'
      order by r.created_at, r.id`,
    [practiceIds],
  );

const DAY_MS = 86_400_000;
const daysFrom = (from: Date, to: Date | string | null) =>
  to === null ? '' : String(Math.floor((new Date(to).getTime() - from.getTime()) / DAY_MS));
const hmac = (key: string, value: string) => createHmac('sha256', key).update(value).digest('hex');

/** In force at `at`: given, not withdrawn, and (a journal data consent) inside its year. */
function valid(consent: ConsentJson | null, at: Date): consent is ConsentJson {
  if (!consent) return false;
  return consentValidity(
    {
      kind: consent.kind,
      decision: consent.decision,
      decidedAt: new Date(consent.decided_at).toISOString(),
      ...(consent.withdrawn_at ? { withdrawnAt: new Date(consent.withdrawn_at).toISOString() } : {}),
    },
    at,
  ).valid;
}

export interface ResearchExportResult {
  export: ResearchExport;
  /** What the export relied on, one audit line each, and the export itself. */
  audit: AuditEntry[];
}

/**
 * The pseudonymised research export of the courses of `practiceIds` for `project`, as of `now`: only citizens of
 * 18 or more with a consent valid now; the record's data under the journal data consent, WHO-5 under the
 * well-being consent; coarsened until k-anonymous on age band, sex, practice and referral period, or refused.
 */
export async function researchExport(
  tx: Queryable,
  { project, practiceIds, now }: { project: ResearchProject; practiceIds: string[]; now: Date },
): Promise<ResearchExportResult> {
  const all = await courses(tx, practiceIds);
  const audit: AuditEntry[] = [];
  let underAge = 0;
  let withoutConsent = 0;
  const kept: { row: CourseRow; birthDate: string; journal: boolean; wellbeing: boolean }[] = [];
  for (const row of all) {
    const cpr = parseCpr(row.cpr, row.created_at);
    if (!cpr.ok || ageOn(cpr.value.birthDate, now) < 18) {
      underAge++;
      continue;
    }
    const journal = valid(row.journal_consent, now);
    const wellbeing = valid(row.wellbeing_consent, now);
    if (!journal && !wellbeing) {
      withoutConsent++;
      continue;
    }
    kept.push({ row, birthDate: cpr.value.birthDate, journal, wellbeing });
    for (const consent of [journal && row.journal_consent, wellbeing && row.wellbeing_consent]) {
      if (consent)
        audit.push({
          action: `research.export.${consent.kind}`,
          outcome: 'ok',
          resourceType: 'consent',
          resourceId: consent.id,
          patientKey: row.patient_key,
        });
    }
  }

  const practicePseudonym = (id: string) => hmac(project.key, `practice:${id}`).slice(0, 16);
  const month = (at: Date) => danishDate(at).slice(0, 7);
  const quasi: QuasiIdentifiers[] = kept.map(({ row, birthDate }) => ({
    // A citizen referred at 17 who consented at 18 is counted in the first band.
    age: Math.max(18, ageOn(birthDate, row.created_at)),
    sex: sexOfCpr(row.cpr),
    practice: practicePseudonym(row.practice_id),
    month: month(row.created_at),
  }));
  const anonymity = kAnonymity(quasi, RESEARCH_K);
  if (!anonymity.ok) {
    const errors = anonymity.shortfalls.map((s) => ({
      path: 'quasi_identifiers',
      code: 'k_below_5',
      message: `age ${s.ageBand}, sex ${s.sex}, practice ${s.practice}, period ${s.period}: fewer than ${RESEARCH_K}`,
    }));
    throw new HttpProblem('k_anonymity_not_met', `${errors.length} group(s) of fewer than ${RESEARCH_K}, even at the coarsest.`, errors);
  }
  const g = anonymity.generalisation;

  const rows = kept.map(({ row, journal, wellbeing }, i): ResearchRow => {
    const q = quasi[i] as QuasiIdentifiers;
    const record = (value: string) => (journal ? value : '');
    const who5 = (value: string) => (wellbeing ? value : '');
    const score = (w: Who5Json | null) => (w ? String(scoreWho5(w.answers).percentage) : '');
    return {
      pseudonym: hmac(project.key, row.cpr),
      age_band: ageBand(q.age, g.ageBand),
      sex: q.sex,
      practice: g.practice === 'merged' ? '*' : q.practice,
      referral_period: periodOf(q.month, g.period),
      reasons: record(row.reasons.join('|')),
      inclusion_flags: record(row.flags.join('|')),
      first_contact_day: record(daysFrom(row.created_at, row.first_contact_at)),
      linked_day: record(daysFrom(row.created_at, row.linked_at)),
      contacts: record(String(row.contacts)),
      offers_started: record(String(row.offers_started)),
      attending_3_months: record(row.attending ? '1' : '0'),
      status: record(row.status),
      closing_reason: record(row.closing_reason ?? ''),
      who5_baseline: who5(score(row.baseline)),
      who5_baseline_day: who5(daysFrom(row.created_at, row.baseline?.taken_at ?? null)),
      who5_follow_up: who5(score(row.follow_up)),
      who5_follow_up_day: who5(daysFrom(row.created_at, row.follow_up?.taken_at ?? null)),
      who5_follow_up_late: who5(row.follow_up ? (row.follow_up.late ? '1' : '0') : ''),
    };
  });

  const counts = {
    courses: all.length,
    exported: rows.length,
    underAge,
    withoutConsent,
    withJournalData: kept.filter((k) => k.journal).length,
    withWellbeingData: kept.filter((k) => k.wellbeing).length,
  };
  audit.push({
    action: 'research.export',
    outcome: 'ok',
    resourceType: 'research_project',
    resourceId: project.id,
    detail: `exported ${counts.exported} of ${counts.courses}; journal data ${counts.withJournalData}, well-being ${counts.withWellbeingData}; left out: under 18 ${underAge}, no consent ${withoutConsent}; generalisation ${anonymity.level}`,
  });
  const names = researchColumns.map((c) => c.name);
  return {
    export: {
      project: project.id,
      exportedAt: now.toISOString(),
      k: RESEARCH_K,
      generalisation: { level: anonymity.level, ...g },
      counts,
      dictionary: researchColumns.map((c) => ({ ...c })),
      csv: toCsv([names, ...rows.map((r) => names.map((n) => r[n]))]),
    },
    audit,
  };
}
