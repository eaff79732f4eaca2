// Lint for the whole tree (`npm run lint`, part of `npm test`). The type checker runs as
// `tsc --noEmit`; on top of it, three type-aware rules that catch real bugs a type check lets
// through (a promise nobody awaits, a promise where a callback's result is ignored, an await of
// something that is no promise), with the types of tsconfig.json (projectService). They cost
// time: README.md, Contributing, has the figures. Prettier owns the layout, so
// eslint-config-prettier comes last.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import local from './eslint/lib-boundaries.mjs';

/**
 * Which lib may import which, through `@app/<lib>` only. Derived from the imports as they are,
 * pointing one way: i18n (the working languages and their catalogues) under everything, core at
 * the bottom of the rest, the pure libs (procedure, stv) beside it, then registry,
 * then what builds on it. A lib missing here may import no other lib.
 */
const ALLOWED = {
  i18n: [],
  core: ['i18n'],
  procedure: [],
  stv: [],
  registry: ['core', 'procedure', 'i18n'],
  notices: ['core', 'registry', 'procedure', 'i18n'],
  panels: ['core', 'registry', 'notices', 'procedure', 'stv', 'i18n'],
  hearings: ['core', 'registry', 'notices', 'panels', 'procedure', 'i18n'],
  rulings: ['core', 'registry', 'notices', 'panels', 'procedure', 'i18n'],
  // The public pages read through the GraphQL schema; they may use any lib's exported helpers.
  site: ['core', 'registry', 'notices', 'panels', 'hearings', 'rulings', 'procedure', 'i18n'],
};

/**
 * Folders that must run with node alone: no framework, no other lib, nothing outside themselves.
 * The engine and the count live in registry and panels today and move to libs/procedure and
 * libs/stv; both places are listed so the rule holds before and after the move.
 */
const PURE = ['libs/procedure', 'libs/stv', 'libs/i18n', 'libs/registry/src/procedure', 'libs/panels/src/count'];
const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'graphql', 'class-validator', 'class-transformer', 'express', 'fastify', 'pg'];
const BOUNDARIES = { root: import.meta.dirname, allowed: ALLOWED, pure: PURE, frameworks: FRAMEWORKS };

export default defineConfig(
  { ignores: ['dist/', 'coverage/', '.data/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { local },
    rules: {
      'local/lib-boundaries': ['error', BOUNDARIES],
      // Leaving a key out by destructuring it into a rest object is how this code omits a field.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // TypeORM types entities and migrations as Function (MixedList<Function>), and so do we.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    // Every TypeScript file is in tsconfig.json (apps, libs, migrations, e2e, bench, scripts).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Fire and forget only where meant, and then said: `void promise` with a comment why.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // The few plain JavaScript files (jest.config.js) are CommonJS modules run by node.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly' } },
  },
  {
    // The one exception. Jest requires its global setup in its own process, where a lone test
    // file then runs too (in band); with @app/core loaded there, that test's GraphQL schema fails
    // to build ("Cannot determine a GraphQL output type"). So the setup takes core's
    // framework-free database and key helpers by path: these three modules, nothing else.
    files: ['e2e/setup/global-setup.ts', 'e2e/setup/global-teardown.ts', 'e2e/setup/test-database.ts'],
    rules: {
      'local/lib-boundaries': [
        'error',
        {
          ...BOUNDARIES,
          byPath: ['libs/core/src/database/embedded-postgres', 'libs/core/src/database/database-roles', 'libs/core/src/audit/audit-keys'],
        },
      ],
    },
  },
  {
    files: ['e2e/**', 'bench/**'],
    rules: {
      // GraphQL answers and raw SQL rows are read here as untyped JSON; the assertions check them.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  prettier,
);
