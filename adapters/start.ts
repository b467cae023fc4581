import type { LiveAnswerer, QuestionLog } from '../src/index.js';
import { runConsole } from './cli/run-console.js';
import { platforms } from './platforms.js';
import { startLiveKnowledge } from './shared/live-knowledge.js';
import { logToStderr, type RunningPlatform } from './shared/platform.js';
import { openQuestionLog } from './shared/question-log-settings.js';
import { defaultKnowledgeDir, describeError, readEnvironment } from './shared/settings.js';

/**
 * `npm start`: starts every adapter whose settings are present. With none, it
 * opens the console and says how to connect Slack and Discord.
 */
async function main(): Promise<number> {
  const env = readEnvironment();
  let running: RunningPlatform[] = [];
  let questionLog: QuestionLog | undefined;
  let live: LiveAnswerer | undefined;
  try {
    questionLog = openQuestionLog(env, logToStderr);
    live = startLiveKnowledge(env.KNOWLEDGE_DIR || defaultKnowledgeDir, logToStderr);
    const log = questionLog;
    const getAnswerer = live.current;
    const configured = platforms.filter((platform) => platform.isConfigured(env));
    if (configured.length === 0) {
      logToStderr('info', 'no Slack or Discord settings found, so starting the console. To connect Slack or Discord, fill in .env (see .env.example and the README).');
      await runConsole(getAnswerer, { input: process.stdin, output: process.stdout, onAnswer: (answer) => log.recordAnswer('cli', answer) });
      live.close();
      await log.close();
      return 0;
    }
    for (const platform of configured) {
      running.push(await platform.start({ env, getAnswerer, questionLog: log, log: logToStderr }));
      logToStderr('info', `${platform.name} started`);
    }
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        logToStderr('info', `${signal} received: finishing work in flight, then stopping`);
        resolve();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    await Promise.all(running.map((platform) => platform.stop()));
    running = [];
    live.close();
    await log.close();
    return 0;
  } catch (error) {
    logToStderr('error', describeError(error));
    await Promise.allSettled(running.map((platform) => platform.stop()));
    live?.close();
    await questionLog?.close();
    return error instanceof Error && (error as { code?: string }).code === 'CONFIG_INVALID' ? 2 : 1;
  }
}

process.exitCode = await main();
