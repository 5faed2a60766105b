import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Alert } from './alert.js';
import { textsOf } from './locale.js';
import { shellTexts } from './shell-texts.js';

const t = textsOf(shellTexts);

/**
 * A chunk of the inbox fetched the first time it is needed (a coordinator's page and what only it uses), so the
 * inbox's own bundle stays as small as it was. A failed fetch is forgotten, so "try again" fetches anew.
 */
export function lazyChunk<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** What `render` makes of the chunk once it is here; till then "Henter…", and after a failure a retry. */
export function LazyChunk<M>({ load, render }: { load: () => Promise<M>; render: (chunk: M) => ComponentChildren }) {
  const [chunk, setChunk] = useState<{ loaded: M }>();
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setFailed(false);
    load().then(
      (loaded) => live && setChunk({ loaded }),
      () => live && setFailed(true),
    );
    return () => void (live = false);
  }, [load, attempt]);
  if (chunk) return <>{render(chunk.loaded)}</>;
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
