import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    environment: 'node',
    include: [
      'main/**/*.test.ts',
      'tests/**/*.test.ts',
      'preload/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/summaryReporter.ts'],
  },
})
