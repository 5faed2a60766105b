import { useEffect, useState } from 'preact/hooks';
import {
  agreedOfferLinks,
  canMoveOfferLink,
  categoriesByName,
  categoryLabels,
  offerLinkStateLabels,
  offerLinkStates,
  type Category,
  type OfferLink,
  type Offer,
  type OfferQuery,
  type Referral,
} from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { failureOf } from '../use-load.js';
import { catalogueTexts } from './catalogue-texts.js';
import { OfferSearch } from './catalogue-search.js';
import { courseWorkTexts } from './course-work-texts.js';
import { OfferCard } from './offer-card.js';
import { useOfferLinks } from './offer-links.js';
import { Alert } from '../alert.js';

const t = textsOf(courseWorkTexts);
const c = textsOf(catalogueTexts);

/** Since when a link is in its state: the date of its latest step, in brackets. */
const since = (link: OfferLink) => {
  const latest = link.history.at(-1);
  return latest ? `(${formatInstant(latest.at, 'date')})` : '';
};

/** Offers linked to the course and how each goes; finding one in the catalogue; an unmet need when none fits. */
export function OffersSection({ referral, onChange }: { referral: Referral; onChange: () => void }) {
  const { client } = useInbox();
  const [links, linksChanged] = useOfferLinks(referral.id);
  // What the navigator last looked for: the unmet need that no offer met starts from it.
  const [searched, setSearched] = useState<Partial<OfferQuery>>({});
  const move = useAction();
  const tx = t.value;
  const l = locale.value;
  const changed = () => {
    linksChanged();
    onChange();
  };

  return (
    <section class="card" aria-labelledby="offers-title">
      <h2 id="offers-title">{tx.offers}</h2>
      <Alert message={failureOf(links)} />
      {links.state === 'ready' &&
        (links.value.length === 0 ? (
          <p class="muted">{tx.noLinks}</p>
        ) : (
          <ul class="entries">
            {links.value.map((link) => (
              <li key={link.id}>
                <strong>{link.offerName}</strong> · {offerLinkStateLabels[l][link.state]} {since(link)}
                <div class="buttons">
                  {offerLinkStates
                    .filter((to) => canMoveOfferLink(link, to, new Date()))
                    .map((to) => (
                      <button
                        key={to}
                        disabled={move.busy}
                        onClick={() =>
                          void move.run(async () => {
                            await client.moveOfferLink(referral.id, link.id, to);
                            changed();
                          })
                        }
                      >
                        {tx.moveTo(offerLinkStateLabels[l][to])}
                      </button>
                    ))}
                </div>
              </li>
            ))}
          </ul>
        ))}
      <Alert message={move.error} />
      <OfferFinder
        referral={referral}
        linked={links.state === 'ready' ? agreedOfferLinks(links.value).map((k) => k.offerId) : []}
        onLinked={changed}
        onSearched={setSearched}
      />
      <UnmetNeedForm referral={referral} searched={searched} />
    </section>
  );
}

/** The catalogue's own search (category, area, weekday, time, text) and offer cards, each with a "link" button. */
function OfferFinder({
  referral,
  linked,
  onLinked,
  onSearched,
}: {
  referral: Referral;
  linked: string[];
  onLinked: () => void;
  onSearched: (query: Partial<OfferQuery>) => void;
}) {
  const { client } = useInbox();
  const search = useAction();
  const link = useAction();
  const [hits, setHits] = useState<Offer[] | undefined>();
  const tx = t.value;
  const find = (query: Partial<OfferQuery>) => {
    onSearched(query);
    void search.run(async () => setHits(await client.searchOffers(query)));
  };
  return (
    <details class="offer-finder">
      <summary id="course-offer-search-title">{tx.findOffer}</summary>
      <div class="catalogue">
        <OfferSearch idPrefix="course-offer" titleId="course-offer-search-title" onSearch={find} />
        <Alert message={search.error || link.error} />
        {hits && hits.length === 0 && <p class="empty">{tx.noHits}</p>}
        {hits && hits.length > 0 && (
          <>
            <p class="count" role="status">
              {c.value.count(hits.length)}
            </p>
            <ul class="offer-list">
              {hits.map((offer) => (
                <li key={offer.id}>
                  <OfferCard offer={offer}>
                    {linked.includes(offer.id) ? (
                      <span class="muted">{tx.alreadyLinked}</span>
                    ) : (
                      <button
                        type="button"
                        aria-label={tx.link(offer.service.name)}
                        disabled={link.busy}
                        onClick={() =>
                          void link.run(async () => {
                            await client.linkOffer(referral.id, offer.id);
                            onLinked();
                          })
                        }
                      >
                        {tx.linkShort}
                      </button>
                    )}
                  </OfferCard>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  );
}

/** A need no offer met, in the catalogue's categories: it starts from the category and area last searched for. */
function UnmetNeedForm({ referral, searched }: { referral: Referral; searched: Partial<OfferQuery> }) {
  const { client } = useInbox();
  const action = useAction();
  const [category, setCategory] = useState<Category>('community');
  const [area, setArea] = useState('');
  useEffect(() => {
    if (searched.category) setCategory(searched.category);
    if (searched.area) setArea(searched.area);
  }, [searched]);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const tx = t.value;
  const l = locale.value;
  return (
    <details>
      <summary>{tx.unmetNeed}</summary>
      <form
        class="grid"
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          void action.run(async () => {
            await client.recordUnmetNeed({
              referralId: referral.id,
              category,
              area: area.trim(),
              ...(note.trim() ? { note: note.trim() } : {}),
            });
            setSaved(true);
            setNote('');
          });
        }}
      >
        <label>
          {tx.needCategory}
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value as Category)}>
            {categoriesByName(l).map((code) => (
              <option key={code} value={code}>
                {categoryLabels[l][code]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {tx.area}
          <input required maxLength={100} value={area} onInput={(e) => setArea(e.currentTarget.value)} />
        </label>
        <label class="wide">
          {tx.needNote}
          <textarea rows={2} maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <Alert message={action.error} wide />
        <div class="buttons wide">
          <button type="submit" disabled={action.busy}>
            {tx.saveNeed}
          </button>
          {saved && <span role="status">{tx.needSaved}</span>}
        </div>
      </form>
    </details>
  );
}
