import { once } from 'node:events';
import { createAnswerer, createMemoryQuestionLog } from '../../src/index.js';
import { logToStderr, type LogLine } from '../shared/platform.js';
import { knowledgeDirOf, describeError, readEnvironment } from '../shared/settings.js';
import { discordAdapter } from './index.js';

/**
 * Runs the Discord adapter on its own: the process `shard.ts` starts for each
 * shard (discord.js passes it SHARDS and SHARD_COUNT, which the client reads).
 * Slack and the console stay in `npm start`, so sharding never starts them twice.
 */
async function main(): Promise<number> {
  const env = readEnvironment();
  const log: LogLine = (level, message) => logToStderr(level, env.SHARDS ? `[shard ${env.SHARDS}] ${message}` : message);
  const questionLog = createMemoryQuestionLog();
  try {
    const answerer = createAnswerer(knowledgeDirOf(env));
    const running = await discordAdapter.start({ env, getAnswerer: () => answerer, questionLog, log });
    // The manager stops a shard with SIGTERM; a vanished manager closes the IPC channel.
    await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT'), ...(process.connected ? [once(process, 'disconnect')] : [])]);
    await running.stop();
    await questionLog.close();
    // An open IPC channel keeps a process alive, and the manager waits for this one to exit.
    if (process.connected) process.disconnect();
    return 0;
  } catch (error) {
    log('error', describeError(error));
    await questionLog.close();
    return error instanceof Error && (error as { code?: string }).code === 'CONFIG_INVALID' ? 2 : 1;
  }
}

process.exitCode = await main();
