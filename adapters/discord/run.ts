import { once } from 'node:events';
import { createLog, routeProcessOutput } from '../shared/log-format.js';
import { logToStderr, type LogLine } from '../shared/platform.js';
import { readStartSettings, startRuntime, type Runtime } from '../shared/runtime.js';
import { describeError, readEnvironment } from '../shared/settings.js';
import { discordAdapter } from './index.js';
import { exitCodeOf, serverFailureCodes } from '../shared/exit-codes.js';

/**
 * Runs the Discord adapter on its own: the process `shard.ts` starts for each
 * shard (discord.js passes it SHARDS and SHARD_COUNT, which the client reads).
 * Slack and the console stay in `npm start`, so sharding never starts them twice.
 * Like `npm start`, it records to the question log, reloads edited knowledge,
 * writes LOG_FORMAT lines and shares the rate limit through REDIS_URL, so
 * questions asked through shards reach `kb gaps` and a user's limit holds
 * across shards. It serves no health port: shards would all want the same one.
 */
async function main(): Promise<number> {
  const env = readEnvironment();
  const prefixed =
    (write: LogLine): LogLine =>
    (level, message) =>
      write(level, env.SHARDS ? `[shard ${env.SHARDS}] ${message}` : message);
  let log = prefixed(logToStderr);
  routeProcessOutput(() => log);
  let runtime: Runtime | undefined;
  try {
    const settings = readStartSettings(env, [discordAdapter]);
    log = prefixed(await createLog(settings.logFormat));
    if (settings.health) log('warn', 'HEALTH_PORT is ignored by Discord shards (each would need its own port); npm start serves the probes');
    runtime = await startRuntime({ env, settings: { ...settings, health: undefined }, log, platforms: [discordAdapter] });
    const running = await discordAdapter.start(runtime.services);
    // The manager stops a shard with SIGTERM; a vanished manager closes the IPC channel.
    await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT'), ...(process.connected ? [once(process, 'disconnect')] : [])]);
    await running.stop();
    await runtime.close();
    // An open IPC channel keeps a process alive, and the manager waits for this one to exit.
    if (process.connected) process.disconnect();
    return 0;
  } catch (error) {
    log('error', describeError(error));
    await runtime?.close();
    return exitCodeOf(error, serverFailureCodes);
  }
}

process.exitCode = await main();
