import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, collectOutput, repoPath, repoRoot, waitForOutput } from '../support/processes.js';
import { tempFolders } from '../support/fixture-knowledge.js';

// `npm start` runs the compiled bot: `node dist/adapters/start.js`, built by `npm run build` (tsc) and by
// npm start's prestart step when the sources changed. Vitest's global setup has built dist/ already.

const temp = tempFolders();
const makeTemp = temp.make;
afterAll(temp.removeAll);

/** The ids of every process whose parent is `pid`, and theirs, from /proc. */
function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The fields after the command name (which is in parentheses and may hold spaces): state, then the parent's id.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // It ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, itsParent] of parentOf) {
      if (itsParent === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

const procList = (pid: number, file: 'cmdline' | 'environ'): string[] => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean);

// A developer's .env in the repository must not start a platform here: blank values win over it (dotenv never overrides).
const noPlatforms = Object.fromEntries(
  [
    'SLACK_BOT_TOKEN',
    'SLACK_SIGNING_SECRET',
    'SLACK_APP_TOKEN',
    'DISCORD_TOKEN',
    'DISCORD_APPLICATION_ID',
    'KNOWLEDGE_DIR',
    'REDIS_URL',
    'HEALTH_PORT',
    'LOG_FORMAT',
    'QUESTION_LOG_HASH_ASKERS',
  ].map((name) => [name, '']),
);

describe('npm start', () => {
  it.runIf(process.platform === 'linux')(
    'runs plain node on dist/ (no TypeScript loader in the process), with the knowledge folder found from dist/',
    async () => {
      const npm = spawn('npm', ['start', '--silent'], {
        cwd: repoRoot,
        env: cleanEnv({ ...noPlatforms, DATA_DIR: makeTemp('rtp-compiled-data-'), npm_config_update_notifier: 'false' }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const done = collectOutput(npm, 60_000);
      let underNpm: number[] = [];
      let finished = false;
      try {
        await waitForOutput(npm, /rtp> /, 45_000);
        underNpm = descendantsOf(npm.pid!);
        // npm runs the script through a shell; the bot is the node process under it.
        const bots = underNpm.filter(
          (pid) => /(^|\/)node$/.test(procList(pid, 'cmdline')[0] ?? '') && procList(pid, 'cmdline').some((arg) => arg.endsWith('dist/adapters/start.js')),
        );
        expect(bots).toHaveLength(1);
        const [bot] = bots as [number];
        const commandLine = procList(bot, 'cmdline');
        expect(commandLine).toEqual([expect.stringMatching(/node$/), 'dist/adapters/start.js']);
        expect(commandLine.join(' ')).not.toMatch(/tsx|--import|--loader/);
        expect(procList(bot, 'environ').find((variable) => variable.startsWith('NODE_OPTIONS=')) ?? '').not.toMatch(/tsx/);

        // KNOWLEDGE_DIR is blank, so this answer comes from the repository's knowledge/, found from dist/.
        npm.stdin.write('What is the Right to Provide?\n');
        await waitForOutput(npm, /Sources:[\s\S]*rtp> /);
        process.kill(bot, 'SIGTERM');
        const result = await done;
        finished = true;
        expect(result.exitCode, result.stderr).toBe(0);
        expect(result.stdout).toContain('What the Right to Provide is');
      } finally {
        // Killing npm would leave its shell and the bot running: on a failure, stop them too.
        for (const pid of finished ? [] : [npm.pid!, ...underNpm]) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // Already gone.
          }
        }
      }
    },
    90_000,
  );
});

describe('the compiled modules', () => {
  it('resolve the default knowledge and data folders to the repository, as the TypeScript sources do', async () => {
    const settings = (await import(pathToFileURL(repoPath('dist/adapters/shared/settings.js')).href)) as { defaultKnowledgeDir: string; packageRoot: string };
    const questionLog = (await import(pathToFileURL(repoPath('dist/adapters/shared/question-log-settings.js')).href)) as { defaultDataDir: string };
    expect(settings.packageRoot).toBe(repoRoot.replace(/\/$/, ''));
    expect(settings.defaultKnowledgeDir).toBe(repoPath('knowledge'));
    expect(questionLog.defaultDataDir).toBe(repoPath('data'));
  });

  it("key the index cache by the compiled core's own code (it finds its files under dist/src)", async () => {
    const { indexCacheKey } = (await import(pathToFileURL(repoPath('dist/src/engine/index-cache.js')).href)) as { indexCacheKey: (inputs: unknown) => string };
    // The key a core that found none of its source files would give.
    const noCode = createHash('sha256')
      .update(`1\0${createHash('sha256').digest('hex')}\0`)
      .update('{}')
      .digest('hex');
    expect(indexCacheKey({})).toMatch(/^[0-9a-f]{64}$/);
    expect(indexCacheKey({})).not.toBe(noCode);
  });
});

describe('scripts/build.mjs', () => {
  /** A copy of what the build reads, with no dist/ yet. */
  function copyOfSources(): string {
    const dir = makeTemp('rtp-build-');
    for (const folder of ['src', 'adapters']) cpSync(repoPath(folder), join(dir, folder), { recursive: true });
    mkdirSync(join(dir, 'scripts'));
    for (const file of ['scripts/build.mjs', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) copyFileSync(repoPath(file), join(dir, file));
    return dir;
  }
  const check = (dir: string) => spawnSync(process.execPath, [join(dir, 'scripts/build.mjs'), '--check'], { encoding: 'utf8' });

  it('says dist/ is stale when missing or built from other sources, and up to date when built from these', () => {
    const dir = copyOfSources();
    expect(check(dir)).toMatchObject({ status: 1, stdout: 'dist/ is stale: no build yet\n' });
    // The repository's dist/ was built from these very sources.
    mkdirSync(join(dir, 'dist'));
    copyFileSync(repoPath('dist/.source-hash'), join(dir, 'dist/.source-hash'));
    expect(check(dir)).toMatchObject({ status: 0, stdout: 'dist/ is up to date\n' });
    appendFileSync(join(dir, 'adapters/start.ts'), '\n// an edit\n');
    expect(check(dir)).toMatchObject({ status: 1, stdout: 'dist/ is stale: the sources changed since the last build\n' });
  });
});
