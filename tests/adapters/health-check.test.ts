import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { healthzUrlOf } from '../../adapters/health-check.js';
import { cleanEnv, nodeCommand, runProcess } from '../support/processes.js';

// The container's health check (Containerfile HEALTHCHECK, compose.yaml), run compiled as the image runs it,
// against a stand-in health server on 127.0.0.1. tests/container/ runs it in the image against the real bot.

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** A stand-in health server whose /healthz answers `status`; resolves with its port. */
async function serveHealthz(status: number): Promise<number> {
  server = createServer((request, response) => {
    const ok = request.url === '/healthz' && status === 200;
    response
      .writeHead(request.url === '/healthz' ? status : 404, { 'content-type': 'application/json' })
      .end(ok ? '{"status":"ok"}' : '{"status":"unhealthy","reason":"no knowledge loaded"}');
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server!.address() as AddressInfo).port;
}

const runCheck = (env: Record<string, string>) => runProcess(...nodeCommand('dist/adapters/health-check.js'), { env: cleanEnv(env) });

describe('node dist/adapters/health-check.js', () => {
  it('exits 0 with one line when /healthz answers 200', async () => {
    const port = await serveHealthz(200);
    const result = await runCheck({ HEALTH_PORT: String(port) });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe(`rtp-bot health check: healthy (http://127.0.0.1:${port}/healthz answered 200)\n`);
  });

  it('exits 1, giving the reason, when /healthz answers 503', async () => {
    const port = await serveHealthz(503);
    const result = await runCheck({ HEALTH_PORT: String(port), HEALTH_HOST: '0.0.0.0' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(`unhealthy (http://127.0.0.1:${port}/healthz answered 503 {"status":"unhealthy","reason":"no knowledge loaded"})`);
  });

  it('exits 1 with a plain line, no stack, when nothing listens', async () => {
    const port = await serveHealthz(200);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const result = await runCheck({ HEALTH_PORT: String(port) });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe("rtp-bot health check: no answer from the bot's health server (ECONNREFUSED); is it running, with this HEALTH_PORT?\n");
  });

  it('exits 1 naming the setting when HEALTH_PORT is unset, 0 or not a port', async () => {
    expect((await runCheck({})).stderr).toMatch(/^rtp-bot health check: HEALTH_PORT is not set/);
    expect((await runCheck({ HEALTH_PORT: '0' })).stderr).toMatch(/^rtp-bot health check: HEALTH_PORT is 0/);
    const bad = await runCheck({ HEALTH_PORT: 'nine' });
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('HEALTH_PORT');
    expect(bad.stderr).not.toMatch(/^\s+at\s/m);
  });
});

describe('healthzUrlOf', () => {
  it('asks loopback when the bot listens on every address, and the named address otherwise', () => {
    expect(healthzUrlOf({ HEALTH_PORT: '9090' })).toEqual({ url: 'http://127.0.0.1:9090/healthz' });
    expect(healthzUrlOf({ HEALTH_PORT: '9090', HEALTH_HOST: '::' })).toEqual({ url: 'http://127.0.0.1:9090/healthz' });
    expect(healthzUrlOf({ HEALTH_PORT: '9090', HEALTH_HOST: '10.1.2.3' })).toEqual({ url: 'http://10.1.2.3:9090/healthz' });
    expect(healthzUrlOf({ HEALTH_PORT: '9090', HEALTH_HOST: '::1' })).toEqual({ url: 'http://[::1]:9090/healthz' });
  });
});
