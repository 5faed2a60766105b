import type { Preview } from '@storybook/preact-vite';
import { setupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import { liveStreamHandler } from '../src/mocks/handlers.js';

// One mock service worker for the whole Storybook; each story brings its handlers in `parameters.msw`.
let worker: Promise<ReturnType<typeof setupWorker>> | undefined;

const preview: Preview = {
  loaders: [
    async ({ parameters }) => {
      worker ??= (async () => {
        const w = setupWorker(liveStreamHandler);
        await w.start({ quiet: true, onUnhandledRequest: 'bypass' });
        return w;
      })();
      (await worker).resetHandlers(...((parameters.msw as RequestHandler[] | undefined) ?? []));
      return {};
    },
  ],
  parameters: { layout: 'padded' },
};
export default preview;
