import type { StorybookConfig } from '@storybook/preact-vite';

/** Every state of the widget, against the same msw handlers as the component tests (src/mocks/handlers.ts). */
const config: StorybookConfig = {
  framework: '@storybook/preact-vite',
  stories: ['../src/**/*.stories.tsx'],
  // `msw init` writes the mock service worker here before Storybook starts (see the `storybook` script).
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => ({
    ...vite,
    resolve: { ...vite.resolve, conditions: ['@henvis/source', 'browser', 'module', 'import', 'default'] },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
};
export default config;
