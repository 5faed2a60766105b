import { useSignal, useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { ReferralDialog } from './referral-dialog.js';
import type { WidgetStore } from './widget-store.js';

/** The "Social henvisning" button. The dialog is a separate chunk, loaded on the first click. */
export function Launcher({ store }: { store: WidgetStore }) {
  const Dialog = useSignal<typeof ReferralDialog | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const t = store.t.value;
  const pending = store.pending.value;

  useSignalEffect(() => {
    if (!store.dialogOpen.value || Dialog.peek()) return;
    import('./referral-dialog.js').then(
      (module) => (Dialog.value = module.ReferralDialog),
      () => {
        store.dialogOpen.value = false;
        store.reportError('network_error');
      },
    );
  });

  const close = () => {
    store.dialogOpen.value = false;
    button.current?.focus();
  };

  return (
    <>
      <span class="launcher">
        <button ref={button} type="button" class="primary" aria-haspopup="dialog" onClick={() => (store.dialogOpen.value = true)}>
          {t.launcher}
        </button>
        {pending > 0 && (
          <span class="badge" role="status">
            {t.queuedBadge(pending)}
          </span>
        )}
      </span>
      {store.dialogOpen.value && Dialog.value && <Dialog.value store={store} onClose={close} />}
    </>
  );
}
