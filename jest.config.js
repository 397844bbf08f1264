/** Unit tests live beside the code (*.spec.ts); end-to-end suites live in test/ (*.e2e-spec.ts). */
const fs = require('node:fs');
const swcConfig = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testRegex: ['(apps|libs|scripts)/.*\\.spec\\.ts$', 'test/.*\\.e2e-spec\\.ts$'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swcConfig, swcrc: false }] },
  // content-disposition (under @fastify/static, for the docs UI) is ESM-only: compile it for jest.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@app/(common|database|streamskill)(/.*)?$': '<rootDir>/libs/$1/src$2',
    '^@app/sandbox(/.*)?$': '<rootDir>/apps/sandbox/src$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Generous: the suites boot apps and databases, and CI machines are shared and noisy.
  testTimeout: 120000,
  // Without DATABASE_URL the suites share one embedded database, which runs one transaction at a time.
  maxWorkers: process.env.DATABASE_URL ? 3 : 1,
};
