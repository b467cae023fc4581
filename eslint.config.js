// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist.*/**', 'scratch/**', 'data/**', 'coverage/**', 'bench/results*', '.vitest-results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The core stays pure: no adapter, no platform SDK, no dotenv, no environment.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '../adapters/*', '../../adapters/*'], message: 'src/ must not import an adapter.' },
            { group: ['@slack/*', 'discord.js', '@discordjs/*', 'dotenv', 'dotenv/*'], message: 'src/ must not import a platform SDK or dotenv.' },
          ],
        },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'src/ never reads process.env: take settings as arguments.' }],
    },
  },
  {
    // Imports point down: loading and the text pipeline know nothing of the engine,
    // and the engine knows nothing of maintenance (lint, live reload), which sits above it.
    files: ['src/knowledge/**/*.ts', 'src/text/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '../adapters/*', '../../adapters/*'], message: 'src/ must not import an adapter.' },
            { group: ['@slack/*', 'discord.js', '@discordjs/*', 'dotenv', 'dotenv/*'], message: 'src/ must not import a platform SDK or dotenv.' },
            { group: ['**/engine/**', '**/maintenance/**'], message: 'Imports point down: src/knowledge and src/text must not import the engine or maintenance.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '../adapters/*', '../../adapters/*'], message: 'src/ must not import an adapter.' },
            { group: ['@slack/*', 'discord.js', '@discordjs/*', 'dotenv', 'dotenv/*'], message: 'src/ must not import a platform SDK or dotenv.' },
            { group: ['**/maintenance/**'], message: 'Imports point down: the engine must not import maintenance.' },
          ],
        },
      ],
    },
  },
  {
    // Adapters reach the core only through its public entry point.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/src/*/**', '**/src/!(index.js)'], message: 'Adapters import only the core entry point (src/index.js).' }],
        },
      ],
    },
  },
);
