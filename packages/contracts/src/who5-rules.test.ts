/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  scoreWho5,
  who5AnswerSteps,
  who5Change,
  who5FollowUpLate,
  who5FollowUpState,
  who5FollowUpWindow,
  who5Items,
  who5List,
  who5Refusal,
} from './who5-rules.js';
import { Who5Answers } from './who5.js';

describe('scoreWho5', () => {
  it.each([
    [[5, 5, 5, 5, 5], 25, 100, 'no_indication'],
    [[0, 0, 0, 0, 0], 0, 0, 'likely_depression'],
    [[2, 1, 1, 1, 2], 7, 28, 'likely_depression'],
    [[2, 2, 1, 1, 2], 8, 32, 'screen'],
    [[3, 2, 2, 3, 2], 12, 48, 'screen'],
    [[3, 3, 2, 2, 3], 13, 52, 'no_indication'],
  ] as const)('scores %j as raw %i, %i %%, %s', (answers, raw, percentage, band) => {
    expect(scoreWho5([...answers])).toEqual({ raw, percentage, band });
  });

  it('moves in steps of 4, so 48 % is the highest score that suggests screening', () => {
    expect(scoreWho5([3, 3, 2, 2, 2])).toMatchObject({ percentage: 48, band: 'screen' });
    expect(scoreWho5([3, 3, 3, 2, 2])).toMatchObject({ percentage: 52, band: 'no_indication' });
  });
});

describe('who5Change', () => {
  it('flags a change of 10 points or more as relevant, in either direction', () => {
    expect(who5Change([2, 2, 2, 2, 2], [3, 2, 2, 2, 2])).toEqual({ change: 4, relevant: false });
    expect(who5Change([2, 2, 2, 2, 2], [3, 3, 3, 2, 2])).toEqual({ change: 12, relevant: true });
    expect(who5Change([3, 3, 3, 2, 2], [2, 2, 2, 2, 2])).toEqual({ change: -12, relevant: true });
  });
});

describe('Who5Answers', () => {
  it('requires all five items, each an integer 0-5', () => {
    expect(Who5Answers.safeParse([1, 2, 3, 4, 5]).success).toBe(true);
    expect(Who5Answers.safeParse([1, 2, 3, 4]).success).toBe(false);
    expect(Who5Answers.safeParse([1, 2, 3, 4, 6]).success).toBe(false);
    expect(Who5Answers.safeParse([1, 2, 3, 4, -1]).success).toBe(false);
    expect(Who5Answers.safeParse([1, 2, 3, 4, 2.5]).success).toBe(false);
    expect(Who5Answers.safeParse([1, 2, 3, 4, 5, 5]).success).toBe(false);
  });

  it("uses KL's Danish texts and six steps from Hele tiden (5) to På intet tidspunkt (0)", () => {
    expect(who5Items.map((i) => i.linkId)).toEqual(['happy', 'calm', 'active', 'rested', 'interest']);
    expect(who5Items[3].da).toBe('I de sidste 2 uger er jeg vågnet frisk og udhvilet');
    expect(who5AnswerSteps.map((s) => [s.value, s.da])).toEqual([
      [5, 'Hele tiden'],
      [4, 'Det meste af tiden'],
      [3, 'Lidt mere end halvdelen af tiden'],
      [2, 'Lidt mindre end halvdelen af tiden'],
      [1, 'Lidt af tiden'],
      [0, 'På intet tidspunkt'],
    ]);
  });
});

