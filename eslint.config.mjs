// Lint TypeScript sources and tests; the browser pages in public/ are plain ES modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist.*/**', 'generated/**', 'site/**', 'node_modules/**', 'coverage/**', 'artifacts/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', EventSource: 'readonly', URL: 'readonly', FormData: 'readonly', XMLHttpRequest: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', navigator: 'readonly', location: 'readonly', atob: 'readonly', Blob: 'readonly', Intl: 'readonly', URLSearchParams: 'readonly', AbortController: 'readonly', performance: 'readonly', requestAnimationFrame: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs', '*.js', '*.mjs', 'tests/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', fetch: 'readonly', Buffer: 'readonly', performance: 'readonly', clearTimeout: 'readonly' } },
  },
);
