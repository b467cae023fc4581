import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tempFolders } from '../support/fixture-knowledge.js';
import { repoPath, repoRoot, runProcess } from '../support/processes.js';
import {
  baseCacheDir,
  debianRootTarball,
  descendantsOf,
  hostCertificateBundle,
  inspectImage,
  removeContainers,
  removeImages,
  runTool,
  whyImagesCannotBeBuilt,
  type ImageConfig,
} from '../support/container-image.js';
import { commandBody, postToApp, testBotToken, testSigningSecret } from '../adapters/slack/slack-requests.js';
import { startStandInSlack, type StandInSlack } from '../adapters/slack/stand-in-slack.js';

// The image the Containerfile builds, built here from Debian's own packages (see tests/support/container-image.ts):
// what it holds, a one-shot ask, and the bot started from it as PID 1 in Slack HTTP mode against the stand-in Slack
// on 127.0.0.1, probed, asked, health-checked and stopped with SIGTERM. Everything it makes is removed afterwards,
// except the base tarballs, kept a week in the OS temporary folder for the next run.

const why = whyImagesCannotBeBuilt();
if (why !== null) process.stderr.write(`tests/container/image.test.ts: skipped, ${why}\n`);

const id = randomBytes(4).toString('hex');
const names = {
  base: `localhost/rtp-test-base-${id}`,
  buildBase: `localhost/rtp-test-build-base-${id}`,
  image: `localhost/rtp-test-bot-${id}`,
  bot: `rtp-test-bot-${id}`,
  tools: `rtp-test-tools-${id}`,
};
const temp = tempFolders();
/** A secret planted in the build context's .env files: it must not reach the image. */
const plantedSecret = 'xoxb-planted-in-the-build-context-0000';

/** The repository as a build context, with what .dockerignore must keep out planted in it. */
function makeBuildContext(): string {
  const context = join(temp.make('rtp-container-context-'), 'rtp-bot');
  const leftOut = new Set(['node_modules', '.git', 'dist', 'data', 'coverage', '.cache', 'scratch', '.vitest-results.json', 'report.html']);
  cpSync(repoRoot, context, { recursive: true, filter: (path) => !leftOut.has(relative(repoRoot, path).split('/')[0]!) && !/^dist\./.test(relative(repoRoot, path)) });
  writeFileSync(join(context, '.env'), `SLACK_BOT_TOKEN=${plantedSecret}\n`);
  writeFileSync(join(context, 'knowledge', '.env'), `SLACK_BOT_TOKEN=${plantedSecret}\n`);
  mkdirSync(join(context, 'data'));
  writeFileSync(join(context, 'data', 'questions.jsonl'), '{"planted":true}\n');
  mkdirSync(join(context, 'node_modules', 'planted-dev-tool'), { recursive: true });
  writeFileSync(join(context, 'node_modules', 'planted-dev-tool', 'package.json'), '{"name":"planted-dev-tool","version":"1.0.0"}\n');
  return context;
}

/** A port free on 127.0.0.1 just now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `buildah run` in the tools container: a one-off process from the image, as the image's user unless told. */
const runInImage = (command: string[], options: { env?: Record<string, string>; user?: string } = {}) =>
  runProcess(
    'buildah',
    [
      'run',
      '--isolation',
      'chroot',
      ...(options.user ? ['--user', options.user] : []),
      ...Object.entries(options.env ?? {}).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
      names.tools,
      '--',
      ...command,
    ],
    { env: { ...process.env }, timeoutMs: 60_000 },
  );

/** Every source title and id in the knowledge, to recognise a citation. */
const sources = parseYaml(readFileSync(repoPath('knowledge/sources.yaml'), 'utf8')) as { id: string; title: string }[];

