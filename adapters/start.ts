import { pathToFileURL } from 'node:url';
import type { LiveAnswerer, QuestionLog } from '../src/index.js';
import { logAbovePrompt, startConsole } from './cli/run-console.js';
import { platforms } from './platforms.js';
import { startLiveKnowledge } from './shared/live-knowledge.js';
import { logToStderr, type PlatformAdapter, type RunningPlatform } from './shared/platform.js';
import { openQuestionLog } from './shared/question-log-settings.js';
import { knowledgeDirOf, describeError, readEnvironment } from './shared/settings.js';

/** How long a clean stop may take before the process gives up waiting and exits 1. */
const shutdownGraceMs = 10_000;

/**
 * Signals this close together are one request: Ctrl-C reaches every process
 * in the group, and npm forwards it to its child as well.
 */
const repeatSignalMs = 1_000;

/**
 * Resolves with the signal's name on the first SIGTERM or SIGINT. Past that,
 * a second signal (a second or more later), or a stop that outlasts the grace
 * period, ends the process at once with exit code 1: an operator can always
 * get their terminal back.
 */
function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let receivedAt: number | null = null;
    const onSignal = (signal: NodeJS.Signals) => {
      if (receivedAt !== null) {
        if (performance.now() - receivedAt < repeatSignalMs) return;
        logToStderr('warn', `${signal} received again: stopping now, without waiting for work in flight`);
        process.exit(1);
      }
      receivedAt = performance.now();
      logToStderr('info', `${signal} received: finishing work in flight, then stopping`);
      setTimeout(() => {
        logToStderr('warn', `still stopping after ${shutdownGraceMs / 1000} s: giving up and exiting`);
        process.exit(1);
      }, shutdownGraceMs).unref();
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * `npm start`: starts every adapter whose settings are present. With none, it
 * opens the console and says how to connect Slack and Discord. Stops cleanly
 * (exit 0) on SIGTERM or SIGINT.
 */
export async function main(adapters: readonly PlatformAdapter[] = platforms): Promise<number> {
  const env = readEnvironment();
  const stopSignal = waitForStopSignal();
  // Every adapter catches errors at its edge; these only report a slip, and the bot keeps answering.
  process.on('unhandledRejection', (reason) => logToStderr('error', `unexpected failure (still running): ${describeError(reason)}`));
  process.on('uncaughtException', (error) => logToStderr('error', `unexpected failure (still running): ${describeError(error)}`));
  let running: RunningPlatform[] = [];
  let questionLog: QuestionLog | undefined;
  let live: LiveAnswerer | undefined;
  try {
    questionLog = openQuestionLog(env, logToStderr);
    // With no platform configured the console runs: reloads are then logged above its prompt.
    const reloadLog = logAbovePrompt(logToStderr);
    live = startLiveKnowledge(knowledgeDirOf(env), reloadLog.log);
    const log = questionLog;
    const getAnswerer = live.current;
    const configured = adapters.filter((platform) => platform.isConfigured(env));
    if (configured.length === 0) {
      logToStderr('info', 'no Slack or Discord settings found, so starting the console. To connect Slack or Discord, fill in .env (see .env.example and the README).');
      const stop = new AbortController();
      void stopSignal.then(() => stop.abort());
      const terminalConsole = startConsole(getAnswerer, { input: process.stdin, output: process.stdout, onAnswer: (answer, context) => log.recordAnswer('cli', answer, undefined, context), signal: stop.signal });
      reloadLog.attach(terminalConsole);
      await terminalConsole.done;
      live.close();
      await log.close();
      return 0;
    }
    for (const platform of configured) {
      running.push(await platform.start({ env, getAnswerer, questionLog: log, log: logToStderr }));
      logToStderr('info', `${platform.name} started`);
    }
    await stopSignal;
    await Promise.all(running.map((platform) => platform.stop()));
    running = [];
    live.close();
    await log.close();
    logToStderr('info', 'stopped');
    return 0;
  } catch (error) {
    logToStderr('error', describeError(error));
    await Promise.allSettled(running.map((platform) => platform.stop()));
    live?.close();
    await questionLog?.close();
    return error instanceof Error && (error as { code?: string }).code === 'CONFIG_INVALID' ? 2 : 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
  // Whatever a platform library left open (sockets, timers) must not keep a stopped bot alive.
  process.exit();
}
