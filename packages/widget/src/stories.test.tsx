// @vitest-environment happy-dom
/** Runs every story and its play function, so each state in Storybook is also a test that fails when it breaks. */
import { cleanup, render } from '@testing-library/preact';
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { liveStreamHandler } from './mocks/handlers.js';
import { configure } from 'storybook/test';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as consentStories from './consent/consent-panel.stories.js';
import * as statusStories from './status/status-list.stories.js';
import * as dialogStories from './dialog/referral-dialog.stories.js';
import * as who5Stories from './who5/who5-form.stories.js';

// The first story to show a lazily loaded chunk pays for compiling it here, which a loaded CI machine makes slow.
configure({ asyncUtilTimeout: 5000 });
// Every story's widget listens live; its handlers may leave the stream out.
const server = setupServer(liveStreamHandler);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
});
afterAll(() => server.close());

interface StoryLike {
  args?: Record<string, unknown>;
  parameters?: { msw?: RequestHandler[] };
  play?: (context: { canvasElement: HTMLElement; args: Record<string, unknown> }) => Promise<void>;
}

for (const { default: meta, ...stories } of [dialogStories, statusStories, consentStories, who5Stories]) {
  describe(meta.title, () => {
    // A play function is typed for Storybook's whole context; the stories use only the canvas and the args.
    for (const [name, story] of Object.entries(stories as unknown as Record<string, StoryLike>)) {
      it(`${name}: shows its state`, async () => {
        expect(story.play, `${name} has no play function to check its state`).toBeTypeOf('function');
        server.use(...(story.parameters?.msw ?? meta.parameters.msw));
        const args = { ...meta.args, ...story.args };
        const Component = meta.component;
        const { container } = render(<Component {...args} />);
        await story.play!({ canvasElement: container as HTMLElement, args });
      }, 15_000);
    }
  });
}
