import { useState } from 'preact/hooks';
import {
  canMoveOfferLink,
  needCategories,
  needCategoryLabels,
  offerLinkStateLabels,
  offerLinkStates,
  type NeedCategory,
  type OfferLink,
  type Offer,
  type Referral,
} from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { formatInstant, locale, textsOf } from '../locale.js';
import { useAction } from '../use-action.js';
import { failureOf, useLoad } from '../use-load.js';
import { courseWorkTexts } from './course-work-texts.js';
import { Alert } from '../alert.js';

const t = textsOf(courseWorkTexts);

/** Offers linked to the course and how each goes; finding one in the catalogue; an unmet need when none fits. */
/** Since when a link is in its state: the date of its latest step, in brackets. */
const since = (link: OfferLink) => {
  const latest = link.history.at(-1);
  return latest ? `(${formatInstant(latest.at, 'date')})` : '';
};

export function OffersSection({ referral, onChange }: { referral: Referral; onChange: () => void }) {
  const { client } = useInbox();
  const [links, reload] = useLoad((signal) => client.listOfferLinks(referral.id, { signal }), [referral.id]);
  const move = useAction();
  const tx = t.value;
  const l = locale.value;
  const changed = () => {
    reload();
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
      <OfferFinder referral={referral} linked={links.state === 'ready' ? links.value.map((k) => k.offerId) : []} onLinked={changed} />
      <UnmetNeedForm referral={referral} />
    </section>
  );
}

function OfferFinder({ referral, linked, onLinked }: { referral: Referral; linked: string[]; onLinked: () => void }) {
  const { client } = useInbox();
  const search = useAction();
  const link = useAction();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Offer[] | undefined>();
  const tx = t.value;
  return (
    <details>
      <summary>{tx.findOffer}</summary>
      <form
        class="inline"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          void search.run(async () => setHits(await client.searchOffers(q.trim() ? { q: q.trim() } : {})));
        }}
      >
        <label>
          {tx.offerSearch}
          <input type="search" value={q} maxLength={100} onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={search.busy}>
          {tx.search}
        </button>
      </form>
      <Alert message={search.error || link.error} />
      {hits && hits.length === 0 && <p>{tx.noHits}</p>}
      {hits && hits.length > 0 && (
        <ul class="entries">
          {hits.map((offer) => (
            <li key={offer.id}>
              <strong>{offer.service.name}</strong> · {offer.organization.name}
              {offer.location && <span class="muted"> · {offer.location.address.city}</span>}
              {!linked.includes(offer.id) && (
                <button
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
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

function UnmetNeedForm({ referral }: { referral: Referral }) {
  const { client } = useInbox();
  const action = useAction();
  const [category, setCategory] = useState<NeedCategory>('community');
  const [area, setArea] = useState('');
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
          <select value={category} onChange={(e) => setCategory(e.currentTarget.value as NeedCategory)}>
            {needCategories.map((c) => (
              <option key={c} value={c}>
                {needCategoryLabels[l][c]}
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