describe.skipIf(why !== null)(why === null ? 'the container image (Containerfile)' : `the container image: skipped, ${why}`, () => {
  let config: ImageConfig;
  let bot: ChildProcess | undefined;
  let botOutput = '';
  let botExit: Promise<number | null> | undefined;
  let slack: StandInSlack | undefined;

  beforeAll(async () => {
    // Both bases at once: mmdebstrap waits mostly on the network, the import on the disk.
    const cache = baseCacheDir();
    const importBase = async (packages: string[], image: string) =>
      runTool('podman', ['import', '--quiet', await debianRootTarball(packages, cache), image], { timeoutMs: 300_000 });
    await Promise.all([importBase(['nodejs', 'ca-certificates'], names.base), importBase(['nodejs', 'npm', 'ca-certificates'], names.buildBase)]);
    const certificates = hostCertificateBundle();
    const context = makeBuildContext();
    await runTool(
      'podman',
      [
        'build',
        '--isolation',
        'chroot',
        '--format',
        'docker',
        '--layers=false',
        '--pull=never',
        ...(certificates ? ['--volume', `${certificates}:/etc/ssl/certs/ca-certificates.crt:ro`] : []),
        '--build-arg',
        `BASE=${names.base}`,
        '--build-arg',
        `BUILD_BASE=${names.buildBase}`,
        '--tag',
        names.image,
        context,
      ],
      { timeoutMs: 900_000 },
    );
    config = await inspectImage(names.image);
    await runTool('buildah', ['from', '--name', names.tools, names.image]);
  }, 1_800_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null && bot.signalCode === null) {
      // Every process buildah started for it, then buildah's own group: all of them this test's.
      const kill = (pid: number) => {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      };
      for (const child of descendantsOf(bot.pid!)) kill(child.pid);
      kill(-bot.pid!);
      await botExit;
    }
    await slack?.close();
    temp.removeAll();
    await removeContainers([names.bot, names.tools]);
    await removeImages([names.image, names.base, names.buildBase]);
  }, 120_000);

  it('runs the compiled bot as a fixed non-root user, with /data a volume, a health check through Node, and SIGTERM to stop', () => {
    expect(config.cmd).toEqual(['node', 'dist/adapters/start.js']);
    expect(config.workingDir).toBe('/app');
    expect(config.user).toBe('10001:10001');
    expect(config.volumes).toEqual(['/data']);
    expect(config.env).toMatchObject({ DATA_DIR: '/data', HEALTH_PORT: '9090', NODE_ENV: 'production' });
    expect(config.exposedPorts.sort()).toEqual(['3000/tcp', '9090/tcp']);
    expect(config.stopSignal).toBe('SIGTERM');
    expect(config.healthcheck).toEqual(['CMD', 'node', 'dist/adapters/health-check.js']);
  });

  it('holds dist/, knowledge/, package.json and the production dependencies only: no .env, sources, tests, data or dev tools', async () => {
    // Every file in the image, listed by Node inside it (as root, to see everything).
    const list = await runInImage(
      [
        'node',
        '-e',
        `const fs = require('node:fs'); const files = []; const walk = (dir) => { let items; try { items = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; } for (const item of items) { const path = (dir === '/' ? '' : dir) + '/' + item.name; if (['/proc', '/sys', '/dev', '/run'].includes(path)) continue; if (item.isDirectory()) walk(path); else files.push(path); } }; walk('/'); process.stdout.write(JSON.stringify(files));`,
      ],
      { user: '0:0' },
    );
    expect(list.exitCode, list.stderr).toBe(0);
    const files = JSON.parse(list.stdout) as string[];
    expect(files.filter((path) => /\/\.env(\.[^/]*)?$/.test(path))).toEqual([]);
    const app = files.filter((path) => path.startsWith('/app/')).map((path) => path.slice('/app/'.length));
    expect([...new Set(app.map((path) => path.split('/')[0]))].sort()).toEqual(['dist', 'knowledge', 'node_modules', 'package.json']);
    expect(app).toEqual(expect.arrayContaining(['dist/adapters/start.js', 'dist/adapters/health-check.js', 'dist/adapters/cli/ask.js', 'dist/src/index.js']));
    expect(app.filter((path) => path.startsWith('dist/') && path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);

    const knowledgeFiles = readdirSync(repoPath('knowledge'), { recursive: true, withFileTypes: true })
      .filter((item) => item.isFile())
      .map((item) => relative(repoRoot, join(item.parentPath, item.name)));
    expect(app.filter((path) => path.startsWith('knowledge/')).sort()).toEqual(knowledgeFiles.sort());

    // Installed packages, named as package-lock.json names them (node_modules/a, node_modules/a/node_modules/b).
    const installed = new Set(app.flatMap((path) => /^(node_modules\/(?:@[^/]+\/)?[^/]+(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)*)\/package\.json$/.exec(path)?.[1] ?? []));
    const lock = JSON.parse(readFileSync(repoPath('package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages)
      .filter(([key, entry]) => key !== '' && entry.dev === true)
      .map(([key]) => key);
    expect(devOnly.length).toBeGreaterThan(50);
    expect(devOnly.filter((key) => installed.has(key))).toEqual([]);
    for (const tool of ['typescript', 'vitest', 'eslint', 'planted-dev-tool']) expect(installed.has(`node_modules/${tool}`), tool).toBe(false);
    const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).filter((name) => !installed.has(`node_modules/${name}`))).toEqual([]);
  }, 60_000);

  it('answers a one-shot ask inside the image, citing its sources', async () => {
    const result = await runInImage(['node', 'dist/adapters/cli/ask.js', 'What is the Right to Provide?']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^As of [^:]+: /m);
    expect(result.stdout).toMatch(/^Sources:$/m);
    expect(sources.filter((source) => result.stdout.includes(`[${source.id}]`)).length).toBeGreaterThan(0);
  }, 60_000);

  it('starts from the image as PID 1 in Slack HTTP mode: healthy, ready, answering /rtp, and passing its own HEALTHCHECK', async () => {
    slack = await startStandInSlack();
    const healthPort = await freePort();
    const settings = {
      SLACK_BOT_TOKEN: testBotToken,
      SLACK_SIGNING_SECRET: testSigningSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      HEALTH_PORT: String(healthPort),
      HEALTH_HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
    };
    await runTool('buildah', ['from', '--name', names.bot, names.image]);
    // buildah's chroot isolation makes no PID namespace: unshare makes one, so the image's command runs as its PID 1,
    // and setpriv turns to the image's user first, as a container runtime would.
    const [uid, gid] = config.user.split(':');
    bot = spawn(
      'buildah',
      [
        'run',
        '--isolation',
        'chroot',
        '--user',
        '0:0',
        '--cap-add',
        'CAP_SYS_ADMIN',
        ...Object.entries(settings).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
        names.bot,
        '--',
        'unshare',
        '--pid',
        '--fork',
        '--kill-child',
        'setpriv',
        `--reuid=${uid}`,
        `--regid=${gid}`,
        '--clear-groups',
        ...config.cmd,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    bot.stdout!.on('data', (chunk: Buffer) => (botOutput += chunk.toString()));
    bot.stderr!.on('data', (chunk: Buffer) => (botOutput += chunk.toString()));
    botExit = new Promise((resolve) => bot!.on('exit', (code) => resolve(code)));

    const health = `http://127.0.0.1:${healthPort}`;
    await expect.poll(async () => (await fetch(`${health}/readyz`).catch(() => undefined))?.status, { timeout: 60_000, interval: 250 }).toBe(200);
    expect(await (await fetch(`${health}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${health}/readyz`)).json()).toEqual({ status: 'ready' });

    const node = descendantsOf(bot.pid!).find((process) => process.argv[0] === 'node' && process.argv.includes('dist/adapters/start.js'));
    expect(node?.namespacePids.at(-1), botOutput).toBe(1);
    expect(botOutput).toMatch(/"pid":1,/);

    const url = /ready at (http:\/\/127\.0\.0\.1:\d+\/slack\/events)/.exec(botOutput)?.[1];
    expect(url, botOutput).toBeDefined();
    const responseUrl = slack.newResponseUrl();
    const reply = slack.nextPost(responseUrl);
    expect((await postToApp(url!, commandBody({ text: 'What is the Right to Provide?', responseUrl }))).status).toBe(200);
    const replyText = JSON.stringify(await reply);
    expect(sources.filter((source) => replyText.includes(source.title)).length).toBeGreaterThan(0);

    // The image's own HEALTHCHECK, run as Docker runs it: passes against this bot, fails where no bot listens.
    const check = config.healthcheck!.slice(1);
    const healthy = await runInImage(check, { env: { HEALTH_PORT: String(healthPort) } });
    expect(healthy.exitCode, healthy.stderr).toBe(0);
    expect(healthy.stdout).toContain('healthy');
    expect((await runInImage(check, { env: { HEALTH_PORT: String(await freePort()) } })).exitCode).toBe(1);
  }, 120_000);

  it('stops cleanly on SIGTERM to its PID 1: finishes, says so, and exits 0', async () => {
    expect(bot, 'the bot did not start (see the test before)').toBeDefined();
    const node = descendantsOf(bot!.pid!).find((process) => process.argv[0] === 'node' && process.argv.includes('dist/adapters/start.js'));
    expect(node, botOutput).toBeDefined();
    // Sent from outside its PID namespace, as a container runtime sends it: PID 1 gets only the signals it handles.
    process.kill(node!.pid, 'SIGTERM');
    const timeout = new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), 20_000).unref());
    expect(await Promise.race([botExit!, timeout]), botOutput).toBe(0);
    expect(botOutput).toMatch(/"msg":"SIGTERM received: finishing work in flight, then stopping"/);
    expect(botOutput).toMatch(/"msg":"stopped"/);
  }, 60_000);
});
