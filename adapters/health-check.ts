import { pathToFileURL } from 'node:url';
import { readOperationsSettings } from './shared/operations-settings.js';
import { describeError, readEnvironment } from './shared/settings.js';

/** How long the probe waits for an answer: well inside a container health check's own timeout. */
const probeTimeoutMs = 3_000;

/** Addresses that mean "listen everywhere": the probe, inside the same container or host, asks loopback instead. */
const wildcardHosts = new Set(['', '0.0.0.0', '::', '[::]']);

/** The `/healthz` URL of the bot the settings describe, or why there is none to probe. */
export function healthzUrlOf(env: NodeJS.ProcessEnv): { url: string } | { problem: string } {
  const { health } = readOperationsSettings(env);
  if (health === undefined) return { problem: 'HEALTH_PORT is not set, so the bot serves no /healthz; set HEALTH_PORT (the container image sets 9090)' };
  if (health.port === 0) return { problem: 'HEALTH_PORT is 0 (a free port picked at start-up), so this check cannot know it; set a fixed HEALTH_PORT' };
  const host = health.host === undefined || wildcardHosts.has(health.host) ? '127.0.0.1' : health.host;
  return { url: `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${health.port}/healthz` };
}

/**
 * `node dist/adapters/health-check.js`: a container's health check (the
 * image's HEALTHCHECK, compose.yaml's), which needs Node only, no curl. Asks the
 * running bot's `/healthz` with the same settings it started with; prints one
 * line and returns 0 when healthy, 1 when not, or when it cannot ask.
 */
export async function main(env: NodeJS.ProcessEnv = readEnvironment()): Promise<number> {
  try {
    const target = healthzUrlOf(env);
    if ('problem' in target) {
      console.error(`rtp-bot health check: ${target.problem}.`);
      return 1;
    }
    const response = await fetch(target.url, { signal: AbortSignal.timeout(probeTimeoutMs) });
    const body = (await response.text()).trim();
    if (response.ok) {
      console.log(`rtp-bot health check: healthy (${target.url} answered ${response.status})`);
      return 0;
    }
    console.error(`rtp-bot health check: unhealthy (${target.url} answered ${response.status} ${body})`);
    return 1;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    if (error instanceof TypeError || (error as Error).name === 'TimeoutError') {
      console.error(`rtp-bot health check: no answer from the bot's health server (${cause}); is it running, with this HEALTH_PORT?`);
      return 1;
    }
    console.error(describeError(error));
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
