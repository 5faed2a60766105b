import { clientErrorCatalog } from '@henvis/contracts';
import type { HenvisView } from '@henvis/sdk';
import { Launcher } from './launcher.js';
import { useLazyComponent } from './lazy.js';
import type { WidgetStore } from './widget-store.js';

export function WidgetRoot({ store }: { store: WidgetStore }) {
  const { view = 'both', locale = 'da', theme } = store.options.value;
  // Each view beyond the launcher is its own chunk: a host that mounts only the launcher in its toolbar loads none
  // of them, and one that mounts the consents does not pay for the status list or WHO-5.
  const shows =
    (...views: HenvisView[]) =>
    () =>
      views.includes(store.options.value.view ?? 'both');
  const failed = () => store.reportError('network_error', clientErrorCatalog.network_error[store.options.peek().locale ?? 'da']);
  const status = useLazyComponent(
    shows('status', 'both'),
    () => import(/* webpackChunkName: "status" */ './status/status-list.js').then((m) => m.StatusList),
    failed,
  );
  const consent = useLazyComponent(
    shows('consent'),
    () => import(/* webpackChunkName: "consent" */ './consent/consent-panel.js').then((m) => m.ConsentPanel),
    failed,
  );
  const who5 = useLazyComponent(
    shows('who5'),
    () => import(/* webpackChunkName: "who5" */ './who5/who5-form.js').then((m) => m.Who5Form),
    failed,
  );
  const part = view === 'consent' ? consent : view === 'who5' ? who5 : view === 'launcher' ? null : status;
  const t = store.t.value;
  return (
    <div class="henvis" lang={locale} data-density={theme?.density ?? 'comfortable'}>
      {(view === 'launcher' || view === 'both') && <Launcher store={store} />}
      {part?.Component && <part.Component store={store} />}
      {/* Not RetryAlert: importing it here moves the views' shared modules into the launcher's chunk (+0.4 KB). */}
      {part?.failed && (
        <p role="alert">
          {part === status ? t.statusError : clientErrorCatalog.network_error[locale]}{' '}
          <button type="button" onClick={part.retry}>
            {t.retry}
          </button>
        </p>
      )}
    </div>
  );
}
