import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RtpError } from '../../src/index.js';
import type { HealthSettings } from './operations-settings.js';

/** What the health server asks of the running bot. */
export interface HealthChecks {
  /** Why the process is not healthy (no knowledge loaded), or `null` when it is. */
  unhealthy(): string | null;
  /** Every reason the bot is not ready to answer (a platform not connected, invalid knowledge…); empty when ready. */
  notReady(): string[];
  /** The Prometheus exposition, or `null` when metrics are off. */
  metrics(): Promise<{ contentType: string; body: string } | null>;
}

/** A running health server. */
export interface HealthServer {
  /** Where it listens, e.g. `http://127.0.0.1:9090`. */
  url: string;
  close(): Promise<void>;
}

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(`${JSON.stringify(body)}\n`);
};

/**
 * Serves the probes an orchestrator and a Prometheus scraper need, on their own port:
 * - `GET /healthz`: 200 while the process is up with knowledge loaded;
 * - `GET /readyz`: 200 when every platform is connected and the knowledge is valid, else 503 with `{ "status": "not ready", "reason": "…" }`;
 * - `GET /metrics`: Prometheus text.
 * Nothing else: other paths are 404, other methods 405.
 * @throws {RtpError} `HEALTH_LISTEN_FAILED`, naming HEALTH_PORT and HEALTH_HOST, when it cannot listen.
 */
export async function startHealthServer(settings: HealthSettings, checks: HealthChecks): Promise<HealthServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (!['/healthz', '/readyz', '/metrics'].includes(path)) return sendJson(response, 404, { error: 'not found: try /healthz, /readyz or /metrics' });
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response.setHeader('allow', 'GET, HEAD'), 405, { error: 'method not allowed' });
    if (path === '/healthz') {
      const reason = checks.unhealthy();
      return reason === null ? sendJson(response, 200, { status: 'ok' }) : sendJson(response, 503, { status: 'unhealthy', reason });
    }
    if (path === '/readyz') {
      const reasons = checks.notReady();
      return reasons.length === 0 ? sendJson(response, 200, { status: 'ready' }) : sendJson(response, 503, { status: 'not ready', reason: reasons.join('; ') });
    }
    checks.metrics().then(
      (metrics) => (metrics ? response.writeHead(200, { 'content-type': metrics.contentType }).end(metrics.body) : sendJson(response, 404, { error: 'metrics are off' })),
      () => sendJson(response, 500, { error: 'metrics could not be collected' }),
    );
  });
  // Probes come every few seconds; idle keep-alive sockets must not hold a stop up.
  server.keepAliveTimeout = 2_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => resolve());
    });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new RtpError(
      'HEALTH_LISTEN_FAILED',
      `rtp-bot: could not serve health checks on ${settings.host ?? 'all addresses'} port ${settings.port} (${reason}); choose a free HEALTH_PORT, or another HEALTH_HOST.`,
      { cause: error },
    );
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
