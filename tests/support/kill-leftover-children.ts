import { afterAll } from 'vitest';
import { killLeftoverChildren } from './processes.js';

// Runs in every test file (vitest setupFiles): a child whose test timed out would otherwise outlive the run.
afterAll(() => {
  killLeftoverChildren();
});
