import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Unit specs sit beside their files; e2e specs start real processes from dist/ (built by `npm test`).
export default defineConfig({
  plugins: [swc.vite({ jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { decoratorMetadata: true, legacyDecorator: true } } })],
  test: {
    passWithNoTests: true, // the e2e project has no specs until the services land
    projects: [
      { extends: true, test: { name: 'unit', include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'test/*.spec.ts', 'test/integration/**/*.spec.ts'], pool: 'threads' } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e-spec.ts'],
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
