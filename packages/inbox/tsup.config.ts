import { defineConfig } from 'tsup';

// One browser bundle with everything in it (Preact, the SDK, the OIDC client); index.html and the styles are
// copied from public/. The start script serves dist/ and fills in the API's and the issuer's URLs.
export default defineConfig({
  entry: { inbox: 'src/main.tsx' },
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  noExternal: [/.*/],
  minify: true,
  sourcemap: true,
  clean: true,
  publicDir: 'public',
  esbuildOptions(options) {
    options.conditions = ['@henvis/source', 'browser', 'module', 'import'];
    options.jsx = 'automatic';
    options.jsxImportSource = 'preact';
  },
});
