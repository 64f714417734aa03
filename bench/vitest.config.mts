import { defineConfig } from 'vitest/config'

// The root config only collects main/, tests/ and preload/: the benchmark's own tests run with
// `npx vitest run -c bench/vitest.config.mts`.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['bench/**/*.test.ts'],
    exclude: ['bench/.data/**', 'node_modules/**'],
    testTimeout: 60_000,
  },
})
