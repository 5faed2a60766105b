import { describe, expect, it, vi } from 'vitest';
import type { ListedReferral, ReferralPage } from '@henvis/contracts';
import type { HenvisClient } from '@henvis/sdk';
import { caseloadCsv, readCaseload } from './caseload-csv.js';

const course: ListedReferral = {
  id: '11111111-1111-4111-8111-111111111111',
  status: 'plan_made',
  createdAt: '2026-11-02T23:30:00Z',
  updatedAt: '2026-11-20T10:00:00Z',
  practice: { id: '045678', name: 'Lægehuset Grenaa' },
  referrer: { id: 'gp', name: 'Mette Holm', role: 'doctor' },
  patient: { cpr: '010190-2345', name: 'Karen Jensen', birthDate: '1990-01-01', ageAtReferral: 36 },
  reasons: ['loneliness'],
  contact: { phone: '+45 20 30 40 50' },
  companion: 'unknown',
  inclusion: { motivated: true, needsSocialSupport: true, inArea: true },
  flags: [],
  course: { lastContactAt: '2026-11-30T23:15:00Z', nextStep: 'Ring, og aftal "gåturen"', nextStepDate: '2026-12-08' },
};

describe('"Mine forløb" as CSV', () => {
  it('writes names, practice, status, last contact and next step with Danish days, and never the CPR number', () => {
    const formula: ListedReferral = {
      ...course,
      id: '22222222-2222-4222-8222-222222222222',
      patient: { ...course.patient, name: '=HYPERLINK("x")' },
    };
    const { course: _, ...planless } = { ...course, id: '33333333-3333-4333-8333-333333333333' };
    const csv = caseloadCsv([course, formula, planless], 'da');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Borger,Alder,Praksis,Status,Seneste kontakt,Næste skridt,Dato for næste skridt,Henvist',
      // Danish days: the contact late on 30 November UTC was on 1 December in Denmark, the referral on 3 November.
      'Karen Jensen,36,Lægehuset Grenaa,Plan lagt,2026-12-01,"Ring, og aftal ""gåturen""",2026-12-08,2026-11-03',
      `"'=HYPERLINK(""x"")",36,Lægehuset Grenaa,Plan lagt,2026-12-01,"Ring, og aftal ""gåturen""",2026-12-08,2026-11-03`,
      'Karen Jensen,36,Lægehuset Grenaa,Plan lagt,,,,2026-11-03',
      '',
    ]);
    expect(csv).not.toContain('010190');
    expect(caseloadCsv([course], 'en').slice(1).split('\r\n')[0]).toBe(
      'Citizen,Age,Practice,Status,Last contact,Next step,Date of next step,Referred',
    );
  });

  it("reads every page of the list's filters, 100 at a time, and a search through the POST", async () => {
    const pages: ReferralPage[] = [{ items: [course], nextCursor: 'c1' }, { items: [course] }];
    const client = {
      listReferrals: vi.fn<HenvisClient['listReferrals']>(async () => pages.shift()!),
      searchReferrals: vi.fn<HenvisClient['searchReferrals']>(async () => ({ items: [course] })),
    } as Partial<HenvisClient> as HenvisClient;
    expect(await readCaseload(client, { owner: 'me', sort: 'next_step' })).toHaveLength(2);
    expect(vi.mocked(client.listReferrals).mock.calls.map((c) => c[0])).toEqual([
      { owner: 'me', sort: 'next_step', limit: 100 },
      { owner: 'me', sort: 'next_step', limit: 100, cursor: 'c1' },
    ]);
    await readCaseload(client, { owner: 'me', text: 'Karen' });
    expect(vi.mocked(client.searchReferrals).mock.calls[0]![0]).toEqual({ owner: 'me', text: 'Karen', limit: 100 });
  });
});
