// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';

/**
 * The rules that keep `any` from spreading: values typed `any` passed, assigned, called, read or returned.
 * @param {'off' | 'error'} level
 */
const unsafeAny = (level) =>
  Object.fromEntries(['argument', 'assignment', 'call', 'member-access', 'return'].map((what) => [`@typescript-eslint/no-unsafe-${what}`, level]));

export default defineConfig(
  { ignores: ['dist/', 'out-tsc/', '.angular/', 'reports/', '.stryker-tmp/', 'e2e/artifacts/', 'data/', 'client/src/icons/'] },
  {
    files: ['**/*.ts'],
    // Type-aware: the whole lint stays well under a minute on two cores.
    extends: [eslint.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An async function without await is how a route handler, a migration source or a test double meets a
      // Promise-returning contract, and it turns a throw into a rejection.
      '@typescript-eslint/require-await': 'off',
      // Knex's builder callbacks (`.where((q) => q.whereNull(…))`) return the builder, a thenable.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // The stores map typed rows, so the server's own code handles no `any`. The client, the scripts and the
    // tests (supertest bodies are `any`) are not held to it yet.
    files: ['**/*.ts'],
    ignores: ['server/src/**/*.ts'],
    rules: unsafeAny('off'),
  },
  {
    // Tests read untyped response bodies and exceljs cells, and pass methods to expect() to spy on them.
    files: ['**/*.spec.ts', 'server/test/**/*.ts', 'e2e/**/*.ts', 'client/src/testing/**/*.ts'],
    rules: {
      ...unsafeAny('off'),
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['client/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
    },
  },
  {
    // Specs build their test hosts' templates with `${…}`, which the inline-template processor cannot read.
    files: ['client/src/**/*.ts'],
    ignores: ['client/src/**/*.spec.ts'],
    processor: angular.processInlineTemplates,
  },
  {
    files: ['client/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },
  prettier,
);
