import { within } from '@testing-library/preact';
import { vi } from 'vitest';
import type { HenvisHandle, HenvisMountOptions, OnConsentRecorded, OnConsentWithdrawn, OnError, OnMessageReceived, OnWho5Recorded } from '@henvis/sdk';
import { mount } from '../mount.js';
import { MOCK_API, demoContext } from './handlers.js';

const mounted: HenvisHandle[] = [];

/** For component tests: the widget mounted through the embed API, with spies on the events these views emit. */
export function mountWidget(overrides: Partial<HenvisMountOptions>) {
  const element = document.createElement('div');
  document.body.append(element);
  const callbacks = {
    onConsentRecorded: vi.fn<OnConsentRecorded>(),
    onConsentWithdrawn: vi.fn<OnConsentWithdrawn>(),
    onWho5Recorded: vi.fn<OnWho5Recorded>(),
    onMessageReceived: vi.fn<OnMessageReceived>(),
    onError: vi.fn<OnError>(),
  };
  const handle = mount(element, { apiUrl: MOCK_API, context: demoContext, getToken: () => 'test-token', ...callbacks, ...overrides });
  mounted.push(handle);
  const shadow = element.querySelector<HTMLElement>('[data-henvis]')!.shadowRoot!;
  const root = [...shadow.children].find((child): child is HTMLElement => child.tagName === 'DIV')!;
  return { handle, callbacks, shadow, ui: within(root) };
}

/** Destroys what `mountWidget` mounted; call after each test. */
export function unmountAll() {
  for (const handle of mounted.splice(0)) handle.destroy();
  document.body.innerHTML = '';
}
