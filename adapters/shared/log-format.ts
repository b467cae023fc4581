import { redactSecrets } from './redact.js';
import { describeError } from './settings.js';

/** Writes one line to the operator's log. Never given a secret. */
export type LogLine = (level: 'info' | 'warn' | 'error', message: string) => void;

/** How log lines are written: `human` (the default) or `json` (`LOG_FORMAT`). */
export type LogFormat = 'human' | 'json';

/** Human-readable lines on stderr: the time, the level, the message, secrets redacted. */
export function createHumanLog(write: (line: string) => void = (line) => process.stderr.write(line)): LogLine {
  return (level, message) => write(`${new Date().toISOString()} ${level} ${redactSecrets(message)}\n`);
}

/**
 * One JSON object per line on stderr, written by pino, for log pipelines:
 * `{"level":"info","time":"2026-…Z","pid":…,"hostname":"…","msg":"…"}`.
 * The message is redacted as in human lines. Written synchronously, so the
 * last lines before an exit are never lost.
 */
export async function createJsonLog(destination: { fd: number } = { fd: 2 }): Promise<LogLine> {
  // Loaded only when asked for: the default human log needs none of it.
  const { pino } = await import('pino');
  const stream = pino.destination({ fd: destination.fd, sync: true });
  // A log nobody reads any more (EPIPE) must not break, or loop through, whatever was logging.
  stream.on('error', () => undefined);
  const logger = pino({ timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } }, stream);
  return (level, message) => {
    try {
      logger[level](redactSecrets(message));
    } catch {
      // As above.
    }
  };
}

/** The operator's log in the given format. */
export function createLog(format: LogFormat): Promise<LogLine> {
  return format === 'json' ? createJsonLog() : Promise.resolve(createHumanLog());
}

/**
 * Sends everything else a process would print on its own through `log()`:
 * Node's warnings (in its own format they would break JSON lines) and any
 * error that escaped an adapter (every adapter catches errors at its edge;
 * these only report a slip, and the bot keeps answering).
 */
export function routeProcessOutput(log: () => LogLine): void {
  // When the log's reader is gone (its parent was killed), writes fail with EPIPE. Unheard, each failure
  // would be an uncaught exception, logged to the same dead stream, failing again, for ever.
  process.stderr.on('error', () => undefined);
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log()('warn', `node: ${warning.name}: ${warning.message}`));
  process.on('unhandledRejection', (reason) => log()('error', `unexpected failure (still running): ${describeError(reason)}`));
  process.on('uncaughtException', (error) => log()('error', `unexpected failure (still running): ${describeError(error)}`));
}
