import { defineConfig } from 'vitest/config'

// `npm run test:slow`: the long adversarial tests (crash durability, long offline replays).
export default defineConfig({
  test: {
    include: ['tests/slow/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
})
