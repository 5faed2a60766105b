import type { Refusals, RefusalsQuery } from '@henvis/contracts';
import { withSignal, type ApiRequest, type RequestOptions } from './api-request.js';

/** The audit log as coordinators control it (kontrol med afviste adgangsforsøg). */
export interface AuditApi {
  /**
   * The refused, denied and failed attempts of a period (Danish days, at most 92; the last 7 when left out), by
   * day, actor, organisation, client address and reason, with the bursts. Coordinators only: `role_not_allowed`.
   */
  getRefusals(this: void, query?: RefusalsQuery, options?: RequestOptions): Promise<Refusals>;
}

export function auditApi(request: ApiRequest): AuditApi {
  return {
    getRefusals: (query = {}, { signal } = {}) => {
      const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
      const suffix = search.size > 0 ? `?${search.toString()}` : '';
      return request({ method: 'GET', path: `/v1/audit/refusals${suffix}`, retry: true, ...withSignal(signal) });
    },
  };
}
