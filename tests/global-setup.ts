/**
 * Guards every test run (vitest's globalSetup, in the main process):
 *
 * - The repository's `data/` folder (the real question log) must be exactly as
 *   it was before the run. A test that lets a bot write its log there (a
 *   spawned process without DATA_DIR, say) fails the run, naming the files.
 * - Tests must remove their temporary folders. The run gets a temporary folder
 *   of its own (TMPDIR, inherited by the test workers and every process they
 *   start); whatever `rtp-…` folder is still in it at the end fails the run,
 *   named. The run's folder is removed either way, so /tmp stays clean.
 *
 * Errors thrown by a globalSetup teardown are only logged by vitest, so the
 * teardown sets the exit code itself.
 *
 * RTP_TEST_OUTER_TMPDIR names the temporary folder outside the run's own, for
 * the rare cache a test keeps between runs on purpose (tests/container/ keeps
 * its Debian base tarballs there).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeFolderChanges, listLeftovers, recordFolderState } from './support/run-guard.js';

const dataDir = fileURLToPath(new URL('../data', import.meta.url));

export default function setup(): () => void {
  const before = recordFolderState(dataDir);
  const runTemp = mkdtempSync(join(tmpdir(), 'rtp-test-run-'));
  const outerTemp = process.env.TMPDIR;
  process.env.RTP_TEST_OUTER_TMPDIR = tmpdir();
  process.env.TMPDIR = runTemp;

  return () => {
    const problems = describeFolderChanges('data', before, recordFolderState(dataDir)).map(
      (change) => `  ${change}: tests must never write to the repository's data/ folder; give spawned bots DATA_DIR inside the test's own temporary folder`,
    );
    for (const name of listLeftovers(runTemp)) problems.push(`  ${name}: a temporary folder a test made and did not remove (remove it in afterEach or afterAll)`);
    rmSync(runTemp, { recursive: true, force: true });
    delete process.env.RTP_TEST_OUTER_TMPDIR;
    if (outerTemp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outerTemp;
    if (problems.length > 0) {
      process.stderr.write(`\nThe test run left traces (tests/global-setup.ts):\n${problems.join('\n')}\n\n`);
      process.exitCode = 1;
    }
  };
}
