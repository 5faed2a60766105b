// The small-cell rule of the pilot's measures: no count of 1 to 4 people leaves the server, in the API, the
// dashboard or a CSV. Apart from the schemas, so the dashboard formats counts without loading zod.

/** What a count of 1 to 4 is shown as. */
export const SMALL_CELL = '< 5';

/**
 * A count of people as published: 0, 5 or more, `'< 5'`, or null where it is withheld (5 or more, but hidden so
 * that a total does not reveal a small count beside it).
 */
export type PublishedCount = number | typeof SMALL_CELL | null;

/** The rule in words, stated beside every table and on the report. */
export const smallCellRule = {
  da: 'Antal fra 1 til 4 vises som "< 5". Hvor en total sammen med de viste tal ville afsløre et skjult tal, skjules også det næstmindste tal ("–", sekundær diskretionering), og en løbende sum vises ikke. Andele, medianer og gennemsnit vises ikke, når de bygger på et skjult tal eller færre end 5 personer.',
  en: 'Counts from 1 to 4 are shown as "< 5". Where a total together with the counts shown would reveal a hidden count, the next smallest count is hidden too ("–", secondary suppression), and a running sum is not shown. Shares, medians and means are not shown when they rest on a hidden count or on fewer than 5 people.',
} as const;

export const isSmallCell = (n: number) => n >= 1 && n <= 4;

/** One count on its own: 1-4 becomes `'< 5'`. */
export function publishCount(n: number): PublishedCount {
  return isSmallCell(n) ? SMALL_CELL : n;
}

/**
 * The counts of a partition whose total is published too (per practice, per month, per closing reason): each
 * small count is `'< 5'`, and when exactly one is, the smallest other count above zero is withheld (null), so the
 * total minus the others does not give it away.
 */
export function publishPartition(counts: readonly number[]): PublishedCount[] {
  const published: PublishedCount[] = counts.map(publishCount);
  if (published.filter((c) => c === SMALL_CELL).length === 1) {
    let next = -1;
    counts.forEach((n, i) => {
      if (published[i] !== SMALL_CELL && n > 0 && (next < 0 || n < (counts[next] ?? Infinity))) next = i;
    });
    if (next >= 0) published[next] = null;
  }
  return published;
}

/**
 * The running sums of `counts` beside their published form (`publishPartition`): a sum is left out (null) when
 * the hidden counts since the last sum shown add up to 1-4, since the two sums would give their total away.
 */
export function publishRunningSums(counts: readonly number[], published: readonly PublishedCount[]): (number | null)[] {
  let sum = 0;
  let hiddenSinceShown = 0;
  return counts.map((n, i) => {
    sum += n;
    if (published[i] !== n) hiddenSinceShown += n;
    if (isSmallCell(hiddenSinceShown)) return null;
    hiddenSinceShown = 0;
    return sum;
  });
}

/** A share as published: its numerator and denominator, and the share itself only when neither is hidden. */
export interface PublishedRatio {
  numerator: PublishedCount;
  denominator: PublishedCount;
  /** 0-1; null when there is no denominator or a count is hidden. */
  share: number | null;
}

export function publishRatio(numerator: number, denominator: number): PublishedRatio {
  const hidden = isSmallCell(numerator) || isSmallCell(denominator);
  return {
    numerator: publishCount(numerator),
    denominator: publishCount(denominator),
    share: denominator === 0 || hidden ? null : numerator / denominator,
  };
}

/** Fewest values a median, percentile or mean is computed from; below it the figure is withheld (null). */
export const MIN_VALUES_FOR_STATISTIC = 5;

export const publishStatistic = (value: number | null, n: number): number | null =>
  n < MIN_VALUES_FOR_STATISTIC || value === null ? null : value;
