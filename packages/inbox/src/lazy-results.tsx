import { lazyChunk, LazyChunk } from './lazy-chunk.js';

/** The results views and Observable Plot, fetched the first time they are opened (lazy-chunk.tsx). */
export const loadResultsViews = lazyChunk(() => import('./views/results-views.js'));

/** "Resultater" or its printable report, once their chunk is here. */
export function LazyResults({ view, query }: { view: 'results' | 'report'; query: string }) {
  return (
    <LazyChunk
      load={loadResultsViews}
      render={(views) => (view === 'report' ? <views.ResultsReport query={query} /> : <views.Results query={query} />)}
    />
  );
}