describe('WHO-5 follow-up window', () => {
  const at = (iso: string) => new Date(iso);
  it('falls due 6 months after the baseline and is overdue after 8, from the start of the Danish day', () => {
    // Baseline 10 March 2026 at 14:00 Danish time (UTC+1); due 10 September (UTC+2), overdue 10 November (UTC+1).
    const { dueAt, overdueAt } = who5FollowUpWindow(at('2026-03-10T13:00:00Z'));
    expect(dueAt.toISOString()).toBe('2026-09-09T22:00:00.000Z');
    expect(overdueAt.toISOString()).toBe('2026-11-09T23:00:00.000Z');
    expect(who5FollowUpState(at('2026-03-10T13:00:00Z'), at('2026-09-09T21:59:59Z'))).toBe('not_due');
    expect(who5FollowUpState(at('2026-03-10T13:00:00Z'), at('2026-09-09T22:00:00Z'))).toBe('due');
    expect(who5FollowUpState(at('2026-03-10T13:00:00Z'), at('2026-11-09T22:59:59Z'))).toBe('due');
    expect(who5FollowUpState(at('2026-03-10T13:00:00Z'), at('2026-11-09T23:00:00Z'))).toBe('overdue');
  });

  it('counts Danish calendar days: a baseline late in the evening UTC is the next Danish day', () => {
    // 30 June 2026 23:30 UTC is 1 July 01:30 in Denmark: due 1 January 2027.
    expect(who5FollowUpWindow(at('2026-06-30T23:30:00Z')).dueAt.toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });

  it('moves a day the month lacks to its last day (31 August + 6 months → 28 February, 29 in a leap year)', () => {
    expect(who5FollowUpWindow(at('2026-08-31T10:00:00Z')).dueAt.toISOString()).toBe('2027-02-27T23:00:00.000Z');
    expect(who5FollowUpWindow(at('2027-08-31T10:00:00Z')).dueAt.toISOString()).toBe('2028-02-28T23:00:00.000Z');
  });
});

describe("KL's WHO-5 answer codes", () => {
  const fsh = fileURLToPath(new URL('../../../../shared/standards/kl-who5/KLToolsValueSets.fsh', import.meta.url));
  const words: Record<string, string> = { happy: 'glad', calm: 'rolig', active: 'aktiv', rested: 'frisk', interest: 'interesseret' };
  it.skipIf(!existsSync(fsh))('are those of the KL code system, per item, for the answers 5 down to 0', () => {
    const lines = readFileSync(fsh, 'utf8').split('\n');
    for (const item of who5Items) {
      item.klCodes.forEach((code, i) => {
        const line = lines.find((l) => l.startsWith(`* #${code} `));
        expect(line, `${item.linkId} ${5 - i}`).toMatch(new RegExp(` - ${5 - i} \\(${words[item.linkId]}\\)"`));
      });
    }
  });
});

describe('who5Refusal and who5List', () => {
  const at = new Date('2026-11-24T10:00:00Z');
  const by = { id: 'n', name: 'Sofie Kjær', role: 'navigator' as const };
  const given = { kind: 'wellbeing_data' as const, decision: 'given' as const, decidedAt: '2026-11-01T10:00:00.000Z' };
  const adult = { cpr: '010190-2345', at };

  it('stores WHO-5 for adults under a valid well-being consent, one baseline before one follow-up', () => {
    expect(who5Refusal('baseline', { ...adult, wellbeingConsent: given, earlier: [] })).toBeUndefined();
    expect(who5Refusal('baseline', { cpr: '150612-4007', at, wellbeingConsent: given, earlier: [] })).toBe('under_18_no_data');
    expect(who5Refusal('baseline', { ...adult, earlier: [] })).toBe('wellbeing_consent_missing');
    expect(who5Refusal('baseline', { ...adult, wellbeingConsent: { ...given, decision: 'declined' }, earlier: [] })).toBe(
      'wellbeing_consent_missing',
    );
    expect(
      who5Refusal('baseline', { ...adult, wellbeingConsent: { ...given, withdrawnAt: '2026-11-20T10:00:00.000Z' }, earlier: [] }),
    ).toBe('wellbeing_consent_withdrawn');
    const takenAt = '2026-03-10T13:00:00.000Z';
    const baseline = { kind: 'baseline' as const, takenAt };
    expect(who5Refusal('baseline', { ...adult, wellbeingConsent: given, earlier: [baseline] })).toBe('who5_baseline_exists');
    expect(who5Refusal('follow_up', { ...adult, wellbeingConsent: given, earlier: [] })).toBe('who5_baseline_missing');
    expect(who5Refusal('follow_up', { ...adult, wellbeingConsent: given, earlier: [baseline, { kind: 'follow_up', takenAt }] })).toBe(
      'who5_follow_up_exists',
    );
  });

  it('refuses a follow-up before its window opens, 6 Danish calendar months after the baseline', () => {
    // Baseline 10 March 2026, 14:00 Danish time: the window opens at the start of 10 September (22:00Z the day before).
    const earlier = [{ kind: 'baseline' as const, takenAt: '2026-03-10T13:00:00.000Z' }];
    const wellbeingConsent = { ...given, decidedAt: '2026-03-01T10:00:00.000Z' };
    const followUp = (iso: string) => who5Refusal('follow_up', { ...adult, at: new Date(iso), wellbeingConsent, earlier });
    expect(followUp('2026-03-10T13:05:00.000Z')).toBe('who5_follow_up_not_due');
    expect(followUp('2026-09-09T21:59:59.999Z')).toBe('who5_follow_up_not_due');
    expect(followUp('2026-09-09T22:00:00.000Z')).toBeUndefined();
    expect(followUp('2027-01-01T10:00:00.000Z')).toBeUndefined();
  });

  it('marks a follow-up late from the start of the day 8 months after the baseline', () => {
    const baselineAt = new Date('2026-03-10T13:00:00.000Z');
    expect(who5FollowUpLate(baselineAt, new Date('2026-11-09T22:59:59.999Z'))).toBe(false);
    expect(who5FollowUpLate(baselineAt, new Date('2026-11-09T23:00:00.000Z'))).toBe(true);
  });

  it('gives the follow-up window once there is a baseline, and "done" once the follow-up is taken', () => {
    const baseline = {
      id: 'b',
      referralId: 'r',
      kind: 'baseline' as const,
      answers: [3, 3, 3, 3, 3] as Who5Answers,
      takenAt: '2026-03-10T13:00:00.000Z',
      late: false,
      recordedBy: by,
    };
    expect(who5List([], at)).toEqual({ items: [] });
    expect(who5List([baseline], at).followUp).toEqual({
      dueAt: '2026-09-09T22:00:00.000Z',
      overdueAt: '2026-11-09T23:00:00.000Z',
      state: 'overdue',
    });
    expect(who5List([baseline, { ...baseline, id: 'f', kind: 'follow_up' }], at).followUp?.state).toBe('done');
  });
});
