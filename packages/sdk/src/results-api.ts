import type { Measures, MeasuresQuery } from '@henvis/contracts';
import { withSignal, type ApiRequest, type RequestOptions } from './api-request.js';

/** The pilot's results (coordinators and navigators): the measures, every count already past the small-cell rule. */
export interface ResultsApi {
  /** The measures over cohorts by referral month, for the practices the caller's organisation serves. */
  getMeasures(this: void, query?: MeasuresQuery, options?: RequestOptions): Promise<Measures>;
}

export function resultsApi(request: ApiRequest): ResultsApi {
  return {
    getMeasures: (query = {}, { signal } = {}) => {
      const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
      const suffix = search.size > 0 ? `?${search.toString()}` : '';
      return request({ method: 'GET', path: `/v1/measures${suffix}`, retry: true, ...withSignal(signal) });
    },
  };
}
