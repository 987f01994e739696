import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/browser/**/*.test.ts'],
    exclude: ['tests/slow/**', 'node_modules/**'],
    // On PostgreSQL (TEST_DATABASE_URL) every test database is a freshly migrated schema and every query a
    // network round trip: the same tests take two to three times as long.
    testTimeout: process.env.TEST_DATABASE_URL ? 120_000 : 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
})
