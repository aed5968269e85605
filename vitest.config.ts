import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/helpers/global-setup.ts'],
    testTimeout: 20_000,
    // Most tests wait on a spawned CLI or a loopback server rather than on the CPU: one worker more than
    // the machine has cores keeps them all busy.
    maxWorkers: availableParallelism() + 1,
  },
});
