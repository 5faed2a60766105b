import { describe, expect, it } from 'vitest';
import { ageBand, kAnonymity, periodOf, researchColumns, sexOfCpr, type QuasiIdentifiers } from './research-export.js';

describe('the research export rules', () => {
  it('bands ages from 18, ten or twenty years wide, the last band open', () => {
    expect([18, 19, 29, 30, 45, 79, 80, 95].map((a) => ageBand(a, 10))).toEqual([
      '18-29',
      '18-29',
      '18-29',
      '30-39',
      '40-49',
      '70-79',
      '80+',
      '80+',
    ]);
    expect([18, 39, 40, 59, 60, 79, 80].map((a) => ageBand(a, 20))).toEqual(['18-39', '18-39', '40-59', '40-59', '60-79', '60-79', '80+']);
  });

  it('takes the sex from the last digit of the CPR number, odd for men', () => {
    expect(sexOfCpr('010190-2345')).toBe('M');
    expect(sexOfCpr('0101902346')).toBe('F');
  });

  it('coarsens the referral month to a quarter, a half-year or a year', () => {
    expect(['month', 'quarter', 'half_year', 'year', 'all'].map((p) => periodOf('2026-08', p as 'month'))).toEqual([
      '2026-08',
      '2026-Q3',
      '2026-H2',
      '2026',
      '*',
    ]);
  });

  it('finds the finest generalisation at which every class holds 5, and says which classes fall short when none does', () => {
    const row = (age: number, month: string, practice = 'a', sex: 'M' | 'F' = 'F'): QuasiIdentifiers => ({ age, sex, practice, month });
    const five = (month: string) => Array.from({ length: 5 }, () => row(44, month));
    expect(kAnonymity([...five('2026-01'), ...five('2026-02')])).toMatchObject({ ok: true, level: 0 });
    // Three in January and two in March: together 5 in the first quarter.
    expect(kAnonymity([row(44, '2026-01'), row(44, '2026-01'), row(44, '2026-01'), row(45, '2026-03'), row(46, '2026-03')])).toMatchObject({
      ok: true,
      level: 1,
      generalisation: { period: 'quarter' },
    });
    // One man alone stays alone however coarse the rest.
    const alone = kAnonymity([...five('2026-01'), row(44, '2026-01', 'a', 'M')]);
    expect(alone).toEqual({ ok: false, shortfalls: [{ ageBand: '40-59', sex: 'M', practice: '*', period: '*' }] });
    // A first year of a few: only the whole period holds 5.
    expect(kAnonymity([row(44, '2025-12'), ...Array.from({ length: 4 }, () => row(44, '2026-03'))])).toMatchObject({
      ok: true,
      generalisation: { period: 'all' },
    });
  });

  it('documents every column: its consent, unit and meaning in Danish and English', () => {
    for (const column of researchColumns) {
      expect(column.da.length).toBeGreaterThan(5);
      expect(column.en.length).toBeGreaterThan(5);
      expect(column.unit.length).toBeGreaterThan(0);
    }
    expect(researchColumns.filter((c) => c.consent === 'wellbeing_data').map((c) => c.name)).toEqual([
      'who5_baseline',
      'who5_baseline_day',
      'who5_follow_up',
      'who5_follow_up_day',
      'who5_follow_up_late',
    ]);
  });
});
