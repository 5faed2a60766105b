import type { HsdsImportReport, OfferLink, OfferList, OfferQuery, UnmetNeedSummary } from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest } from './api-request.js';
import type { HenvisClient } from './client.js';

/** The offers catalogue, offers linked to courses, and unmet needs: the navigators' and coordinators' calls. */
export type CatalogueApi = Pick<
  HenvisClient,
  | 'searchOffers'
  | 'getOffer'
  | 'createOffer'
  | 'updateOffer'
  | 'retireOffer'
  | 'exportOffers'
  | 'importOffers'
  | 'linkOffer'
  | 'moveOfferLink'
  | 'listOfferLinks'
  | 'recordUnmetNeed'
  | 'unmetNeedSummary'
>;

/** The HSDS forms of the catalogue: a service page as JSON, or the tabular data package (CSV files in a zip). */
const hsds = {
  json: { path: '/v1/offers/export/hsds', importPath: '/v1/offers/import/hsds', contentType: 'application/json' },
  zip: { path: '/v1/offers/export/hsds.zip', importPath: '/v1/offers/import/hsds.zip', contentType: 'application/zip' },
} as const;

const query = (q: Partial<OfferQuery>) => {
  const text = new URLSearchParams(Object.entries(q).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
  return text ? `?${text}` : '';
};

export function catalogueApi(request: ApiRequest): CatalogueApi {
  return {
    searchOffers: async (q = {}, { signal } = {}) => (await request<OfferList>({ method: 'GET', path: `/v1/offers${query(q)}`, retry: true, ...withSignal(signal) })).items,
    getOffer: (id, { signal } = {}) => request({ method: 'GET', path: `/v1/offers/${encodeURIComponent(id)}`, retry: true, ...withSignal(signal) }),
    createOffer: (offer, { signal } = {}) => request({ method: 'POST', path: '/v1/offers', body: offer, retry: false, ...withSignal(signal) }),
    updateOffer: (id, offer, { signal } = {}) => request({ method: 'PUT', path: `/v1/offers/${encodeURIComponent(id)}`, body: offer, retry: true, ...withSignal(signal) }),
    retireOffer: (id, { signal } = {}) => request({ method: 'POST', path: `/v1/offers/${encodeURIComponent(id)}/retire`, retry: true, ...withSignal(signal) }),
    exportOffers: (format, { signal } = {}) =>
      request({ method: 'GET', path: hsds[format].path, headers: { accept: `${hsds[format].contentType}, application/problem+json` }, as: 'blob', retry: true, ...withSignal(signal) }),
    // A dry run changes nothing and may be retried; an import of services without ids could add them twice.
    importOffers: (file, { format, dryRun }, { signal } = {}) =>
      request({
        method: 'POST',
        path: `${hsds[format].importPath}${dryRun ? '?dryRun=true' : ''}`,
        body: file,
        contentType: hsds[format].contentType,
        retry: dryRun,
        ...withSignal(signal),
      }),
    linkOffer: (referralId, offerId, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(referralId)}/offer-links`, body: { offerId }, retry: false, ...withSignal(signal) }),
    moveOfferLink: (referralId, linkId, state, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(referralId)}/offer-links/${encodeURIComponent(linkId)}/state`, body: { state }, retry: false, ...withSignal(signal) }),
    listOfferLinks: async (referralId, { signal } = {}) =>
      (await request<{ items: OfferLink[] }>({ method: 'GET', path: `${referralPath(referralId)}/offer-links`, retry: true, ...withSignal(signal) })).items,
    recordUnmetNeed: (need, { signal } = {}) => request({ method: 'POST', path: '/v1/unmet-needs', body: need, retry: false, ...withSignal(signal) }),
    unmetNeedSummary: async ({ signal } = {}) =>
      (await request<UnmetNeedSummary>({ method: 'GET', path: '/v1/unmet-needs/summary', retry: true, ...withSignal(signal) })).items,
  };
}

