// ESLint for the whole workspace: typescript-eslint's strict type-checked rules on every TypeScript file, each
// checked with the tsconfig of its package (projectService), and the rules of hooks for the Preact components.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', '**/test/artifacts/', '.henvis-data/', 'packages/widget/.storybook/public/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Numbers and booleans read well in messages and SQL; objects still may not be stringified by accident.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `_`-prefixed names are deliberately unused (a destructured field left out, a callback's first argument).
      // `() => void save()` and `(e) => setText(e)` say what they do; a void in a longer body still has to stand alone.
      // `this: void` on the SDK's methods promises they may be taken off the client (`const { getPlan } = client`).
      '@typescript-eslint/no-invalid-void-type': ['error', { allowAsThisParameter: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // A test's answers are what its assertions check: JSON bodies are read as they came, and `!` after an
    // expectation that the thing is there is the test saying so. Fakes implement async interfaces without awaiting.
    files: ['**/*.test.{ts,tsx}', '**/*.test-d.ts', '**/test/**/*.ts', 'test/**/*.ts', '**/mocks/**/*.{ts,tsx}', '**/*.stories.tsx'],
    rules: {
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Type tests are compiled, never run: a method is named to read its type, a value is voided to use it.
    files: ['**/*.test-d.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // The rules of hooks, for Preact's hooks. Not the React Compiler's rules (immutability, refs, ...): they assume
    // React's immutable state, and @preact/signals is state that is meant to be assigned.
    files: ['packages/widget/src/**/*.tsx', 'packages/inbox/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['hosts/journal-script/*.js', 'packages/server/launch-page/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
