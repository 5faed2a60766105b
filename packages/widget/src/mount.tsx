import { render } from 'preact';
import type { HenvisHandle, HenvisMountOptions, HenvisTheme } from '@henvis/sdk';
import { css } from './styles.js';
import { WidgetRoot } from './widget-root.js';
import { createWidgetStore } from './widget-store.js';

const themeProperties: Record<Exclude<keyof HenvisTheme, 'density'>, string> = {
  colorPrimary: '--henvis-color-primary',
  colorOnPrimary: '--henvis-color-on-primary',
  colorText: '--henvis-color-text',
  colorBackground: '--henvis-color-background',
  colorBorder: '--henvis-color-border',
  colorDanger: '--henvis-color-danger',
  fontFamily: '--henvis-font-family',
  fontSize: '--henvis-font-size',
  radius: '--henvis-radius',
};

function applyTheme(host: HTMLElement, theme: HenvisTheme = {}) {
  for (const [key, property] of Object.entries(themeProperties)) {
    const value = theme[key as keyof typeof themeProperties];
    if (value) host.style.setProperty(property, value);
    else host.style.removeProperty(property);
  }
}

/** The consent and WHO-5 views work on one referral: without its id they could only fail later, and less clearly. */
function checkOptions(options: HenvisMountOptions) {
  if ((options.view === 'consent' || options.view === 'who5') && !options.referralId) {
    throw new Error(`Henvis: view "${options.view}" needs a referralId`);
  }
}

/** Mounts the widget into `element` (or the first element matching a selector), inside a shadow root. */
export function mount(element: string | HTMLElement, options: HenvisMountOptions): HenvisHandle {
  const target = typeof element === 'string' ? document.querySelector<HTMLElement>(element) : element;
  if (!target) throw new Error(`Henvis: no element matches ${typeof element === 'string' ? element : 'the element given'}`);
  checkOptions(options);
  const host = document.createElement('div');
  host.dataset.henvis = '';
  const shadow = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  if (options.cspNonce) style.nonce = options.cspNonce;
  style.textContent = css;
  const root = document.createElement('div');
  shadow.append(style, root);
  target.append(host);
  applyTheme(host, options.theme);

  const store = createWidgetStore(options);
  render(<WidgetRoot store={store} />, root);
  let state: 'starting' | 'ready' | 'unmounted' | 'destroyed' = 'starting';
  queueMicrotask(() => {
    if (state !== 'starting') return;
    state = 'ready';
    store.emit('ready', {});
  });

  const usable = (method: string) => {
    if (state === 'ready') return true;
    console.warn(
      `Henvis: ${method}() was called ${state === 'starting' ? 'before the widget was ready' : `after ${state === 'destroyed' ? 'destroy' : 'unmount'}()`}; nothing was done.`,
    );
    return false;
  };

  return {
    update(props) {
      if (!usable('update')) return;
      const next = { ...store.options.peek(), ...props };
      checkOptions(next);
      store.options.value = next;
      if (props.theme !== undefined) applyTheme(host, props.theme);
    },
    open() {
      if (usable('open')) store.dialogOpen.value = true;
    },
    unmount() {
      if (!usable('unmount')) return;
      state = 'unmounted';
      render(null, root);
      host.remove();
    },
    destroy() {
      if (state === 'destroyed') {
        console.warn('Henvis: destroy() was called twice; nothing was done.');
        return;
      }
      if (state !== 'unmounted') {
        render(null, root);
        host.remove();
      }
      state = 'destroyed';
      store.dispose();
    },
  };
}
