import { Launcher } from './launcher.js';
import { StatusList } from './status-list.js';
import type { WidgetStore } from './widget-store.js';

export function WidgetRoot({ store }: { store: WidgetStore }) {
  const { view = 'both', locale = 'da', theme } = store.options.value;
  return (
    <div class="henvis" lang={locale} data-density={theme?.density ?? 'comfortable'}>
      {view !== 'status' && <Launcher store={store} />}
      {view !== 'launcher' && <StatusList store={store} />}
    </div>
  );
}
