import { clientErrorCatalog } from '@henvis/contracts';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useLazyComponent } from './lazy.js';
import type { WidgetStore } from './widget-store.js';

/** The "Social henvisning" button. The dialog is a separate chunk, loaded on the first click. */
export function Launcher({ store }: { store: WidgetStore }) {
  const { Component: Dialog } = useLazyComponent(
    () => store.dialogOpen.value,
    () => import(/* webpackChunkName: "dialog" */ './dialog/referral-dialog.js').then((m) => m.ReferralDialog),
    () => {
      store.dialogOpen.value = false;
      store.reportError('network_error', clientErrorCatalog.network_error[store.options.peek().locale ?? 'da']);
    },
  );
  const button = useRef<HTMLButtonElement>(null);
  const t = store.t.value;
  const pending = store.pending.value;
  const open = store.dialogOpen.value;

  // Focus goes back to the button once the dialog is gone: while the modal dialog is still there, everything
  // outside it is inert, and focusing the button then left focus on the page's <body> when the dialog went.
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (open) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      button.current?.focus();
    }
  }, [open]);
  const close = () => (store.dialogOpen.value = false);

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
      {open && Dialog && <Dialog store={store} onClose={close} />}
    </>
  );
}
