import { configure, within } from '@testing-library/preact';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type {
  HenvisHandle,
  HenvisMountOptions,
  OnConsentRecorded,
  OnConsentWithdrawn,
  OnError,
  OnMessageReceived,
  OnWho5Recorded,
} from '@henvis/sdk';
import { mount } from '../mount.js';
import { MOCK_API, apiHandlers, createMockApi, demoContext, seedReferral, type MockApi } from './handlers.js';

// The first test of a file loads the widget's lazy parts cold; on a loaded 2-core machine that took over the
// default second of waiting (the CI run of 2 December: 1.23 s).
configure({ asyncUtilTimeout: 5000 });

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

/**
 * For the tests of the views on one referral (consents, WHO-5): a fresh mock API behind msw for each test, with one
 * contacted referral, handed to `fresh`; the day is 24 November 2026 (only Date is faked, so msw and waitFor keep
 * real timers). Returns the msw server, for a test's own handlers.
 */
export function setupReferralMockApi(fresh: (mock: { api: MockApi; referralId: string }) => void): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T10:00:00Z'));
    const api = createMockApi();
    fresh({ api, referralId: seedReferral(api, 'contacted').id });
    server.use(...apiHandlers(api));
  });
  afterEach(() => {
    unmountAll();
    server.resetHandlers();
    vi.useRealTimers();
  });
  afterAll(() => server.close());
  return server;
}
