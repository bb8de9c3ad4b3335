import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'vigie-data/**', '.vigie-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Pure packages: no I/O and nothing from the service, so they run in browsers and other tools.
    files: ['packages/hashing/src/**/*.ts', 'packages/matching/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'child_process', 'net', 'http', 'https'],
              message: 'pure package: no I/O',
            },
            {
              group: ['@vigie/server*', '@vigie/cli*', '@vigie/web*', '@vigie/classify*'],
              message: 'pure package: no service imports',
            },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way: the service never imports the CLI or the console.
    files: ['packages/server/src/**/*.ts', 'packages/classify/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@vigie/cli*', '@vigie/web*'], message: 'dependencies point one way' }] },
      ],
    },
  },
);
