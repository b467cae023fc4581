import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tempFolders } from '../support/fixture-knowledge.js';
import { cleanEnv, repoPath, runProcess } from '../support/processes.js';

// compose.yaml cannot be run here (no container engine: `podman run` fails on our machines), so its structure is
// checked: the three services, their health checks, the start order, and that the bot's settings fit the image
// and the other services. Where Debian's docker-compose is installed, its `config` validates the file too.

interface Service {
  build?: { context?: string; dockerfile?: string };
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
  command?: string[];
}

const compose = parseYaml(readFileSync(repoPath('compose.yaml'), 'utf8')) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const containerfile = readFileSync(repoPath('Containerfile'), 'utf8');
const { bot, redis, postgres } = compose.services;

/** The image's HEALTHCHECK command, as the Containerfile writes it (`CMD ["node", …]`). */
const imageHealthcheck = JSON.parse(/^HEALTHCHECK .* CMD (\[.*\])$/m.exec(containerfile)?.[1] ?? 'null') as string[] | null;
/** The image's ENV settings. */
const imageEnv = Object.fromEntries([.../ENV ((?:[A-Z_]+=\S+\s*\\?\s*)+)/.exec(containerfile)![1]!.matchAll(/([A-Z_]+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));

describe('compose.yaml', () => {
  it('runs the bot, Redis and PostgreSQL, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot', 'postgres', 'redis']);
    for (const [name, service] of Object.entries(compose.services)) expect(service.healthcheck?.test?.length, name).toBeGreaterThan(1);
    expect(redis!.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(postgres!.healthcheck!.test!.join(' ')).toMatch(/pg_isready --username=rtp --dbname=rtp/);
  });

  it('starts the bot once Redis and PostgreSQL are healthy, builds it from the Containerfile, and checks it as the image does', () => {
    expect(bot!.depends_on).toEqual({ redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } });
    expect(bot!.build).toEqual({ context: '.', dockerfile: 'Containerfile' });
    expect(existsSync(repoPath(bot!.build!.dockerfile!))).toBe(true);
    expect(imageHealthcheck).toEqual(['node', 'dist/adapters/health-check.js']);
    expect(bot!.healthcheck!.test).toEqual(['CMD', ...imageHealthcheck!]);
    expect(existsSync(repoPath('adapters/health-check.ts'))).toBe(true);
  });

  it("gives the bot .env's settings, Redis, and PostgreSQL for the question log, with the same password as the database", () => {
    expect(bot!.env_file).toBe('.env');
    const environment = bot!.environment!;
    expect(new URL(environment.REDIS_URL!).host).toBe('redis:6379');
    const questionLog = /^postgres:\/\/([^:]+):(\$\{POSTGRES_PASSWORD:\?[^}]+\})@postgres:5432\/(\w+)$/.exec(environment.QUESTION_LOG_URL!);
    expect(questionLog, environment.QUESTION_LOG_URL).not.toBeNull();
    expect(postgres!.environment).toMatchObject({ POSTGRES_USER: questionLog![1], POSTGRES_PASSWORD: questionLog![2], POSTGRES_DB: questionLog![3] });
    // Settings .env may hold blank (as .env.example does) are given here, so a blank line cannot turn them off.
    expect(environment.HEALTH_PORT).toBe(imageEnv.HEALTH_PORT);
    expect(environment.DATA_DIR).toBe(imageEnv.DATA_DIR);
    expect(bot!.volumes).toEqual([`bot-data:${imageEnv.DATA_DIR}`]);
    expect(bot!.ports).toEqual([`${environment.PORT}:${environment.PORT}`]);
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['bot-data', 'postgres-data']);
  });

  it('uses only settings that .env.example lists', () => {
    const example = readFileSync(repoPath('.env.example'), 'utf8');
    const used = [...new Set([...readFileSync(repoPath('compose.yaml'), 'utf8').matchAll(/\$\{(\w+)/g)].map((match) => match[1]!))];
    expect(used).toEqual(['POSTGRES_PASSWORD']);
    for (const name of used) expect(example, name).toMatch(new RegExp(`^# .*\\n${name}=$`, 'm'));
  });
});

const dockerCompose = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).error === undefined;
if (!dockerCompose)
  process.stderr.write(
    'tests/container/compose.test.ts: docker-compose not installed, so compose.yaml is checked by structure only (apt-get install docker-compose; .ci/run does)\n',
  );

describe.skipIf(!dockerCompose)('compose.yaml, read by docker-compose config', () => {
  const temp = tempFolders();
  afterAll(temp.removeAll);

  it('is valid, and refuses to start without POSTGRES_PASSWORD, naming it', async () => {
    const dir = temp.make('rtp-compose-');
    copyFileSync(repoPath('compose.yaml'), join(dir, 'compose.yaml'));
    copyFileSync(repoPath('Containerfile'), join(dir, 'Containerfile'));
    writeFileSync(join(dir, '.env'), 'SLACK_BOT_TOKEN=\nHEALTH_PORT=\n');
    const refused = await runProcess('docker-compose', ['--file', 'compose.yaml', 'config'], { cwd: dir, env: cleanEnv() });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain('set POSTGRES_PASSWORD in .env');

    writeFileSync(join(dir, '.env'), 'POSTGRES_PASSWORD=0123456789abcdef\nSLACK_BOT_TOKEN=\nHEALTH_PORT=\n');
    const valid = await runProcess('docker-compose', ['--file', 'compose.yaml', 'config'], { cwd: dir, env: cleanEnv() });
    expect(valid.exitCode, valid.stderr).toBe(0);
    const resolved = parseYaml(valid.stdout) as { services: Record<string, Service> };
    expect(resolved.services.bot!.environment).toMatchObject({ QUESTION_LOG_URL: 'postgres://rtp:0123456789abcdef@postgres:5432/rtp', HEALTH_PORT: '9090', SLACK_BOT_TOKEN: '' });
    expect(resolved.services.postgres!.environment).toMatchObject({ POSTGRES_PASSWORD: '0123456789abcdef' });
  });
});
