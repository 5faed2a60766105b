// Builds the widget twice: as a Module Federation remote (dist/remote) and as a self-contained script for hosts
// without a bundler (dist/script). Workspace packages are bundled from source through the `@henvis/source` condition.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';

const require = createRequire(import.meta.url);
/** @param {string} path a path relative to this file */
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const { peerDependencies, devDependencies } = require('./package.json');

/** @type {import('@rspack/core').Configuration} */
const common = {
  mode: 'production',
  context: here('.'),
  devtool: 'source-map',
  target: ['web', 'es2020'],
  resolve: {
    extensions: ['.ts', '.tsx', '.js'],
    extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
    conditionNames: ['@henvis/source', 'browser', 'import', 'module', 'default'],
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        loader: 'builtin:swc-loader',
        options: {
          jsc: {
            parser: { syntax: 'typescript', tsx: true },
            transform: { react: { runtime: 'automatic', importSource: 'preact' } },
          },
        },
        type: 'javascript/auto',
      },
    ],
  },
  optimization: { minimize: true },
  performance: { hints: false },
};

/**
 * Preact and signals are strict singletons: two copies of Preact in one page break hooks. The version is given
 * explicitly because the subpath packages (preact/hooks, preact/jsx-runtime) have no version of their own, and
 * the federation runtime would otherwise offer them as 1.0.0 and refuse them against ^10.
 * @param {keyof typeof peerDependencies & keyof typeof devDependencies} pkg a peer dependency that is also bundled
 */
const singleton = (pkg) => ({
  singleton: true,
  strictVersion: true,
  requiredVersion: peerDependencies[pkg],
  version: devDependencies[pkg], // pinned exactly: the version that is bundled
});

/** @type {import('@rspack/core').Configuration[]} */
const configs = [
  {
    ...common,
    name: 'remote',
    entry: {},
    output: {
      path: here('dist/remote'),
      publicPath: 'auto',
      uniqueName: 'henvis',
      clean: true,
      chunkFilename: '[name].[contenthash:8].js',
    },
    optimization: {
      ...common.optimization,
      splitChunks: {
        cacheGroups: {
          // A host without Preact loads the remote's copy: preact, preact/hooks and preact/jsx-runtime are one package
          // and always go together, so one file instead of three (a host that shares Preact loads none of them).
          // Signals stay apart: a host may share Preact and not signals.
          preact: { test: /[\\/]node_modules[\\/]preact[\\/]/, name: 'preact', chunks: 'async', enforce: true },
        },
      },
    },
    plugins: [
      new ModuleFederationPlugin({
        name: 'henvis',
        filename: 'remoteEntry.js',
        // The embed API (typed as `Henvis` in @henvis/sdk) is the one public surface; the views it mounts load
        // lazily behind it (lazy.ts). Named, so the build stats list its chunk group for the size check.
        exposes: {
          './embed': { import: './src/henvis.ts', name: 'expose-embed' },
        },
        shared: {
          preact: singleton('preact'),
          'preact/hooks': singleton('preact'),
          'preact/jsx-runtime': singleton('preact'),
          '@preact/signals': singleton('@preact/signals'),
        },
        // The host provides the Module Federation runtime (provideExternalRuntime), so the remote does not ship it.
        experiments: { externalRuntime: true },
        dts: false,
        manifest: false,
      }),
    ],
  },
  {
    ...common,
    name: 'script',
    entry: { henvis: './src/script-entry.ts' },
    output: {
      path: here('dist/script'),
      publicPath: 'auto',
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
  },
];
export default configs;
