import { useEffect, useState } from 'preact/hooks';
import { Alert } from './alert.js';
import { textsOf } from './locale.js';
import { shellTexts } from './shell-texts.js';

const t = textsOf(shellTexts);

type ResultsViews = typeof import('./views/results-views.js');

let loading: Promise<ResultsViews> | undefined;

/**
 * The results views and Observable Plot, fetched the first time they are opened, so the inbox's own bundle stays
 * as small as it was. A failed fetch is forgotten, so "try again" fetches anew.
 */
export function loadResultsViews(): Promise<ResultsViews> {
  loading ??= import('./views/results-views.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** "Resultater" or its printable report, once their chunk is here. */
export function LazyResults({ view, query }: { view: 'results' | 'report'; query: string }) {
  const [views, setViews] = useState<ResultsViews>();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    loadResultsViews().then(
      (loaded) => live && setViews(loaded),
      () => live && setFailed(true),
    );
    return () => void (live = false);
  }, [attempt]);
  if (views) return view === 'report' ? <views.ResultsReport query={query} /> : <views.Results query={query} />;
  if (failed)
    return (
      <div class="results-failed">
        <Alert message={t.value.viewFailed} />
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t.value.retry}
        </button>
      </div>
    );
  return <p aria-busy="true">{t.value.loading}</p>;
}
