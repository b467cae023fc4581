import { once } from 'node:events';
import type { LiveAnswerer, QuestionLog } from '../../src/index.js';
import { startLiveKnowledge } from '../shared/live-knowledge.js';
import { logToStderr, type LogLine } from '../shared/platform.js';
import { openQuestionLog } from '../shared/question-log-settings.js';
import { knowledgeDirOf, describeError, readEnvironment } from '../shared/settings.js';
import { discordAdapter } from './index.js';

/**
 * Runs the Discord adapter on its own: the process `shard.ts` starts for each
 * shard (discord.js passes it SHARDS and SHARD_COUNT, which the client reads).
 * Slack and the console stay in `npm start`, so sharding never starts them twice.
 * Like `npm start`, it records to the question log and reloads edited knowledge,
 * so questions asked through shards reach `kb gaps`.
 */
async function main(): Promise<number> {
  const env = readEnvironment();
  const log: LogLine = (level, message) => logToStderr(level, env.SHARDS ? `[shard ${env.SHARDS}] ${message}` : message);
  let questionLog: QuestionLog | undefined;
  let live: LiveAnswerer | undefined;
  try {
    questionLog = openQuestionLog(env, log);
    live = startLiveKnowledge(knowledgeDirOf(env), log);
    const running = await discordAdapter.start({ env, getAnswerer: live.current, questionLog, log });
    // The manager stops a shard with SIGTERM; a vanished manager closes the IPC channel.
    await Promise.race([once(process, 'SIGTERM'), once(process, 'SIGINT'), ...(process.connected ? [once(process, 'disconnect')] : [])]);
    await running.stop();
    live.close();
    await questionLog.close();
    // An open IPC channel keeps a process alive, and the manager waits for this one to exit.
    if (process.connected) process.disconnect();
    return 0;
  } catch (error) {
    log('error', describeError(error));
    live?.close();
    await questionLog?.close();
    return error instanceof Error && (error as { code?: string }).code === 'CONFIG_INVALID' ? 2 : 1;
  }
}

process.exitCode = await main();
