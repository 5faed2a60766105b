import type { MeasuresQuery } from '@henvis/contracts';

// The filter is checked by the server against the contract (MeasuresQuery: months as YYYY-MM), which answers a
// bad month with a field error the view shows. Not parsed here with the contract's schema: its module would then
// move into the chunk the whole inbox loads at start, which this view's own chunk exists to keep small.

/** The results' filter as the form holds it: '' is "not chosen" (the server's default period, every practice). */
export interface ResultsFilter {
  from: string;
  to: string;
  practice: string;
}

const keys = ['from', 'to', 'practice'] as const;

/** The filter in a route's query (`from=2026-01&practice=123456`). */
export function filterOf(search: string): ResultsFilter {
  const params = new URLSearchParams(search);
  const [from, to, practice] = keys.map((key) => params.get(key)?.trim() ?? '');
  return { from: from ?? '', to: to ?? '', practice: practice ?? '' };
}

/** The query of `getMeasures`, without the fields not chosen. */
export function queryOf(filter: ResultsFilter): MeasuresQuery {
  const query: MeasuresQuery = {};
  for (const key of keys) if (filter[key]) query[key] = filter[key];
  return query;
}

/** The filter as a route's query, for the report's address and the way back. */
export const searchOf = (filter: ResultsFilter): string =>
  new URLSearchParams(keys.filter((key) => filter[key]).map((key) => [key, filter[key]])).toString();

/** A "from" month after the "to" month: not sent, as it is no period. */
export const backwards = (filter: ResultsFilter): boolean => !!filter.from && !!filter.to && filter.from > filter.to;
