// One jest run for everything: unit specs beside the code (milliseconds, no database) and the
// e2e scenarios (a real PostgreSQL, one database per file cloned from a migrated template).
const moduleNameMapper = {
  '^@app/core$': '<rootDir>/libs/core/src',
  '^@app/procedure$': '<rootDir>/libs/procedure/src',
  '^@app/stv$': '<rootDir>/libs/stv/src',
  '^@app/registry$': '<rootDir>/libs/registry/src',
  '^@app/panels$': '<rootDir>/libs/panels/src',
  '^@app/hearings$': '<rootDir>/libs/hearings/src',
  '^@app/notices$': '<rootDir>/libs/notices/src',
  '^@app/rulings$': '<rootDir>/libs/rulings/src',
  '^@app/i18n$': '<rootDir>/libs/i18n/src',
  '^@app/site$': '<rootDir>/libs/site/src',
  '^@app/migrations$': '<rootDir>/migrations',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };

module.exports = {
  // Per-test limit (a global option: jest ignores it inside a project).
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/{apps,libs,migrations,scripts,bench}/**/*.spec.ts'],
      setupFiles: ['reflect-metadata'],
      transform,
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleFileExtensions: ['ts', 'js', 'json'],
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      transform,
      moduleNameMapper,
      setupFiles: ['reflect-metadata'],
      globalSetup: '<rootDir>/e2e/setup/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/setup/global-teardown.ts',
    },
  ],
};
