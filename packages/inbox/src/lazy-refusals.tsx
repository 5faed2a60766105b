import { lazyChunk, LazyChunk } from './lazy-chunk.js';

/** The coordinator's control of refused access attempts, in a chunk of its own. */
export const loadRefusalsView = lazyChunk(() => import('./views/refusals.js'));

/** "Afviste adgangsforsøg", once its chunk is here. */
export function LazyRefusals({ query }: { query: string }) {
  return <LazyChunk load={loadRefusalsView} render={(views) => <views.Refusals query={query} />} />;
}
