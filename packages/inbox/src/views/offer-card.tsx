import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { categoryLabels, type Offer, type Weekday } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { locale, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { catalogueTexts } from './catalogue-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(catalogueTexts);

const joinDays = (days: Weekday[]) => {
  const names = days.map((d) => t.value.weekdays[d]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${t.value.and} ${names.at(-1)}` : (names[0] ?? '');
};

/** When an offer happens, in words: "tirsdag og torsdag, 10:00–12:00". */
export function scheduleText(s: Offer['schedules'][number]): string {
  const time =
    s.opensAt && s.closesAt
      ? `${s.opensAt}–${s.closesAt}`
      : s.opensAt
        ? `${t.value.from} ${s.opensAt}`
        : s.closesAt
          ? `${t.value.until} ${s.closesAt}`
          : '';
  return [joinDays(s.byDay), time, s.description].filter(Boolean).join(', ');
}

export const editButtonId = (offerId: string) => `offer-${offerId}-edit`;

/**
 * One offer of the catalogue, wherever it is shown (the catalogue, a course's search): what, who, where, when, whom
 * to contact and the reception agreement. With `onEdit` and `onRetired` a coordinator edits it here and retires it
 * after a confirm step; `children` are the place's own actions (a course's "link").
 */
export function OfferCard({
  offer,
  onEdit,
  onRetired,
  children,
}: {
  offer: Offer;
  onEdit?: () => void;
  onRetired?: () => void;
  children?: ComponentChildren;
}) {
  const { client } = useInbox();
  const retire = useAction();
  const [confirming, setConfirming] = useState(false);
  const retireButton = useRef<HTMLButtonElement>(null);
  const { service, organization, location } = offer;
  const titleId = `offer-${offer.id}-title`;
  const retired = service.status === 'defunct';
  const coordinator = !!(onEdit && onRetired);
  return (
    <article class={`offer-card${retired ? ' retired' : ''}`} aria-labelledby={titleId}>
      <h3 id={titleId}>{service.name}</h3>
      {service.status !== 'active' && <p class={`badge badge-${service.status}`}>{t.value.statuses[service.status]}</p>}
      {service.description && <p>{service.description}</p>}
      <dl class="offer-facts">
        <dt>{t.value.organization}</dt>
        <dd>{organization.name}</dd>
        {(offer.categories.length > 0 || offer.categoryNote) && (
          <>
            <dt>{t.value.categories}</dt>
            <dd>{[...offer.categories.map((c) => categoryLabels[locale.value][c]), offer.categoryNote].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {location && (
          <>
            <dt>{t.value.where}</dt>
            <dd>
              {[location.name, location.address.address1, `${location.address.postalCode} ${location.address.city}`]
                .filter(Boolean)
                .join(', ')}
            </dd>
          </>
        )}
        {offer.schedules.length > 0 && (
          <>
            <dt>{t.value.when}</dt>
            <dd>
              <ul class="plain">
                {offer.schedules.map((s, i) => (
                  <li key={i}>{scheduleText(s)}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {offer.contacts.length > 0 && (
          <>
            <dt>{t.value.contact}</dt>
            <dd>
              <ul class="plain">
                {offer.contacts.map((c, i) => (
                  <li key={i}>
                    {[
                      c.name,
                      c.phone && <a href={`tel:${c.phone.replace(/\s/g, '')}`}>{c.phone}</a>,
                      c.email && <a href={`mailto:${c.email}`}>{c.email}</a>,
                    ]
                      .filter(Boolean)
                      .flatMap((part, n) => (n ? [', ', part] : [part]))}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {offer.receptionAgreement && (
          <>
            <dt>{t.value.agreement}</dt>
            <dd class="agreement">{offer.receptionAgreement}</dd>
          </>
        )}
      </dl>
      {children && <div class="actions">{children}</div>}
      {coordinator && !retired && (
        <div class="actions">
          <button id={editButtonId(offer.id)} type="button" onClick={onEdit} aria-label={t.value.editLabel(service.name)}>
            {t.value.edit}
          </button>
          <button
            ref={retireButton}
            type="button"
            onClick={() => setConfirming(true)}
            aria-label={t.value.retireLabel(service.name)}
            aria-expanded={confirming}
            disabled={confirming}
          >
            {t.value.retire}
          </button>
        </div>
      )}
      {coordinator && confirming && (
        <div class="confirm" role="group" aria-labelledby={`${titleId}-retire`}>
          <p id={`${titleId}-retire`}>{t.value.retireQuestion(service.name)}</p>
          <div class="actions">
            <button
              type="button"
              class="danger"
              autoFocus
              disabled={retire.busy}
              onClick={() =>
                void retire
                  .run(() => client.retireOffer(offer.id))
                  .then((done) => {
                    if (!done) return;
                    setConfirming(false);
                    onRetired();
                  })
              }
            >
              {t.value.retireYes}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => retireButton.current?.focus());
              }}
            >
              {t.value.retireNo}
            </button>
          </div>
          <Alert message={retire.error} />
        </div>
      )}
    </article>
  );
}
