import { pathToFileURL } from 'node:url';
import { logAbovePrompt, startConsole } from './cli/run-console.js';
import { platforms } from './platforms.js';
import { createLog, routeProcessOutput } from './shared/log-format.js';
import { logToStderr, type LogLine, type PlatformAdapter, type RunningPlatform } from './shared/platform.js';
import { readStartSettings, startRuntime, type Runtime } from './shared/runtime.js';
import { describeError, readEnvironment } from './shared/settings.js';
import { exitCodeOf, serverFailureCodes } from './shared/exit-codes.js';

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
function waitForStopSignal(log: LogLine): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let receivedAt: number | null = null;
    const onSignal = (signal: NodeJS.Signals) => {
      if (receivedAt !== null) {
        if (performance.now() - receivedAt < repeatSignalMs) return;
        log('warn', `${signal} received again: stopping now, without waiting for work in flight`);
        process.exit(1);
      }
      receivedAt = performance.now();
      log('info', `${signal} received: finishing work in flight, then stopping`);
      setTimeout(() => {
        log('warn', `still stopping after ${shutdownGraceMs / 1000} s: giving up and exiting`);
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
  // Human lines until LOG_FORMAT has been read (a bad LOG_FORMAT is reported in them).
  let log: LogLine = logToStderr;
  // When the console runs (no platform configured), every log line, a knowledge reload's
  // included, is printed above its prompt and the prompt redrawn.
  const aboveConsole = logAbovePrompt((level, message) => log(level, message));
  const logNow: LogLine = aboveConsole.log;
  routeProcessOutput(() => log);
  const stopSignal = waitForStopSignal(logNow);
  let running: RunningPlatform[] = [];
  let runtime: Runtime | undefined;
  try {
    const configured = adapters.filter((platform) => platform.isConfigured(env));
    const settings = readStartSettings(env, configured);
    log = await createLog(settings.logFormat);
    runtime = await startRuntime({ env, settings, log: logNow, platforms: configured });
    const { services } = runtime;
    if (configured.length === 0) {
      log('info', 'no Slack or Discord settings found, so starting the console. To connect Slack or Discord, fill in .env (see .env.example, docs/slack.md and docs/discord.md).');
      const stop = new AbortController();
      void stopSignal.then(() => stop.abort());
      const terminalConsole = startConsole(services.getAnswerer, {
        input: process.stdin,
        output: process.stdout,
        questionLog: services.questionLog,
        signal: stop.signal,
      });
      aboveConsole.attach(terminalConsole);
      await terminalConsole.done;
      runtime.markStopping();
      await runtime.close();
      return 0;
    }
    for (const platform of configured) {
      const started = await platform.start(services);
      running.push(started);
      runtime.addPlatform(platform.title, started);
      log('info', `${platform.title} started`);
    }
    await stopSignal;
    runtime.markStopping();
    await Promise.all(running.map((platform) => platform.stop()));
    running = [];
    await runtime.close();
    log('info', 'stopped');
    return 0;
  } catch (error) {
    log('error', describeError(error));
    await Promise.allSettled(running.map((platform) => platform.stop()));
    await runtime?.close();
    return exitCodeOf(error, serverFailureCodes);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
  // Whatever a platform library left open (sockets, timers) must not keep a stopped bot alive.
  process.exit();
}
