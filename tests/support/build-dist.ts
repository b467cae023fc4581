import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: compiles dist/ (as `npm start`'s prestart does) when
 * the sources changed since the last build, once, before any test file runs,
 * so the tests of the compiled start never build in parallel or half-way.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed: the tests of the compiled start cannot run');
}
