// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node built-ins, in both spellings, for the layers that must not touch Node. */
const nodeBuiltins = [
  'node:*',
  ...['fs', 'path', 'os', 'http', 'https', 'net', 'tls', 'child_process', 'inspector', 'v8', 'util', 'url'],
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
    },
  },
  {
    // core/ is pure: no Node, no DOM, no other layer.
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'core/ is pure: no Node built-ins.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/profiler-agent/**', '**/demo/**'],
              message: 'core/ imports no other layer.',
            },
          ],
        },
      ],
    },
  },
  {
    // The agent runs inside someone's service: Node built-ins only (types from core are erased).
    files: ['profiler-agent/**/*.ts'],
    ignores: ['profiler-agent/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!node:|[.])',
              message: 'The agent imports Node built-ins only (and types from core).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeBuiltins, message: 'The renderer never imports Node.' },
            {
              group: ['**/main/**', '**/preload/**', 'electron'],
              message: 'The renderer reaches the backend only through the bridge.',
            },
          ],
        },
      ],
    },
  },
);
