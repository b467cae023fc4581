import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real `redis-server` (Debian's package) on a free loopback port, with a throwaway folder and no persistence. */
export interface RedisServer {
  port: number;
  /** `redis://127.0.0.1:PORT` (with the password, when one is required). */
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit; its data is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, as after a crash and restart. */
  restart(): Promise<void>;
  /** Stops it for good and removes its folder. */
  close(): Promise<void>;
}

/** Options for {@link startRedisServer}. */
export interface RedisServerOptions {
  /** A password the server requires (`requirepass`). @default none */
  password?: string;
}

/** True when the machine has `redis-server` (CI installs it: see .ci/run). */
export const hasRedisServer = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the server answers PING on `port`; rejects after `timeoutMs`. */
async function waitForPong(port: number, password: string | undefined, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      let reply = '';
      socket.setTimeout(500, () => socket.destroy());
      socket.on('connect', () => socket.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`));
      socket.on('data', (chunk) => {
        reply += chunk.toString();
        if (reply.includes('+PONG')) {
          socket.end();
          resolve(true);
        }
      });
      socket.on('error', () => resolve(false));
      socket.on('close', () => resolve(reply.includes('+PONG')));
    });
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on port ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts `redis-server` on a free 127.0.0.1 port, in a temporary folder, never
 * saving to disk (no system service is used or touched). Close it with
 * {@link RedisServer.close} in `afterAll`/`afterEach`.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  if (!hasRedisServer()) throw new Error('redis-server is not installed: `apt-get install -y redis-server` (.ci/run does this when it is missing)');
  const dir = mkdtempSync(join(tmpdir(), 'rtp-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];
    if (options.password) args.push('--requirepass', options.password);
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPong(port, options.password);
  };
  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    url: `redis://${options.password ? `:${options.password}@` : ''}127.0.0.1:${port}`,
    stop,
    restart: start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
