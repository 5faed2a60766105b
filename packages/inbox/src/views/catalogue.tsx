import { useRef, useState } from 'preact/hooks';
import { categoryLabels, type Offer, type OfferQuery } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { failureOf, useLoad } from '../use-load.js';
import { catalogueTexts } from './catalogue-texts.js';
import { OfferSearch } from './catalogue-search.js';
import { HsdsPanel } from './hsds-panel.js';
import { OfferCard, editButtonId } from './offer-card.js';
import { OfferForm } from './offer-form.js';
import { Alert } from '../alert.js';

const t = textsOf(catalogueTexts);

/** The offers catalogue: everyone searches it and sees the unmet needs; coordinators also keep it. */
export function Catalogue() {
  const { client, user } = useInbox();
  const coordinator = user.role === 'coordinator';
  const [query, setQuery] = useState<Partial<OfferQuery>>({});
  const [offers, reload] = useLoad((signal) => client.searchOffers(query, { signal }), [JSON.stringify(query)]);
  const [editing, setEditing] = useState<{ offer?: Offer }>();
  const newButton = useRef<HTMLButtonElement>(null);
  const [status, setStatus] = useState('');
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const open = (offer?: Offer) => {
    setStatus('');
    setEditing(offer ? { offer } : {});
  };
  // Back to the button that opened the form (Safari does not focus a clicked button, so not document.activeElement).
  const close = () => {
    const id = editing?.offer?.id;
    setEditing(undefined);
    requestAnimationFrame(() => (id ? document.getElementById(editButtonId(id)) : newButton.current)?.focus());
  };

  return (
    <div class="catalogue">
      <h1>{t.value.title}</h1>
      <p class="lead">{t.value.lead[coordinator ? 'coordinator' : 'navigator']}</p>
      {coordinator && (
        <div class="actions" hidden={!!editing}>
          <button ref={newButton} type="button" class="primary" onClick={() => open()}>
            {t.value.newOffer}
          </button>
        </div>
      )}
      {coordinator && editing && (
        <OfferForm
          key={editing.offer?.id ?? 'new'}
          {...(editing.offer ? { offer: editing.offer } : {})}
          onCancel={close}
          onSaved={(saved) => {
            close();
            setStatus(t.value.saved(saved.service.name));
            reload();
          }}
        />
      )}
      <p role="status" class="notice">
        {status}
      </p>
      <section aria-labelledby="offer-search-title">
        <h2 id="offer-search-title">{t.value.search.title}</h2>
        <OfferSearch idPrefix="offer" titleId="offer-search-title" retired={coordinator} onSearch={setQuery} />
      </section>
      <section aria-labelledby="offer-results-title">
        <h2 id="offer-results-title" tabIndex={-1} ref={resultsHeading}>
          {t.value.results}
        </h2>
        {offers.state === 'loading' && <p aria-busy="true">{t.value.loading}</p>}
        <Alert message={failureOf(offers)} />
        {offers.state === 'ready' &&
          (offers.value.length === 0 ? (
            <p class="empty">{t.value.empty}</p>
          ) : (
            <>
              <p class="count">{t.value.count(offers.value.length)}</p>
              <ul class="offer-list">
                {offers.value.map((offer) => (
                  <li key={offer.id}>
                    <OfferCard
                      offer={offer}
                      {...(coordinator
                        ? {
                            onEdit: () => open(offer),
                            onRetired: () => {
                              setStatus(t.value.retired(offer.service.name));
                              reload();
                              resultsHeading.current?.focus();
                            },
                          }
                        : {})}
                    />
                  </li>
                ))}
              </ul>
            </>
          ))}
      </section>
      <UnmetNeeds />
      {coordinator && <HsdsPanel onImported={reload} />}
    </div>
  );
}

function UnmetNeeds() {
  const { client } = useInbox();
  const [needs] = useLoad((signal) => client.unmetNeedSummary({ signal }), []);
  const u = t.value.unmet;
  return (
    <section aria-labelledby="unmet-title">
      <h2 id="unmet-title">{u.title}</h2>
      <p>{u.lead}</p>
      {needs.state === 'loading' && <p aria-busy="true">{u.loading}</p>}
      <Alert message={failureOf(needs)} />
      {needs.state === 'ready' &&
        (needs.value.length === 0 ? (
          <p class="empty">{u.empty}</p>
        ) : (
          <table class="data">
            <caption>{u.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{u.category}</th>
                <th scope="col">{u.area}</th>
                <th scope="col" class="number">
                  {u.count}
                </th>
                <th scope="col">{u.latest}</th>
              </tr>
            </thead>
            <tbody>
              {needs.value.map((need) => (
                <tr key={`${need.category}-${need.area}`}>
                  <th scope="row">{categoryLabels[locale.value][need.category]}</th>
                  <td>{need.area}</td>
                  <td class="number">{need.count}</td>
                  <td>{formatInstant(need.latest, 'date')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
