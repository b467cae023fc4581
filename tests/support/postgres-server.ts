import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { freePort } from './redis-server.js';

/**
 * A throwaway PostgreSQL cluster (Debian's `postgresql` package: `initdb` and
 * `pg_ctl`) in a temporary folder of its own, listening on a free 127.0.0.1
 * port only. No system service is used or touched.
 */
export interface PostgresServer {
  port: number;
  /** The superuser the cluster was made with. */
  user: string;
  /** Its password (the cluster asks for one: scram-sha-256). */
  password: string;
  /** `postgres://USER:PASSWORD@127.0.0.1:PORT/postgres`. */
  url: string;
  /** A URL to a new, empty database of this cluster (created now), for one test. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (`pg_ctl stop -m fast`: connections are cut, data is kept). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data, as after a restart. */
  start(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
  /** The server's own log so far, for a failing test's message. */
  log(): string;
}

/** Options for {@link startPostgresServer}. */
export interface PostgresServerOptions {
  /**
   * Turn off fsync and synchronous commit, as tests can afford (the data is thrown away).
   * A benchmark keeps the defaults, so its figures are a real server's.
   * @default true
   */
  fast: boolean;
}

/** The folder holding `initdb` and `pg_ctl`: on PATH, else Debian's /usr/lib/postgresql/<version>/bin (newest first). */
export function findPostgresBin(): string | null {
  const onPath = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (onPath.status === 0 && onPath.stdout.trim() !== '' && existsSync(join(dirname(onPath.stdout.trim()), 'initdb'))) return dirname(onPath.stdout.trim());
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((version) => existsSync(join(root, version, 'bin', 'pg_ctl')) && existsSync(join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0]!, 'bin') : null;
}

/** The uid and gid of the `postgres` user Debian's package creates, or null when there is none. */
function postgresUser(): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

const runningAsRoot = (): boolean => process.getuid?.() === 0;

/**
 * Why no throwaway PostgreSQL can be started here, or null when one can: the
 * binaries are missing, or this runs as root (PostgreSQL refuses root) and
 * there is no `postgres` user to run it as. `.ci/run` installs the package,
 * which brings both.
 */
export function postgresUnavailable(): string | null {
  if (findPostgresBin() === null)
    return 'PostgreSQL is not installed (no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin): `apt-get install -y postgresql` (.ci/run does this when it is missing)';
  if (runningAsRoot() && postgresUser() === null)
    return 'running as root, and there is no `postgres` user to run PostgreSQL as (PostgreSQL refuses root): `apt-get install -y postgresql` creates it';
  return null;
}

/**
 * Whether tests needing PostgreSQL should be skipped: only where it cannot be
 * had at all, and never in CI (CI=true), where a missing server must fail
 * loudly rather than pass by skipping.
 */
export function skipWithoutPostgres(): boolean {
  const reason = postgresUnavailable();
  if (reason === null || process.env.CI === 'true') return false;
  process.stderr.write(`skipping the PostgreSQL tests: ${reason}\n`);
  return true;
}

/** Runs a PostgreSQL program, as the `postgres` user when this process is root; rejects with its output when it fails. */
function runAsPostgres(program: string, args: string[], owner: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
      // stdio ignored: `pg_ctl start` leaves the server running with these handles, which would keep a pipe open.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${basename(program)} ${args[0]} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * Makes `dir` reachable by the `postgres` user: the folder is theirs, and
 * the test run's own temporary folder (0700, root's) gets the search bit for
 * others, never the read bit, so nobody can list it.
 */
function handOver(dir: string, owner: { uid: number; gid: number }): void {
  chownSync(dir, owner.uid, owner.gid);
  for (let parent = dirname(dir); parent !== dirname(parent); parent = dirname(parent)) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) !== 0) continue;
    if (!basename(parent).startsWith('rtp-'))
      throw new Error(`${parent} cannot be entered by the postgres user; run the tests with TMPDIR set to a folder others can enter (e.g. /tmp)`);
    chmodSync(parent, (mode & 0o777) | 0o001);
  }
}

/**
 * Creates a cluster with `initdb` in a new temporary folder and starts it with
 * `pg_ctl` on a free loopback port; as the `postgres` user when this process
 * is root. Close it with {@link PostgresServer.close} in `afterAll`.
 */
export async function startPostgresServer(options: Partial<PostgresServerOptions> = {}): Promise<PostgresServer> {
  const fast = options.fast ?? true;
  const unavailable = postgresUnavailable();
  if (unavailable) throw new Error(unavailable);
  const bin = findPostgresBin()!;
  const owner = runningAsRoot() ? postgresUser() : null;
  const dir = mkdtempSync(join(tmpdir(), 'rtp-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const user = 'rtp';
  const password = randomBytes(12).toString('hex');
  const port = await freePort();
  try {
    if (owner) handOver(dir, owner);
    const passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(passwordFile, owner.uid, owner.gid);
    await runAsPostgres(join(bin, 'initdb'), ['-D', dataDir, '-U', user, `--pwfile=${passwordFile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync'], owner);
    rmSync(passwordFile);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const settings = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    ...(fast ? ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'] : []),
  ];
  const start = () => runAsPostgres(join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', settings.join(' ')], owner);
  let running = false;
  const stop = async () => {
    if (!running) return;
    await runAsPostgres(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], owner);
    running = false;
  };
  try {
    await start();
    running = true;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
  return {
    port,
    user,
    password,
    url,
    async createDatabase(name) {
      const { Client } = (await import('pg')).default;
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
      } finally {
        await client.end();
      }
      return `postgres://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
    },
    stop,
    async start() {
      await start();
      running = true;
    },
    async close() {
      try {
        await stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    log: () => {
      try {
        accessSync(logFile, constants.R_OK);
        return readFileSync(logFile, 'utf8');
      } catch {
        return '';
      }
    },
  };
}
