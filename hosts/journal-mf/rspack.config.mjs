// The journal as a Module Federation host. It registers the Henvis remote at runtime (the widget's URL is the
// deployment's business, not the build's), provides the federation runtime that the remote leaves out
// (experiments.externalRuntime there, provideExternalRuntime here), and shares nothing: it has no Preact, so
// the remote brings its own.
import { fileURLToPath } from 'node:url';
import { ModuleFederationPlugin } from '@module-federation/enhanced/rspack';
import { rspack } from '@rspack/core';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  mode: 'production',
  context: here('.'),
  devtool: 'source-map',
  target: ['web', 'es2020'],
  entry: { journal: './src/index.ts' },
  output: {
    path: here('dist'),
    publicPath: 'auto',
    uniqueName: 'journal_mf',
    clean: true,
    filename: '[name].js',
    chunkFilename: '[name].[contenthash:8].js',
  },
  resolve: { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } },
  module: {
    rules: [
      { test: /\.ts$/, loader: 'builtin:swc-loader', options: { jsc: { parser: { syntax: 'typescript' } } }, type: 'javascript/auto' },
    ],
  },
  plugins: [
    new ModuleFederationPlugin({
      name: 'journal_mf',
      remotes: {},
      shared: {},
      experiments: { provideExternalRuntime: true },
      dts: false,
      manifest: false,
    }),
    new rspack.CopyRspackPlugin({ patterns: [{ from: 'public' }] }),
  ],
  performance: { hints: false },
};
