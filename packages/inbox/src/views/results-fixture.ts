import { measureDefinitions, smallCellRule, type Measures } from '@henvis/contracts';

/**
 * Half a year of a pilot's measures, made by hand for the results' tests, past the small-cell rule as the server
 * publishes them: February's 3 referrals are "< 5", so March's 9 are withheld (null) and February's running sum
 * is not shown; one practice is "< 5" and the next smallest withheld; some shares and statistics are null.
 */
export const exampleMeasures: Measures = {
  generatedAt: '2026-07-01T08:00:00.000Z',
  period: { from: '2026-01', to: '2026-06' },
  practices: [
    { id: '123456', name: 'Lægehuset Grenaa' },
    { id: '234567', name: 'Lægerne i Auning' },
    { id: '345678', name: 'Allingåbro Lægehus' },
  ],
  smallCellRule,
  referrals: {
    definition: measureDefinitions.referrals,
    goal: { total: 700, months: 24, perMonth: 700 / 24 },
    total: 96,
    byMonth: [
      { month: '2026-01', count: 12, cumulative: 12, pace: 29.2 },
      { month: '2026-02', count: '< 5', cumulative: null, pace: 58.3 },
      { month: '2026-03', count: null, cumulative: 24, pace: 87.5 },
      { month: '2026-04', count: 20, cumulative: 44, pace: 116.7 },
      { month: '2026-05', count: 25, cumulative: 69, pace: 145.8 },
      { month: '2026-06', count: 27, cumulative: 96, pace: 175 },
    ],
    byPractice: [
      { practiceId: '123456', practiceName: 'Lægehuset Grenaa', count: 60 },
      { practiceId: '234567', practiceName: 'Lægerne i Auning', count: null },
      { practiceId: '345678', practiceName: 'Allingåbro Lægehus', count: '< 5' },
    ],
  },
  firstContact: {
    definition: measureDefinitions.firstContact,
    goal: { workingDays: 2 },
    medianHours: 26.5,
    p90Hours: 70,
    withinDeadline: { numerator: 72, denominator: 90, share: 0.8 },
  },
  linked: {
    definition: measureDefinitions.linked,
    goal: { share: 0.5, months: 3 },
    withinThreeMonths: { numerator: 20, denominator: 35, share: 20 / 35 },
    attendingAtThreeMonths: { numerator: '< 5', denominator: 12, share: null },
    byMonth: [
      { month: '2026-01', linked: { numerator: 6, denominator: 12, share: 0.5 } },
      { month: '2026-02', linked: { numerator: '< 5', denominator: '< 5', share: null } },
      { month: '2026-03', linked: { numerator: 5, denominator: 9, share: 5 / 9 } },
      { month: '2026-04', linked: { numerator: 7, denominator: 11, share: 7 / 11 } },
      { month: '2026-05', linked: { numerator: 0, denominator: 0, share: null } },
      { month: '2026-06', linked: { numerator: 0, denominator: 0, share: null } },
    ],
  },
  contacts: {
    definition: measureDefinitions.contacts,
    usual: { min: 6, max: 12 },
    closedCourses: 30,
    median: 8,
    p25: 6,
    p75: 11,
    withinUsual: { numerator: 22, denominator: 30, share: 22 / 30 },
  },
  who5: {
    definition: measureDefinitions.who5,
    pairs: 20,
    meanChange: 8.4,
    improvedBy10: { numerator: 9, denominator: 20, share: 0.45 },
    baseline: {
      mean: 44.2,
      atOrBelow50: { numerator: 13, denominator: 20, share: 0.65 },
      atOrBelow28: { numerator: 5, denominator: 20, share: 0.25 },
    },
    followUp: {
      mean: 52.6,
      atOrBelow50: { numerator: 8, denominator: 20, share: 0.4 },
      atOrBelow28: { numerator: '< 5', denominator: 20, share: null },
    },
    completion: { numerator: 20, denominator: 25, share: 0.8 },
    late: '< 5',
  },
  closing: {
    definition: measureDefinitions.closing,
    total: 30,
    reasons: [
      { reason: 'goal_reached', count: 12 },
      { reason: 'joined_community', count: 9 },
      { reason: 'declined', count: '< 5' },
      { reason: 'not_reachable', count: '< 5' },
      { reason: 'moved', count: 0 },
      { reason: 'needs_other_help', count: 5 },
      { reason: 'other', count: 0 },
    ],
  },
  rejections: {
    definition: measureDefinitions.rejections,
    total: 8,
    reasons: [
      { reason: 'outside_target_group', count: null },
      { reason: 'outside_area', count: '< 5' },
      { reason: 'not_motivated', count: 0 },
      { reason: 'duplicate', count: 0 },
      { reason: 'other', count: 0 },
    ],
  },
  inclusionFlags: {
    definition: measureDefinitions.inclusionFlags,
    referrals: 14,
    flags: [
      { flag: 'under_18', count: '< 5' },
      { flag: 'not_motivated', count: 6 },
      { flag: 'no_social_need', count: 0 },
      { flag: 'outside_area', count: 5 },
      { flag: 'not_reachable', count: 0 },
    ],
  },
  unmetNeeds: {
    definition: measureDefinitions.unmetNeeds,
    items: [
      { category: 'physical_activity', area: 'Allingåbro', count: 6 },
      { category: 'community', area: 'Grenaa, midtby', count: '< 5' },
    ],
  },
};
