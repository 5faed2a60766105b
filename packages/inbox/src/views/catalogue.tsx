import { useRef, useState } from 'preact/hooks';
import { needCategoryLabels, offerCategoryLabel, type Offer, type OfferQuery, type Weekday } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { failureOf, useLoad } from '../use-load.js';
import { catalogueTexts } from './catalogue-texts.js';
import { HsdsPanel } from './hsds-panel.js';
import { OfferCard, editButtonId } from './offer-card.js';
import { OfferForm } from './offer-form.js';
import { weekdays } from './offer-draft.js';
import { Alert } from '../alert.js';

const t = textsOf(catalogueTexts);

interface Criteria {
  q: string;
  category: string;
  area: string;
  weekday: '' | Weekday;
  time: string;
  includeRetired: boolean;
}
const noCriteria: Criteria = { q: '', category: '', area: '', weekday: '', time: '', includeRetired: false };

function queryOf(c: Criteria): Partial<OfferQuery> {
  const query: Partial<OfferQuery> = {};
  for (const key of ['q', 'category', 'area', 'time'] as const) if (c[key].trim()) query[key] = c[key].trim();
  if (c.weekday) query.weekday = c.weekday;
  if (c.includeRetired) query.includeRetired = 'true';
  return query;
}

/** The offers catalogue: everyone searches it and sees the unmet needs; coordinators also keep it. */
export function Catalogue() {
  const { client, user } = useInbox();
  const coordinator = user.role === 'coordinator';
  const [criteria, setCriteria] = useState(noCriteria);
  const [query, setQuery] = useState<Partial<OfferQuery>>({});
  const [offers, reload] = useLoad((signal) => client.searchOffers(query, { signal }), [JSON.stringify(query)]);
  // Every category seen in a result so far: the first, unfiltered load shows them all.
  const seen = useRef(new Set<string>());
  if (offers.state === 'ready') for (const offer of offers.value) for (const c of offer.categories) seen.current.add(c);
  const categories = [...seen.current].sort((a, b) =>
    offerCategoryLabel(a, locale.value).localeCompare(offerCategoryLabel(b, locale.value), locale.value),
  );
  const [editing, setEditing] = useState<{ offer?: Offer }>();
  const newButton = useRef<HTMLButtonElement>(null);
  const [status, setStatus] = useState('');
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  const set = <K extends keyof Criteria>(key: K, value: Criteria[K]) => setCriteria((c) => ({ ...c, [key]: value }));
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
  const s = t.value.search;

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
        <h2 id="offer-search-title">{s.title}</h2>
        <form
          class="search"
          role="search"
          aria-labelledby="offer-search-title"
          onSubmit={(e) => {
            e.preventDefault();
            setQuery(queryOf(criteria));
          }}
        >
          <div class="field">
            <label for="offer-q">{s.q}</label>
            <input id="offer-q" type="search" value={criteria.q} onInput={(e) => set('q', e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="offer-category">{s.category}</label>
            <select id="offer-category" value={criteria.category} onChange={(e) => set('category', e.currentTarget.value)}>
              <option value="">{s.allCategories}</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {offerCategoryLabel(c, locale.value)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="offer-area">{s.area}</label>
            <input id="offer-area" value={criteria.area} onInput={(e) => set('area', e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="offer-weekday">{s.weekday}</label>
            <select
              id="offer-weekday"
              value={criteria.weekday}
              onChange={(e) => set('weekday', e.currentTarget.value as Criteria['weekday'])}
            >
              <option value="">{s.anyWeekday}</option>
              {weekdays.map((d) => (
                <option key={d} value={d}>
                  {t.value.weekdays[d]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="offer-time">{s.time}</label>
            <input id="offer-time" type="time" value={criteria.time} onInput={(e) => set('time', e.currentTarget.value)} />
          </div>
          {coordinator && (
            <label class="check">
              <input type="checkbox" checked={criteria.includeRetired} onChange={(e) => set('includeRetired', e.currentTarget.checked)} />
              {s.includeRetired}
            </label>
          )}
          <div class="actions">
            <button type="submit" class="primary">
              {s.submit}
            </button>
            <button
              type="button"
              onClick={() => {
                setCriteria(noCriteria);
                setQuery({});
              }}
            >
              {s.reset}
            </button>
          </div>
        </form>
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
                      coordinator={coordinator}
                      onEdit={() => open(offer)}
                      onRetired={() => {
                        setStatus(t.value.retired(offer.service.name));
                        reload();
                        resultsHeading.current?.focus();
                      }}
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
                  <th scope="row">{needCategoryLabels[locale.value][need.category]}</th>
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
