import type {
  HsdsImportReport,
  NewOffer,
  NewUnmetNeed,
  Offer,
  OfferLink,
  OfferLinkState,
  OfferList,
  OfferQuery,
  UnmetNeed,
  UnmetNeedSummary,
} from '@henvis/contracts';
import { referralPath, withSignal, type ApiRequest, type RequestOptions } from './api-request.js';

/**
 * The offers catalogue (tilbudskatalog), offers linked to courses, and unmet needs (udækkede behov): the
 * navigators' and coordinators' calls.
 */
export interface CatalogueApi {
  /** Searches the organisation's offers catalogue: category, area, weekday, time, text (navigators). */
  searchOffers(this: void, query?: Partial<OfferQuery>, options?: RequestOptions): Promise<Offer[]>;
  getOffer(this: void, offerId: string, options?: RequestOptions): Promise<Offer>;
  /** Adds an offer to the catalogue (coordinators). Not retried automatically. */
  createOffer(this: void, offer: NewOffer, options?: RequestOptions): Promise<Offer>;
  /** Replaces an offer's description; its ids stay (coordinators). */
  updateOffer(this: void, offerId: string, offer: NewOffer, options?: RequestOptions): Promise<Offer>;
  /** Takes an offer out of searches, keeping it for the courses that link to it (coordinators). */
  retireOffer(this: void, offerId: string, options?: RequestOptions): Promise<Offer>;
  /**
   * The whole catalogue, retired offers too, as Open Referral HSDS 3.1: `json` a service page, `zip` the tabular
   * data package (one CSV per HSDS table). Resolves to the file, ready to save.
   */
  exportOffers(this: void, format: 'json' | 'zip', options?: RequestOptions): Promise<Blob>;
  /**
   * Imports HSDS services (a `json` service page or list, or the `zip` tabular data package), adding or updating
   * offers by service id and leaving alone those it would not change; the report names each offer with what became
   * of it, and each refused service with its fields, in `locale` (`en` unless given) (coordinators). With `dryRun`
   * nothing is saved: the report says what an import would do. Only a dry run is retried automatically.
   */
  importOffers(
    this: void,
    file: Blob,
    how: { format: 'json' | 'zip'; dryRun: boolean; locale?: 'da' | 'en' },
    options?: RequestOptions,
  ): Promise<HsdsImportReport>;
  /** Links an offer to a course, as proposed (navigators). Not retried automatically. */
  linkOffer(this: void, referralId: string, offerId: string, options?: RequestOptions): Promise<OfferLink>;
  /** Follows a linked offer: started, stopped, or attending at 3 months (navigators). Not retried automatically. */
  moveOfferLink(this: void, referralId: string, linkId: string, state: OfferLinkState, options?: RequestOptions): Promise<OfferLink>;
  listOfferLinks(this: void, referralId: string, options?: RequestOptions): Promise<OfferLink[]>;
  /** Records a need no offer met (navigators). Not retried automatically. */
  recordUnmetNeed(this: void, need: NewUnmetNeed, options?: RequestOptions): Promise<UnmetNeed>;
  /** Unmet needs by category and area (navigators, coordinators). */
  unmetNeedSummary(this: void, options?: RequestOptions): Promise<UnmetNeedSummary['items']>;
}

/** The HSDS forms of the catalogue: a service page as JSON, or the tabular data package (CSV files in a zip). */
const hsds = {
  json: { path: '/v1/offers/export/hsds', importPath: '/v1/offers/import/hsds', contentType: 'application/json' },
  zip: { path: '/v1/offers/export/hsds.zip', importPath: '/v1/offers/import/hsds.zip', contentType: 'application/zip' },
} as const;

const query = (q: Readonly<Record<string, string | undefined>>) => {
  const text = new URLSearchParams(Object.entries(q).filter((entry): entry is [string, string] => entry[1] !== undefined)).toString();
  return text ? `?${text}` : '';
};

/** The catalogue calls over one request core, for code that loads them apart. */
export function catalogueApi(request: ApiRequest): CatalogueApi {
  return {
    searchOffers: async (q = {}, { signal } = {}) =>
      (await request<OfferList>({ method: 'GET', path: `/v1/offers${query(q)}`, retry: true, ...withSignal(signal) })).items,
    getOffer: (id, { signal } = {}) =>
      request({ method: 'GET', path: `/v1/offers/${encodeURIComponent(id)}`, retry: true, ...withSignal(signal) }),
    createOffer: (offer, { signal } = {}) =>
      request({ method: 'POST', path: '/v1/offers', body: offer, retry: false, ...withSignal(signal) }),
    updateOffer: (id, offer, { signal } = {}) =>
      request({ method: 'PUT', path: `/v1/offers/${encodeURIComponent(id)}`, body: offer, retry: true, ...withSignal(signal) }),
    retireOffer: (id, { signal } = {}) =>
      request({ method: 'POST', path: `/v1/offers/${encodeURIComponent(id)}/retire`, retry: true, ...withSignal(signal) }),
    exportOffers: (format, { signal } = {}) =>
      request({
        method: 'GET',
        path: hsds[format].path,
        headers: { accept: `${hsds[format].contentType}, application/problem+json` },
        as: 'blob',
        retry: true,
        ...withSignal(signal),
      }),
    // A dry run changes nothing and may be retried; an import of services without ids could add them twice.
    importOffers: (file, { format, dryRun, locale }, { signal } = {}) =>
      request({
        method: 'POST',
        path: `${hsds[format].importPath}${query({ ...(dryRun ? { dryRun: 'true' } : {}), ...(locale ? { locale } : {}) })}`,
        body: file,
        contentType: hsds[format].contentType,
        retry: dryRun,
        ...withSignal(signal),
      }),
    linkOffer: (referralId, offerId, { signal } = {}) =>
      request({ method: 'POST', path: `${referralPath(referralId)}/offer-links`, body: { offerId }, retry: false, ...withSignal(signal) }),
    moveOfferLink: (referralId, linkId, state, { signal } = {}) =>
      request({
        method: 'POST',
        path: `${referralPath(referralId)}/offer-links/${encodeURIComponent(linkId)}/state`,
        body: { state },
        retry: false,
        ...withSignal(signal),
      }),
    listOfferLinks: async (referralId, { signal } = {}) =>
      (
        await request<{ items: OfferLink[] }>({
          method: 'GET',
          path: `${referralPath(referralId)}/offer-links`,
          retry: true,
          ...withSignal(signal),
        })
      ).items,
    recordUnmetNeed: (need, { signal } = {}) =>
      request({ method: 'POST', path: '/v1/unmet-needs', body: need, retry: false, ...withSignal(signal) }),
    unmetNeedSummary: async ({ signal } = {}) =>
      (await request<UnmetNeedSummary>({ method: 'GET', path: '/v1/unmet-needs/summary', retry: true, ...withSignal(signal) })).items,
  };
}
