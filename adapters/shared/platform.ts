import type { Answerer, QuestionLog } from '../../src/index.js';
import { redactSecrets } from './redact.js';

/** Writes one line to the operator's log. Never given a secret. */
export type LogLine = (level: 'info' | 'warn' | 'error', message: string) => void;

/** What `npm start` hands every platform adapter. */
export interface PlatformContext {
  env: NodeJS.ProcessEnv;
  /** The current answerer; call it per question, so a reloaded knowledge base takes effect at once. */
  getAnswerer: () => Answerer;
  questionLog: QuestionLog;
  log: LogLine;
}

/** A running adapter. */
export interface RunningPlatform {
  /** Stops accepting work, finishes what is in flight, and releases its ports and connections. */
  stop(): Promise<void>;
}

/** A way in (Slack, Discord): `npm start` starts each one whose settings are present. */
export interface PlatformAdapter {
  name: string;
  /** True when the settings this adapter needs are present (not necessarily valid: start() validates). */
  isConfigured(env: NodeJS.ProcessEnv): boolean;
  /** @throws {ConfigError} when its settings are missing or malformed. */
  start(context: PlatformContext): Promise<RunningPlatform>;
}

/** The default log: one line per event on stderr, with the time and level, secrets redacted. */
export const logToStderr: LogLine = (level, message) => {
  process.stderr.write(`${new Date().toISOString()} ${level} ${redactSecrets(message)}\n`);
};
