import { defineConfig } from 'vitest/config';

// Browser journeys (*.browser.test.ts) against the built web app (run `npx vite build` first) in Chromium.
export default defineConfig({
  test: {
    include: ['src/**/*.browser.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
