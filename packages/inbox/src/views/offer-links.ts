import { useCallback, useEffect } from 'preact/hooks';
import type { OfferLink } from '@henvis/contracts';
import { useInbox } from '../client-context.js';
import { useLoad, type Loaded } from '../use-load.js';

/** Every view of a course's offer links that is on screen, by referral: a change in one reloads them all. */
const reloaders = new Map<string, Set<() => void>>();

/**
 * The offers linked to a course, for each part of the course page that shows them (the offers section and the
 * plan's agreed offers): `changed()` after linking or moving one reloads every part that shows them.
 */
export function useOfferLinks(referralId: string): [Loaded<OfferLink[]>, () => void] {
  const { client } = useInbox();
  const [links, reload] = useLoad((signal) => client.listOfferLinks(referralId, { signal }), [referralId]);
  useEffect(() => {
    const views = reloaders.get(referralId) ?? new Set();
    reloaders.set(referralId, views.add(reload));
    return () => {
      views.delete(reload);
      if (!views.size) reloaders.delete(referralId);
    };
  }, [referralId, reload]);
  const changed = useCallback(() => reloaders.get(referralId)?.forEach((r) => r()), [referralId]);
  return [links, changed];
}
