import type { Category, FieldError, NewOffer, Offer, Weekday } from '@henvis/contracts';

/** One weekly time of an offer as the form holds it: text fields, empty when not given. */
export interface ScheduleDraft {
  byDay: Weekday[];
  opensAt: string;
  closesAt: string;
  description: string;
}

/** An offer as the coordinator's form holds it (one contact person; categories ticked from the one list). */
export interface OfferDraft {
  organizationName: string;
  serviceName: string;
  serviceDescription: string;
  locationName: string;
  address1: string;
  postalCode: string;
  city: string;
  schedules: ScheduleDraft[];
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  categories: Category[];
  /** What the categories do not say, in words. */
  categoryNote: string;
  receptionAgreement: string;
}

export type DraftField = Exclude<keyof OfferDraft, 'schedules'> | `schedules.${number}.${keyof ScheduleDraft}`;

export const weekdays: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export const emptySchedule = (): ScheduleDraft => ({ byDay: [], opensAt: '', closesAt: '', description: '' });

export function draftOf(offer?: Offer): OfferDraft {
  const contact = offer?.contacts[0];
  const address = offer?.location?.address;
  return {
    organizationName: offer?.organization.name ?? '',
    serviceName: offer?.service.name ?? '',
    serviceDescription: offer?.service.description ?? '',
    locationName: offer?.location?.name ?? '',
    address1: address?.address1 ?? '',
    postalCode: address?.postalCode ?? '',
    city: address?.city ?? '',
    schedules: offer?.schedules.length
      ? offer.schedules.map((s) => ({
          byDay: [...s.byDay],
          opensAt: s.opensAt ?? '',
          closesAt: s.closesAt ?? '',
          description: s.description ?? '',
        }))
      : [emptySchedule()],
    contactName: contact?.name ?? '',
    contactPhone: contact?.phone ?? '',
    contactEmail: contact?.email ?? '',
    categories: [...(offer?.categories ?? [])],
    categoryNote: offer?.categoryNote ?? '',
    receptionAgreement: offer?.receptionAgreement ?? '',
  };
}

const given = (value: string) => {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
};
const optional = <K extends string>(key: K, value: string): Partial<Record<K, string>> =>
  given(value) === undefined ? {} : ({ [key]: given(value) } as Record<K, string>);

/**
 * The offer to send, and for each schedule sent the form's schedule it came from (empty schedules are left out).
 * Editing keeps what the form does not show: the ids, the organisation's other details and further contacts.
 */
export function newOfferOf(draft: OfferDraft, base?: Offer): { offer: NewOffer; scheduleIndex: number[] } {
  const scheduleIndex: number[] = [];
  const schedules = draft.schedules.flatMap((s, i) => {
    if (!s.byDay.length && !given(s.opensAt) && !given(s.closesAt) && !given(s.description)) return [];
    scheduleIndex.push(i);
    return [
      {
        byDay: weekdays.filter((d) => s.byDay.includes(d)),
        ...optional('opensAt', s.opensAt),
        ...optional('closesAt', s.closesAt),
        ...optional('description', s.description),
      },
    ];
  });
  const contact = {
    ...optional('name', draft.contactName),
    ...optional('phone', draft.contactPhone),
    ...optional('email', draft.contactEmail),
  };
  const hasLocation = [draft.locationName, draft.address1, draft.postalCode, draft.city].some((v) => given(v) !== undefined);
  const offer: NewOffer = {
    organization: { ...base?.organization, name: draft.organizationName.trim() },
    service: {
      ...(base ? { id: base.service.id, status: base.service.status } : {}),
      name: draft.serviceName.trim(),
      ...optional('description', draft.serviceDescription),
    },
    ...(hasLocation
      ? {
          location: {
            ...(base?.location ? { id: base.location.id } : {}),
            ...optional('name', draft.locationName),
            address: { address1: draft.address1.trim(), postalCode: draft.postalCode.trim(), city: draft.city.trim() },
          },
        }
      : {}),
    schedules,
    contacts: [...(Object.keys(contact).length ? [contact] : []), ...(base?.contacts.slice(1) ?? [])],
    categories: [...new Set(draft.categories)],
    ...optional('categoryNote', draft.categoryNote),
    ...optional('receptionAgreement', draft.receptionAgreement),
  };
  return { offer, scheduleIndex };
}

/** The form's field that an API or contract field error names, or undefined when the form does not show it. */
export function draftFieldOf(path: string, scheduleIndex: number[]): DraftField | undefined {
  const schedule = /^schedules\.(\d+)\.(byDay|opensAt|closesAt|description)/.exec(path);
  if (schedule) {
    const index = scheduleIndex[Number(schedule[1])];
    return index === undefined ? undefined : `schedules.${index}.${schedule[2] as keyof ScheduleDraft}`;
  }
  const fields: [RegExp, DraftField][] = [
    [/^organization\.name$/, 'organizationName'],
    [/^service\.name$/, 'serviceName'],
    [/^service\.description$/, 'serviceDescription'],
    [/^location\.name$/, 'locationName'],
    [/^location\.address(\.address1)?$/, 'address1'],
    [/^location\.address\.postalCode$/, 'postalCode'],
    [/^location\.address\.city$/, 'city'],
    [/^contacts\.0\.name$/, 'contactName'],
    [/^contacts\.0\.phone$/, 'contactPhone'],
    [/^contacts\.0\.email$/, 'contactEmail'],
    [/^categories(\.|$)/, 'categories'],
    [/^categoryNote$/, 'categoryNote'],
    [/^receptionAgreement$/, 'receptionAgreement'],
  ];
  return fields.find(([pattern]) => pattern.test(path))?.[1];
}

/** Field errors by the form's field (the first message of each). */
export function errorsByField(errors: FieldError[], scheduleIndex: number[]): Partial<Record<DraftField, string>> {
  const out: Partial<Record<DraftField, string>> = {};
  for (const error of errors) {
    const field = draftFieldOf(error.path, scheduleIndex);
    if (field && !out[field]) out[field] = error.message;
  }
  return out;
}
