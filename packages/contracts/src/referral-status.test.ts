import { describe, expect, it } from 'vitest';
import {
  TransitionRequest,
  checkTransition,
  courseRefusal,
  isAllowedTransition,
  nextStatuses,
  referralStatuses,
} from './referral-status.js';

describe('status graph', () => {
  it('moves forward one step at a time along the course', () => {
    expect(nextStatuses('sent')).toEqual(['received', 'rejected', 'cancelled']);
    expect(nextStatuses('received')).toEqual(['accepted', 'rejected', 'cancelled']);
    expect(nextStatuses('accepted')).toEqual(['contacted', 'closed', 'rejected', 'cancelled']);
    expect(nextStatuses('contacted')).toEqual(['plan_made', 'closed', 'rejected', 'cancelled']);
    expect(nextStatuses('plan_made')).toEqual(['linked', 'closed', 'rejected', 'cancelled']);
    expect(nextStatuses('linked')).toEqual(['closed', 'rejected', 'cancelled']);
  });

  it('lets nothing leave a closed, rejected or cancelled referral', () => {
    for (const from of ['closed', 'rejected', 'cancelled'] as const) {
      for (const to of referralStatuses) expect(isAllowedTransition(from, to)).toBe(false);
    }
  });

  it('never skips a step, goes back or stays put', () => {
    expect(isAllowedTransition('sent', 'accepted')).toBe(false);
    expect(isAllowedTransition('contacted', 'accepted')).toBe(false);
    expect(isAllowedTransition('accepted', 'accepted')).toBe(false);
    expect(isAllowedTransition('received', 'closed')).toBe(false);
  });
});

describe('checkTransition', () => {
  it('lets the practice cancel, and only the navigators do the rest', () => {
    expect(checkTransition('sent', 'cancelled', 'doctor')).toEqual({ ok: true });
    expect(checkTransition('sent', 'cancelled', 'navigator')).toEqual({ ok: false, code: 'transition_forbidden_for_role' });
    expect(checkTransition('sent', 'received', 'navigator')).toEqual({ ok: true });
    expect(checkTransition('sent', 'received', 'nurse')).toEqual({ ok: false, code: 'transition_forbidden_for_role' });
    expect(checkTransition('received', 'rejected', 'coordinator')).toEqual({ ok: true });
  });

  it('checks the graph before the role', () => {
    expect(checkTransition('closed', 'cancelled', 'doctor')).toEqual({ ok: false, code: 'invalid_transition' });
  });
});

describe('TransitionRequest', () => {
  it('requires a reason from the list and a free text to close, reject or cancel', () => {
    expect(TransitionRequest.safeParse({ to: 'closed', reason: 'goal_reached', note: 'Mål nået.' }).success).toBe(true);
    expect(TransitionRequest.safeParse({ to: 'closed', reason: 'goal_reached' }).success).toBe(false);
    expect(TransitionRequest.safeParse({ to: 'closed', reason: 'goal_reached', note: '   ' }).success).toBe(false);
    expect(TransitionRequest.safeParse({ to: 'rejected', reason: 'goal_reached', note: 'x' }).success).toBe(false);
    expect(TransitionRequest.safeParse({ to: 'cancelled', reason: 'entered_in_error', note: 'Forkert patient.' }).success).toBe(true);
  });

  it('refuses a reason on a forward step, and an unknown target', () => {
    expect(TransitionRequest.safeParse({ to: 'accepted', reason: 'other' }).success).toBe(false);
    expect(TransitionRequest.safeParse({ to: 'sent' }).success).toBe(false);
  });
});

describe('courseRefusal', () => {
  it('lets the course be worked from acceptance until it ends, and says why not otherwise', () => {
    expect(referralStatuses.map((s) => [s, courseRefusal(s) ?? 'ok'])).toEqual([
      ['sent', 'referral_not_accepted'],
      ['received', 'referral_not_accepted'],
      ['accepted', 'ok'],
      ['contacted', 'ok'],
      ['plan_made', 'ok'],
      ['linked', 'ok'],
      ['closed', 'invalid_transition'],
      ['rejected', 'invalid_transition'],
      ['cancelled', 'invalid_transition'],
    ]);
  });
});
