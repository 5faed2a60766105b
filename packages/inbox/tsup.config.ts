import { defineConfig } from 'tsup';
import { shared } from '../../tsup.shared.js';

// An app, not a library: one minified browser bundle with everything in it (Preact, the SDK, the OIDC client),
// built from the workspace packages' sources; index.html and the styles are copied from public/. The start script
// serves dist/ and fills in the API's and the issuer's URLs.
export default defineConfig({
  ...shared,
  entry: { inbox: 'src/main.tsx' },
  platform: 'browser',
  noExternal: [/.*/],
  minify: true,
  // An app served to the public: no map that hands out its whole source.
  sourcemap: false,
  publicDir: 'public',
  esbuildOptions(options) {
    options.conditions = ['@henvis/source', 'browser', 'module', 'import'];
    options.jsx = 'automatic';
    options.jsxImportSource = 'preact';
  },
});
