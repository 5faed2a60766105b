import { Launcher } from './launcher.js';
import { useLazyComponent } from './lazy.js';
import type { WidgetStore } from './widget-store.js';

export function WidgetRoot({ store }: { store: WidgetStore }) {
  const { view = 'both', locale = 'da', theme } = store.options.value;
  // The status list is its own chunk: a host that mounts only the launcher in its toolbar does not load it.
  const status = useLazyComponent(
    () => store.options.value.view !== 'launcher',
    () => import(/* webpackChunkName: "status" */ './status-list.js').then((m) => m.StatusList),
    () => store.reportError('network_error'),
  );
  const t = store.t.value;
  return (
    <div class="henvis" lang={locale} data-density={theme?.density ?? 'comfortable'}>
      {view !== 'status' && <Launcher store={store} />}
      {view !== 'launcher' && status.Component && <status.Component store={store} />}
      {view !== 'launcher' && status.failed && (
        <p role="alert">
          {t.statusError}{' '}
          <button type="button" onClick={status.retry}>
            {t.retry}
          </button>
        </p>
      )}
    </div>
  );
}
