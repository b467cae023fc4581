import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { logToStderr } from '../shared/platform.js';
import { describeError, readEnvironment } from '../shared/settings.js';
import { readDiscordSettings, restOptionsOf, type DiscordSettings } from './settings.js';
import { exitCodeOf, serverFailureCodes } from '../shared/exit-codes.js';

// Compiled (dist/, `npm run shard`), shards run the compiled run.js with plain node; from the sources, run.ts through tsx.
const compiled = import.meta.url.endsWith('.js');

/** The script each shard runs. */
const shardScript = fileURLToPath(new URL(compiled ? './run.js' : './run.ts', import.meta.url));

/**
 * The shard count Discord recommends. Asked through our REST settings rather
 * than discord.js's own helper, which always calls discord.com and would
 * ignore `DISCORD_API_URL`.
 */
export async function fetchRecommendedShards(settings: DiscordSettings): Promise<number> {
  const rest = new REST(restOptionsOf(settings)).setToken(settings.token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, gateway.shards);
}

/**
 * `npm run shard` (or `tsx adapters/discord/shard.ts`): runs the Discord bot as one process per
 * shard under discord.js's ShardingManager, with `DISCORD_SHARDS` shards
 * (`auto`, the default, asks Discord). Needed once the bot is in about 2,500
 * servers, when Discord refuses a single connection.
 */
async function main(): Promise<number> {
  try {
    const settings = readDiscordSettings(readEnvironment());
    const totalShards = typeof settings.shards === 'number' ? settings.shards : await fetchRecommendedShards(settings);
    const manager = new ShardingManager(shardScript, {
      token: settings.token,
      totalShards,
      // From the sources, shards run TypeScript through tsx, resolved here so any working directory will do.
      execArgv: compiled ? [] : ['--import', import.meta.resolve('tsx')],
      respawn: true,
    });
    manager.on('shardCreate', (shard) => {
      logToStderr('info', `discord: starting shard ${shard.id + 1} of ${totalShards}`);
      shard.on('death', () => logToStderr(manager.respawn ? 'warn' : 'info', `discord: shard ${shard.id} exited${manager.respawn ? '; restarting it' : ''}`));
      shard.on('error', (error) => logToStderr('error', `discord: shard ${shard.id}: ${describeError(error)}`));
    });
    await manager.spawn({ timeout: 60_000 });
    logToStderr('info', `discord: all ${totalShards} shard${totalShards === 1 ? '' : 's'} ready`);
    await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT')]);
    logToStderr('info', 'discord: stopping the shards');
    manager.respawn = false;
    await Promise.all(
      [...manager.shards.values()].map(async (shard) => {
        const exited = shard.process ? once(shard.process, 'exit') : Promise.resolve();
        shard.process?.kill('SIGTERM');
        await exited;
      }),
    );
    return 0;
  } catch (error) {
    logToStderr('error', describeError(error));
    return exitCodeOf(error, serverFailureCodes);
  }
}

process.exitCode = await main();
