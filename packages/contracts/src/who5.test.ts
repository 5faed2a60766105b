import { describe, expect, it } from 'vitest';
import { Who5Answers, scoreWho5, who5AnswerSteps, who5Change, who5Items } from './who5.js';

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
