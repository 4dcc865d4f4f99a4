/** Tests run against the TypeScript sources; type errors are caught once by `tsc --noEmit` in `npm test`. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
  // test/services/ needs PostgreSQL and Redis servers: `npm run test:services` runs it.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/services/'],
};
